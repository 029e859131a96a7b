package io.camarad.upkeep.api;

/**
 * How a run ended.
 *
 * @since 0.1
 */
public enum RunStatus {
  /** Every due task applied. */
  SUCCEEDED,
  /** Nothing was due (or, for a plan, nothing would change). */
  NOTHING_TO_DO,
  /** A plan found changes to apply. */
  PLANNED,
  /** A task failed; what applied was kept, except the failed task's own partial work. */
  FAILED,
  /** A task failed in an all-or-nothing run and every applied task was compensated. */
  FAILED_UNDONE,
  /** A task failed and undoing (its own work or the compensation) failed part way. */
  FAILED_PARTLY_UNDONE;

  /** Whether this state is a failure. */
  public boolean failed() {
    return this == FAILED || this == FAILED_UNDONE || this == FAILED_PARTLY_UNDONE;
  }
}
