package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.core.Upkeep;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code camarad history}: the latest applied runs, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List the latest runs, newest first, from the state directory.")
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Spec CommandSpec spec;
  @Mixin EngineOptions engine;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many runs to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the reports as a JSON array.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    Terminal terminal = root.terminal();
    try (Upkeep upkeep = engine.open(terminal)) {
      List<RunReport> runs = upkeep.history(limit);
      if (json) {
        terminal.out().println(ReportJson.write(runs));
      } else {
        print(runs, terminal.out(), terminal.palette());
      }
      terminal.out().flush();
      return ExitCode.OK.code();
    }
  }

  private static void print(List<RunReport> runs, PrintWriter out, Palette palette) {
    if (runs.isEmpty()) {
      out.println("No runs yet.");
      return;
    }
    TextTable table = new TextTable("RUN", "STARTED", "MODE", "STATUS", "TIME", "TASKS");
    for (RunReport run : runs) {
      table.row(
          run.runId(),
          run.startedAt() == null
              ? "-"
              : run.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
          run.mode() == null ? "-" : run.mode().name().toLowerCase(java.util.Locale.ROOT),
          Labels.of(run.status()),
          Durations.format(ReportTable.duration(run)),
          ReportTable.counts(run, ", "));
    }
    table.print(out, palette);
  }
}
