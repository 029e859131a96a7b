package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plain end-of-run summary: a header, one row per task, the changes of due tasks, the errors of
 * failed ones, and the counts by status.
 */
final class ReportTable {
  static final int MAX_CHANGES_SHOWN = 8;

  /** The order of the counts line: what changed first, what did not run last. */
  private static final List<TaskStatus> COUNT_ORDER =
      List.of(
          TaskStatus.APPLIED,
          TaskStatus.DUE,
          TaskStatus.UNPREDICTABLE,
          TaskStatus.UP_TO_DATE,
          TaskStatus.SKIPPED,
          TaskStatus.FAILED,
          TaskStatus.FAILED_UNDONE,
          TaskStatus.COMPENSATED,
          TaskStatus.NOT_RUN);

  /** Where a person finds an error's full text once the table has cut it. */
  static final String FULL_MESSAGE = " (the full message: camarad history --json)";

  private final Palette palette;

  ReportTable(Palette palette) {
    this.palette = palette;
  }

  String render(RunReport report) {
    List<String> lines = new ArrayList<>();
    lines.add(header(report));
    lines.addAll(rows(report.tasks()));
    lines.add(counts(report, " · "));
    runError(report).ifPresent(lines::add);
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private String header(RunReport report) {
    String mode = report.mode() == RunMode.PLAN ? "plan" : "apply";
    String name = report.protocol() == null ? "" : " of '" + report.protocol() + "'";
    String status = palette.status(report.status(), Labels.of(report.status()));
    return palette.bold(mode + name)
        + " · run "
        + report.runId()
        + " · "
        + status
        + " in "
        + Durations.format(duration(report));
  }

  private List<String> rows(List<TaskReport> tasks) {
    int idWidth = Math.max(4, tasks.stream().mapToInt(t -> t.taskId().length()).max().orElse(4));
    int statusWidth = tasks.stream().mapToInt(t -> Labels.of(t.status()).length()).max().orElse(6);
    statusWidth = Math.max(6, statusWidth);
    List<String> lines = new ArrayList<>();
    lines.add(
        palette.dim(
            "  "
                + pad("TASK", idWidth)
                + "  "
                + pad("STATUS", statusWidth)
                + "  "
                + pad("TIME", 8)
                + "  SUMMARY"));
    for (TaskReport task : tasks) {
      lines.add(row(task, idWidth, statusWidth));
      lines.addAll(details(task));
    }
    return lines;
  }

  private String row(TaskReport task, int idWidth, int statusWidth) {
    String status = palette.status(task.status(), pad(Labels.of(task.status()), statusWidth));
    return "  "
        + pad(task.taskId(), idWidth)
        + "  "
        + status
        + "  "
        + pad(Durations.format(task.duration()), 8)
        + "  "
        + Labels.summaryAfterStatus(task);
  }

  private List<String> details(TaskReport task) {
    List<String> lines = new ArrayList<>();
    if (task.status() == TaskStatus.DUE || task.status() == TaskStatus.UNPREDICTABLE) {
      lines.addAll(changes(task.changes()));
    }
    if (task.error() != null) {
      lines.addAll(taskError(task.error()));
    }
    return lines;
  }

  private List<String> changes(List<PlannedChange> changes) {
    List<String> lines = new ArrayList<>();
    changes.stream().limit(MAX_CHANGES_SHOWN).forEach(c -> lines.add("      - " + c));
    if (changes.size() > MAX_CHANGES_SHOWN) {
      lines.add("      - ... and " + (changes.size() - MAX_CHANGES_SHOWN) + " more");
    }
    return lines;
  }

  /**
   * A task's error under its row: the type only, since the row's summary already says what failed
   * in one line; then the failures attached to it (while undoing).
   */
  private static List<String> taskError(ErrorInfo error) {
    List<String> lines = new ArrayList<>();
    String more = OneLine.isCut(error.message()) ? FULL_MESSAGE : "";
    lines.add("      error: " + error.type() + more);
    for (ErrorInfo attached : error.attached()) {
      lines.addAll(error(attached, "        ", "then: "));
    }
    return lines;
  }

  /**
   * An error cut to one line and, indented below it, the failures attached to it (while undoing).
   */
  static List<String> error(ErrorInfo error, String indent, String label) {
    List<String> lines = new ArrayList<>();
    lines.add(indent + label + error.type() + ": " + OneLine.of(error.message()));
    for (ErrorInfo attached : error.attached()) {
      lines.addAll(error(attached, indent + "  ", "then: "));
    }
    return lines;
  }

  /** "2 applied · 1 up to date": how many tasks ended in each status. */
  static String counts(RunReport report, String separator) {
    Map<TaskStatus, Long> counts =
        report.tasks().stream()
            .collect(Collectors.groupingBy(TaskReport::status, Collectors.counting()));
    if (counts.isEmpty()) {
      return "no tasks";
    }
    return COUNT_ORDER.stream()
        .filter(counts::containsKey)
        .map(s -> counts.get(s) + " " + Labels.of(s).toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(separator));
  }

  private java.util.Optional<String> runError(RunReport report) {
    if (report.error() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        String.join(System.lineSeparator(), error(report.error(), "", "error: ")));
  }

  static Duration duration(RunReport report) {
    if (report.startedAt() == null || report.finishedAt() == null) {
      return Duration.ZERO;
    }
    return report.duration();
  }

  static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
