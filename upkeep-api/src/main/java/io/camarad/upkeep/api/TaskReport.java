package io.camarad.upkeep.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one task in a run.
 *
 * @param taskId the task's id
 * @param status the outcome
 * @param summary one line: what it changed, why it was up to date or skipped, or what failed
 * @param changes the planned changes (for a plan or an apply)
 * @param duration how long plan and apply took together
 * @param usage usage counters and outcome counts
 * @param error the failure, or {@code null}
 * @param source where the task came from: "jar (version)"
 * @since 0.1
 */
public record TaskReport(
    String taskId,
    TaskStatus status,
    String summary,
    List<PlannedChange> changes,
    Duration duration,
    Map<String, Long> usage,
    ErrorInfo error,
    String source) {
  public TaskReport {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(source, "source");
    changes = List.copyOf(changes);
    usage = Map.copyOf(usage);
  }
}
