package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code emperor-eternal} tone: the seed's four acts (ingestion, execution, self-maintenance,
 * liberation) told around the real results. Every claim it makes is taken from the run: a failed
 * run gets a sober ending that names what failed, never a triumph.
 */
final class EmperorNarrative {
  private final Palette palette;

  EmperorNarrative(Palette palette) {
    this.palette = palette;
  }

  /** The first act, told once the engine has read the protocol and ordered the tasks. */
  List<String> ingestion(RunStarted started) {
    List<String> lines = new ArrayList<>();
    lines.add(palette.bold("⟡ CBLM.001 · the upkeep of the empire begins"));
    lines.add(
        "⟡ I. Ingestion. The protocol '"
            + started.protocol()
            + "' has been read and"
            + " weighed: "
            + started.taskIds().size()
            + " duties stand in the order of the law: "
            + String.join(" → ", started.taskIds())
            + ".");
    lines.add(
        "⟡ II. Execution. "
            + (started.mode() == RunMode.APPLY
                ? "The hands of the machine go to work on every system in turn."
                : "A rehearsal only: the machine looks, and touches nothing."));
    return lines;
  }

  /** The closing acts, after the real summary has been printed. */
  List<String> ending(RunReport report) {
    if (report.status().failed()) {
      return sober(report);
    }
    if (report.mode() == RunMode.PLAN) {
      return rehearsal(report);
    }
    return triumph(report);
  }

  private List<String> triumph(RunReport report) {
    List<String> lines = new ArrayList<>();
    long changed = count(report, s -> s == TaskStatus.APPLIED);
    long steady = count(report, s -> s == TaskStatus.UP_TO_DATE);
    String work =
        report.status() == RunStatus.NOTHING_TO_DO
            ? "Nothing had drifted: " + steady + " duties were found already in order."
            : changed + " duties were carried out, " + steady + " were found already in order.";
    lines.add(
        "⟡ III. Self-maintenance. "
            + work
            + waiting(report)
            + " What was done is written in the run's record, so tomorrow's run knows where to"
            + " begin.");
    lines.add(
        palette.green(
            "⟡ IV. Liberation. The emperor may rest: the machine keeps the"
                + " watch, run "
                + report.runId()
                + " ended well."));
    return lines;
  }

  private String waiting(RunReport report) {
    List<String> skipped = ids(report, s -> s == TaskStatus.SKIPPED);
    return skipped.isEmpty() ? "" : " Awaiting their keys: " + String.join(", ", skipped) + ".";
  }

  private List<String> rehearsal(RunReport report) {
    long due = count(report, s -> s == TaskStatus.DUE || s == TaskStatus.UNPREDICTABLE);
    return List.of(
        "⟡ The rehearsal is over: "
            + due
            + " duties would act on an apply. Nothing"
            + " was changed; add --apply-now (without --dry-run) to carry them out.");
  }

  private List<String> sober(RunReport report) {
    List<String> failed = ids(report, TaskStatus::failed);
    List<String> notRun = ids(report, s -> s == TaskStatus.NOT_RUN);
    String kept = kept(report);
    List<String> lines = new ArrayList<>();
    lines.add(
        palette.red(
            "⟡ The upkeep did not complete. Failed: "
                + (failed.isEmpty() ? "the run itself" : String.join(", ", failed))
                + "."));
    lines.add(
        "⟡ Kept: "
            + kept
            + ". Not run: "
            + listOrNone(notRun)
            + ". Run status: "
            + Labels.of(report.status())
            + ".");
    lines.add("⟡ The watch is not over: read the error above, fix its cause, and run again.");
    return lines;
  }

  /** What the failed run leaves in order: the applied tasks, then the up-to-date ones. */
  private static String kept(RunReport report) {
    List<String> groups = new ArrayList<>();
    List<String> applied = ids(report, s -> s == TaskStatus.APPLIED);
    List<String> steady = ids(report, s -> s == TaskStatus.UP_TO_DATE);
    if (!applied.isEmpty()) {
      groups.add(String.join(", ", applied));
    }
    if (!steady.isEmpty()) {
      groups.add(String.join(", ", steady) + " (already in order)");
    }
    return groups.isEmpty() ? "none" : String.join("; ", groups);
  }

  private static long count(RunReport report, Predicate<TaskStatus> wanted) {
    return report.tasks().stream().filter(t -> wanted.test(t.status())).count();
  }

  private static List<String> ids(RunReport report, Predicate<TaskStatus> wanted) {
    return report.tasks().stream()
        .filter(t -> wanted.test(t.status()))
        .map(TaskReport::taskId)
        .collect(Collectors.toList());
  }

  private static String listOrNone(List<String> ids) {
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }
}
