package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.NotifierContext;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code console} notifier: tells the terminal that a run started and how it ended, in the few
 * lines a chat notification would have. It is the notifier of the embedded default; the CLI owns
 * the terminal, so the notifier lives here and not in a plugin.
 *
 * <p>Settings: {@code stream} ({@code stdout} or {@code stderr}, default {@code stdout}). When the
 * CLI prints JSON on the standard output it sends notifications to the standard error.
 *
 * @since 0.1
 */
public final class ConsoleNotifier implements Notifier {
  private static volatile PrintWriter stdout = new PrintWriter(System.out, true);
  private static volatile PrintWriter stderr = new PrintWriter(System.err, true);

  /** Directs notifications to these writers (the CLI's own), for this process. */
  static void useWriters(PrintWriter out, PrintWriter err) {
    stdout = out;
    stderr = err;
  }

  @Override
  public String type() {
    return "console";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .choice("stream", "where to print: stdout or stderr", "stdout", "stderr")
        .build();
  }

  @Override
  public void runStarted(NotifierContext context, RunStarted started) {
    PrintWriter out = writer(context);
    out.println(
        "[notify] upkeep '"
            + started.protocol()
            + "' "
            + started.mode().name().toLowerCase(java.util.Locale.ROOT)
            + " started: run "
            + started.runId()
            + " on "
            + started.host()
            + ", "
            + started.taskIds().size()
            + " tasks");
    out.flush();
  }

  @Override
  public void runFinished(NotifierContext context, RunReport report) {
    PrintWriter out = writer(context);
    message(report).forEach(out::println);
    out.flush();
  }

  /** The lines of the end-of-run notification. */
  static List<String> message(RunReport report) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "[notify] upkeep '"
            + report.protocol()
            + "' run "
            + report.runId()
            + " "
            + Labels.of(report.status())
            + " in "
            + Durations.format(ReportTable.duration(report))
            + ": "
            + ReportTable.counts(report, ", "));
    for (TaskReport task : report.tasks()) {
      if (task.status().failed() && task.error() != null) {
        lines.add("[notify]   " + task.taskId() + " " + OneLine.of(task.summary()));
      }
    }
    return lines;
  }

  private static PrintWriter writer(NotifierContext context) {
    String stream = context.settings().find("stream", String.class).orElse("stdout");
    return "stderr".equals(stream) ? stderr : stdout;
  }
}
