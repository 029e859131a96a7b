package io.camarad.upkeep.api;

/**
 * The cooperative cancellation signal of a task call. A task checks it between units of work (a
 * batch, a file, a request) and stops early when it is set, leaving what it did consistent.
 *
 * @since 0.1
 */
public interface Cancellation {

  /** Whether the task should stop: its deadline passed or the run was cancelled. */
  boolean isCancelled();

  /** Why the task was cancelled, or an empty string. */
  String reason();

  /**
   * Throws if the task should stop.
   *
   * @throws CancelledException naming the reason
   */
  default void throwIfCancelled() throws CancelledException {
    if (isCancelled()) {
      throw new CancelledException(reason());
    }
  }
}
