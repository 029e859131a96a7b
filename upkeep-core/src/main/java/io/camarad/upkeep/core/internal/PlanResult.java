package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import java.time.Duration;

/**
 * The plan of one task and the engine's decision about it.
 *
 * @param plan the task's plan, or {@code null} if planning failed or the task was not asked
 * @param status DUE, UNPREDICTABLE, UP_TO_DATE, SKIPPED or FAILED
 * @param summary the line to report
 * @param due whether apply would run the task
 * @param error the planning failure, or {@code null}
 * @param failure the raw planning failure, or {@code null}
 * @param duration how long planning took
 */
public record PlanResult(
    TaskPlan plan,
    TaskStatus status,
    String summary,
    boolean due,
    ErrorInfo error,
    Throwable failure,
    Duration duration) {

  /** A task the engine does not ask to plan (disabled, not configured, dependency failed). */
  public static PlanResult notAsked(TaskStatus status, String summary) {
    return new PlanResult(null, status, summary, false, null, null, Duration.ZERO);
  }
}
