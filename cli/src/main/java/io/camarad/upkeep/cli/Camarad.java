package io.camarad.upkeep.cli;

import io.camarad.upkeep.core.Upkeep;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code camarad} command: parses arguments, wires the engine, prints what happened. It holds
 * no engine logic.
 *
 * @since 0.1
 */
@Command(
    name = "camarad",
    mixinStandardHelpOptions = true,
    versionProvider = Camarad.EngineVersion.class,
    description =
        "Runs the upkeep described by a protocol file (cblm001.yaml): plan it, apply it,"
            + " and see what the engine found.",
    subcommands = {
      PlanCommand.class,
      ApplyCommand.class,
      CamardExecCommand.class,
      TasksCommand.class,
      HistoryCommand.class,
      ConfigCommand.class,
      DoctorCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run succeeded, or there was nothing to do",
      "1:a task failed, or the run could not be carried out (doctor: a probe is down)",
      "2:bad usage, or a protocol or plugin problem (nothing was changed)",
      "3:another run holds the lock (the message names the holder)",
      "4:a saved plan no longer matches what it saw (nothing was changed)"
    })
public final class Camarad implements Runnable {
  private final Terminal terminal;

  @Spec CommandSpec spec;

  Camarad(Terminal terminal) {
    this.terminal = terminal;
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    Terminal terminal = new Terminal(out, err, System.getenv(), System.console() != null);
    int code = run(terminal, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line against {@code terminal} and returns the exit code. */
  static int run(Terminal terminal, String... args) {
    return commandLine(terminal).execute(args);
  }

  /** The configured picocli command line, for {@link #run} and for tests. */
  static CommandLine commandLine(Terminal terminal) {
    ConsoleNotifier.useWriters(terminal.out(), terminal.err());
    CommandLine line = new CommandLine(new Camarad(terminal));
    line.setOut(terminal.out());
    line.setErr(terminal.err());
    line.setColorScheme(CommandLine.Help.defaultColorScheme(ansi(terminal)));
    line.setExecutionExceptionHandler(new FailureHandler(terminal));
    line.setParameterExceptionHandler(Camarad::badUsage);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setUsageHelpWidth(100);
    return line;
  }

  /** A usage error: the message and where to read more, not the whole help text. */
  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println("camarad: " + e.getMessage());
    err.println("See: " + failed.getCommandSpec().qualifiedName() + " --help");
    err.flush();
    return ExitCode.USAGE.code();
  }

  private static CommandLine.Help.Ansi ansi(Terminal terminal) {
    return terminal.palette().enabled() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
  }

  Terminal terminal() {
    return terminal;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: plan, apply, camard-exec, tasks, history, config, doctor or"
            + " completion");
  }

  /** {@code --version}: the engine's version. */
  static final class EngineVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"camarad " + Upkeep.version(), "Java " + Runtime.version()};
    }
  }
}
