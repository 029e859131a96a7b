package io.camarad.upkeep.api;

/**
 * What happened to one task in a run.
 *
 * @since 0.1
 */
public enum TaskStatus {
  /** Plan only: the task would change something. */
  DUE,
  /** Plan only: the task cannot predict its effect and will run. */
  UNPREDICTABLE,
  /** Nothing to do; the summary says why. */
  UP_TO_DATE,
  /**
   * Skipped on purpose: disabled, or its service is not configured (the summary says what to set).
   */
  SKIPPED,
  /** Applied successfully. */
  APPLIED,
  /** Failed; its partial work, if any, is still there. */
  FAILED,
  /** Failed, and its partial work was undone. */
  FAILED_UNDONE,
  /** Applied, then compensated because another task of an all-or-nothing run failed. */
  COMPENSATED,
  /** Not run because a task it depends on failed, or the run was cancelled first. */
  NOT_RUN;

  /** Whether this status is a failure of the task itself. */
  public boolean failed() {
    return this == FAILED || this == FAILED_UNDONE;
  }
}
