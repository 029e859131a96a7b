package io.camarad.upkeep.cli;

import io.camarad.upkeep.core.ConfigurationFailedException;
import io.camarad.upkeep.core.DiscoveryFailedException;
import io.camarad.upkeep.core.EngineFailureException;
import io.camarad.upkeep.core.LockedException;
import io.camarad.upkeep.core.PlanDriftException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what the engine refused into lines on the standard error and the documented exit code.
 * Nothing has changed when one of these is thrown: the engine refuses before it acts.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  private final Terminal terminal;

  FailureHandler(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
    PrintWriter err = terminal.err();
    Palette palette = terminal.palette();
    ExitCode code = report(e, err, palette);
    err.flush();
    return code.code();
  }

  static ExitCode report(Exception e, PrintWriter err, Palette palette) {
    if (e instanceof ConfigurationFailedException failed) {
      err.println(palette.red("camarad: the protocol has problems; nothing was run:"));
      failed.problems().forEach(problem -> err.println(problem.format()));
      return ExitCode.USAGE;
    }
    if (e instanceof LockedException locked) {
      err.println(
          palette.red("camarad: another upkeep is running: ")
              + (locked.holder() == null ? locked.getMessage() : locked.holder().describe()));
      err.println("Wait for it to finish; a crashed holder's lease lapses by itself.");
      return ExitCode.LOCKED;
    }
    if (e instanceof PlanDriftException drift) {
      err.println(palette.red("camarad: the saved plan no longer matches; nothing was applied:"));
      drift.drifts().forEach(line -> err.println("  " + line));
      err.println("Make a new plan with: camarad plan --save FILE");
      return ExitCode.DRIFT;
    }
    if (e instanceof DiscoveryFailedException
        || e instanceof EngineOptions.MissingProtocolException
        || e instanceof EngineOptions.BadOptionException
        || e instanceof CommandLine.ParameterException) {
      err.println(palette.red("camarad: ") + e.getMessage());
      return ExitCode.USAGE;
    }
    if (e instanceof EngineFailureException) {
      err.println(palette.red("camarad: the run could not be carried out: ") + e.getMessage());
      return ExitCode.TASK_FAILED;
    }
    err.println(palette.red("camarad: unexpected failure: ") + e);
    e.printStackTrace(err);
    return ExitCode.TASK_FAILED;
  }
}
