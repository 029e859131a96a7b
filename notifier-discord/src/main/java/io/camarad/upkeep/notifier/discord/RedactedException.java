package io.camarad.upkeep.notifier.discord;

import java.io.IOException;

/**
 * Stands in for an I/O failure whose message might carry a webhook URL (OkHttp puts URLs in some of
 * its messages): same class name, stack trace and causes, with every secret in their messages
 * masked. Only this copy is ever attached to an exception the notifier throws.
 */
final class RedactedException extends IOException {
  private static final long serialVersionUID = 1L;

  private RedactedException(String message) {
    super(message);
  }

  /** A copy of {@code failure} and its causes with every occurrence of a secret masked. */
  static RedactedException of(Throwable failure, Redactor redactor) {
    String message = failure.getClass().getName() + ": " + redactor.apply(failure.getMessage());
    RedactedException copy = new RedactedException(message);
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      copy.initCause(of(cause, redactor));
    }
    return copy;
  }
}
