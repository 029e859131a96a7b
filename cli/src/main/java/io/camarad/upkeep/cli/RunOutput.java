package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.core.NotifierStatus;
import io.camarad.upkeep.core.RunListener;
import java.io.PrintWriter;
import java.util.List;

/**
 * How one plan or apply is shown, by tone. With {@code json} the standard output carries the
 * report's JSON and nothing else: progress and notifications go to the standard error.
 */
final class RunOutput {
  private final Terminal terminal;
  private final Tone tone;
  private final Palette palette;

  RunOutput(Terminal terminal, Tone tone) {
    this.terminal = terminal;
    this.tone = tone;
    this.palette = terminal.palette();
    ConsoleNotifier.useWriters(human(), terminal.err());
  }

  /** Where lines for a person go: stdout, or stderr when stdout carries JSON. */
  PrintWriter human() {
    return tone == Tone.JSON ? terminal.err() : terminal.out();
  }

  /** Prints progress while tasks run, after the narrative's first acts for that tone. */
  RunListener listener() {
    EmperorNarrative narrative = new EmperorNarrative(palette);
    return new ProgressPrinter(
        human(),
        palette,
        ProgressPrinter.DEFAULT_INTERVAL,
        System::nanoTime,
        started -> tone == Tone.EMPEROR_ETERNAL ? narrative.ingestion(started) : List.of());
  }

  /** A line for a person before the run (never on stdout in JSON tone). */
  void note(String line) {
    human().println(palette.dim(line));
    human().flush();
  }

  /**
   * Prints the report in the tone, then one line for each notifier that was skipped (on the
   * standard error in JSON tone), and returns the exit code the report stands for.
   */
  ExitCode finish(RunReport report, List<NotifierStatus> notifiers) {
    ExitCode code = finish(report);
    skipped(notifiers).forEach(line -> human().println(palette.dim(line)));
    human().flush();
    return code;
  }

  /** "notifier discord skipped: set DISCORD_WEBHOOK_URL", for each notifier not told. */
  static List<String> skipped(List<NotifierStatus> notifiers) {
    return notifiers.stream()
        .filter(n -> !n.active())
        .map(
            n ->
                "notifier "
                    + n.type()
                    + " skipped"
                    + (n.skippedBecause().isBlank() ? "" : ": " + reason(n.skippedBecause())))
        .toList();
  }

  private static String reason(String skippedBecause) {
    String prefix = "not configured: ";
    return skippedBecause.startsWith(prefix)
        ? skippedBecause.substring(prefix.length())
        : skippedBecause;
  }

  /** Prints the report in the tone and returns the exit code it stands for. */
  private ExitCode finish(RunReport report) {
    switch (tone) {
      case JSON -> terminal.out().println(ReportJson.write(report));
      case PLAIN -> terminal.out().print(new ReportTable(palette).render(report));
      case EMPEROR_ETERNAL -> {
        terminal.out().print(new ReportTable(palette).render(report));
        new EmperorNarrative(palette).ending(report).forEach(terminal.out()::println);
      }
    }
    terminal.out().flush();
    return report.status().failed() ? ExitCode.TASK_FAILED : ExitCode.OK;
  }
}
