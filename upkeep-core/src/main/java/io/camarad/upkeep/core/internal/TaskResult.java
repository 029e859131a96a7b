package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskReport;

/**
 * What applying one task came to.
 *
 * @param report the task's report
 * @param outcome what apply returned, or {@code null}
 * @param failure the raw failure (apply, undo or state), or {@code null}
 * @param undoFailed whether undoing the task's own partial work failed
 */
public record TaskResult(
    TaskReport report, TaskOutcome outcome, Throwable failure, boolean undoFailed) {

  /** Whether the task's apply ran and succeeded (a candidate for compensation). */
  public boolean applied() {
    return report.status() == io.camarad.upkeep.api.TaskStatus.APPLIED;
  }
}
