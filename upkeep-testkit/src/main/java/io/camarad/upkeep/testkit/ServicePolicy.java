package io.camarad.upkeep.testkit;

import java.time.Duration;

/**
 * The resilience policy of one external service in a harness, as {@code services.<name>} in a
 * protocol would set it. Use {@link #fast()} so retries do not slow tests down.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the wait after the first failure, doubled after each further one
 * @param maxBackoff the longest backoff
 * @param failureRateThreshold the failure percentage that opens the circuit breaker
 * @param minimumCalls calls recorded before the failure rate counts
 * @param openFor how long an open circuit breaker refuses calls
 * @since 0.1
 */
public record ServicePolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double failureRateThreshold,
    int minimumCalls,
    Duration openFor) {

  /** The protocol's defaults: 5 attempts, 500 ms to 30 s, open at 50% of 10 calls for 60 s. */
  public static ServicePolicy defaults() {
    return new ServicePolicy(
        5, Duration.ofMillis(500), Duration.ofSeconds(30), 50, 10, Duration.ofSeconds(60));
  }

  /** Like the defaults, with backoff of 1 to 5 milliseconds. */
  public static ServicePolicy fast() {
    return defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
  }

  public ServicePolicy withMaxAttempts(int attempts) {
    return new ServicePolicy(
        attempts, initialBackoff, maxBackoff, failureRateThreshold, minimumCalls, openFor);
  }

  public ServicePolicy withBackoff(Duration initial, Duration max) {
    return new ServicePolicy(
        maxAttempts, initial, max, failureRateThreshold, minimumCalls, openFor);
  }

  public ServicePolicy withCircuitBreaker(double threshold, int minimum, Duration open) {
    return new ServicePolicy(maxAttempts, initialBackoff, maxBackoff, threshold, minimum, open);
  }
}
