package io.camarad.upkeep.api;

/**
 * How far a task can undo its own work.
 *
 * @since 0.1
 */
public enum Reversibility {
  /** Nothing can be undone; a failure leaves what was done, and the next run converges. */
  NONE,
  /** The task can undo the partial work of a failed apply, but not a completed one. */
  PARTIAL,
  /** The task can undo a failed apply and compensate a completed one. */
  FULL;

  /** Whether {@link UpkeepTask#undo} may be called with the given reason. */
  public boolean allows(UndoReason reason) {
    return switch (reason) {
      case FAILED -> this != NONE;
      case COMPENSATE -> this == FULL;
    };
  }
}
