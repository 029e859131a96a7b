package io.camarad.upkeep.testkit;

import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@link TaskHarness#apply()} came to: the plan, the engine's decision, and the outcome or
 * failure, exactly as the engine would record it.
 *
 * @since 0.1
 */
public final class RunResult {
  private final String runId;
  private final TaskPlan plan;
  private final TaskReport report;
  private final TaskOutcome outcome;
  private final Throwable error;

  RunResult(String runId, TaskPlan plan, TaskReport report, TaskOutcome outcome, Throwable error) {
    this.runId = runId;
    this.plan = plan;
    this.report = report;
    this.outcome = outcome;
    this.error = error;
  }

  /** The run's id. */
  public String runId() {
    return runId;
  }

  /** The plan the task made, or {@code null} if planning failed. */
  public TaskPlan plan() {
    return plan;
  }

  /** APPLIED, UP_TO_DATE, SKIPPED, FAILED or FAILED_UNDONE. */
  public TaskStatus status() {
    return report.status();
  }

  /** Whether the task applied or was up to date. */
  public boolean succeeded() {
    return status() == TaskStatus.APPLIED || status() == TaskStatus.UP_TO_DATE;
  }

  /** The reported summary line, secrets masked. */
  public String summary() {
    return report.summary();
  }

  /**
   * What apply returned (for an up-to-date task, the reason as summary).
   *
   * @throws IllegalStateException if the task did not apply, with its failure as the cause
   */
  public TaskOutcome outcome() {
    if (outcome == null) {
      throw new IllegalStateException(
          "task '"
              + report.taskId()
              + "' has no outcome: "
              + report.status()
              + ", "
              + report.summary(),
          error);
    }
    return outcome;
  }

  /** The failure (of plan, apply or saving state), if the task failed. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** Usage counters and outcome counts, as reported. */
  public Map<String, Long> usage() {
    return report.usage();
  }

  /** The task's report as it would appear in the run report. */
  public TaskReport report() {
    return report;
  }

  @Override
  public String toString() {
    return "RunResult[" + report.taskId() + " " + report.status() + ": " + report.summary() + "]";
  }
}
