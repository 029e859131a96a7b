package io.camarad.upkeep.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure of an external service, marked retryable or not by the code that called it. Messages
 * must never contain credentials: name the service, the operation and the status.
 *
 * @since 0.1
 */
public class ServiceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final boolean retryable;
  private final transient Duration retryAfter;
  private final int status;

  protected ServiceException(
      String service,
      String message,
      boolean retryable,
      Duration retryAfter,
      int status,
      Throwable cause) {
    super(service + ": " + message, cause);
    this.service = service;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.status = status;
  }

  /** A failure worth retrying (429, 5xx, a dropped connection). */
  public static ServiceException retryable(String service, String message) {
    return new ServiceException(service, message, true, null, -1, null);
  }

  /** A failure worth retrying, with the status code and the server's requested wait. */
  public static ServiceException retryable(
      String service, String message, int status, Duration retryAfter) {
    return new ServiceException(service, message, true, retryAfter, status, null);
  }

  /** A failure worth retrying, caused by an I/O error. */
  public static ServiceException retryable(String service, String message, Throwable cause) {
    return new ServiceException(service, message, true, null, -1, cause);
  }

  /** A failure that retrying will not fix (400, 401, 403, 404, a refused request). */
  public static ServiceException permanent(String service, String message, int status) {
    return new ServiceException(service, message, false, null, status, null);
  }

  /** A failure that retrying will not fix, with a cause. */
  public static ServiceException permanent(String service, String message, Throwable cause) {
    return new ServiceException(service, message, false, null, -1, cause);
  }

  /** The service name. */
  public String service() {
    return service;
  }

  /** Whether the call may be retried. */
  public boolean retryable() {
    return retryable;
  }

  /** The wait the server asked for ({@code Retry-After}), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The HTTP status, if the failure had one. */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
