package io.camarad.upkeep.core.internal;

import java.util.function.UnaryOperator;

/**
 * A copy of a failure whose messages (its own and its causes') have secrets masked, with the
 * original stack traces, so that it can be logged or rethrown safely.
 */
public final class SanitizedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String originalType;

  private SanitizedException(String originalType, String message, Throwable cause) {
    super(message, cause);
    this.originalType = originalType;
  }

  /** A masked copy of {@code failure} and its cause chain. */
  public static SanitizedException of(Throwable failure, UnaryOperator<String> masker) {
    return copy(failure, masker, 0);
  }

  private static SanitizedException copy(
      Throwable failure, UnaryOperator<String> masker, int depth) {
    Throwable cause = failure.getCause();
    SanitizedException copiedCause =
        cause == null || cause == failure || depth > 20 ? null : copy(cause, masker, depth + 1);
    String message = failure.getMessage() == null ? "" : masker.apply(failure.getMessage());
    SanitizedException copy =
        new SanitizedException(failure.getClass().getName(), message, copiedCause);
    copy.setStackTrace(failure.getStackTrace());
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(copy(suppressed, masker, depth + 1));
    }
    return copy;
  }

  /** The class name of the original failure. */
  public String originalType() {
    return originalType;
  }

  @Override
  public String toString() {
    String message = getMessage();
    return message == null || message.isEmpty() ? originalType : originalType + ": " + message;
  }
}
