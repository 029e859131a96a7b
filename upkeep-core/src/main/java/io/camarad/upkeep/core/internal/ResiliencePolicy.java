package io.camarad.upkeep.core.internal;

import java.time.Duration;

/**
 * The resilience settings of one external service ({@code services.<name>} in the protocol).
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the wait after the first failure; doubled after each further one
 * @param maxBackoff the longest backoff (a server's {@code Retry-After} may ask for more)
 * @param failureRateThreshold the failure percentage that opens the circuit breaker
 * @param minimumCalls calls recorded before the failure rate counts
 * @param openFor how long an open circuit breaker refuses calls
 */
public record ResiliencePolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double failureRateThreshold,
    int minimumCalls,
    Duration openFor) {

  public ResiliencePolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initialBackoff <= maxBackoff, was "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
  }

  /** The defaults: 5 attempts, 500 ms doubling to 30 s, open at 50% of 10 calls for 60 s. */
  public static ResiliencePolicy defaults() {
    return new ResiliencePolicy(
        5, Duration.ofMillis(500), Duration.ofSeconds(30), 50, 10, Duration.ofSeconds(60));
  }
}
