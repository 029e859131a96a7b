package io.camarad.upkeep.api;

/**
 * Calls to external services with retries, backoff, jitter and a circuit breaker, configured per
 * service in the protocol under {@code services.<name>}.
 *
 * <p>A call is retried only when it throws a {@link ServiceException} that is {@linkplain
 * ServiceException#retryable() retryable}; the wait is the larger of the backoff and the
 * exception's {@link ServiceException#retryAfter()}, but never beyond the task's deadline. The
 * circuit breaker of a service is shared by every task calling it: when it is open, calls fail at
 * once with a non-retryable {@link ServiceException}.
 *
 * @since 0.1
 */
public interface ServiceCalls {

  /**
   * Runs {@code call} under the resilience policy of {@code service}.
   *
   * @param service the service name: {@code mongodb}, {@code pinecone}, {@code cloudflare}, {@code
   *     discord}, ...
   * @return what the call returned on its first successful attempt
   * @throws Exception the last failure when attempts are exhausted, a non-retryable failure at
   *     once, or a {@link CancelledException} when the task is cancelled while waiting
   */
  <T> T call(String service, Call<T> call) throws Exception;

  /** One attempt at a call. */
  @FunctionalInterface
  interface Call<T> {
    T attempt() throws Exception;
  }
}
