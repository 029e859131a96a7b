package io.camarad.upkeep.api;

/**
 * Why the engine asks a task to undo its work.
 *
 * @since 0.1
 */
public enum UndoReason {
  /** The task's own apply failed: undo its partial work. */
  FAILED,
  /** The task applied, but another task of an all-or-nothing run failed: compensate. */
  COMPENSATE
}
