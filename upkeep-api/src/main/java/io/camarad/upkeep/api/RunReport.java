package io.camarad.upkeep.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of one run: written as JSON to the run history, appended to the audit log, and handed
 * to every notifier. Secrets are masked in every text it holds.
 *
 * @param runId the run's id
 * @param protocol the protocol's name
 * @param host the host that ran it
 * @param mode plan or apply
 * @param status how it ended
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param engineVersion the engine's version
 * @param tasks one report per task, in run order
 * @param error the first failure of the run, with later ones attached, or {@code null}
 * @since 0.1
 */
public record RunReport(
    String runId,
    String protocol,
    String host,
    RunMode mode,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    String engineVersion,
    List<TaskReport> tasks,
    ErrorInfo error) {
  public RunReport {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    tasks = List.copyOf(tasks);
  }

  /** How long the run took. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** The report of one task. */
  public Optional<TaskReport> task(String taskId) {
    return tasks.stream().filter(t -> t.taskId().equals(taskId)).findFirst();
  }
}
