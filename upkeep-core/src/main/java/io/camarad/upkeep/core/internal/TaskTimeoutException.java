package io.camarad.upkeep.core.internal;

import java.time.Duration;

/** A task passed its deadline and stopped (or was stopped). */
public final class TaskTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  TaskTimeoutException(String taskId, Duration timeout, Throwable cause) {
    super(
        "task '"
            + taskId
            + "' passed its deadline of "
            + timeout
            + "; raise tasks."
            + taskId
            + ".timeout in the protocol if it needs longer",
        cause);
  }
}
