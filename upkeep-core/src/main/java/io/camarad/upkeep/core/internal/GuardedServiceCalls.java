package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServiceCalls} on resilience4j: each attempt passes the service's shared circuit breaker;
 * retryable failures are retried with exponential backoff and jitter, waiting at least the server's
 * {@code Retry-After}, and never past the task's deadline.
 */
final class GuardedServiceCalls implements ServiceCalls {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedServiceCalls.class);
  private static final double JITTER = 0.5;

  private final ServiceGuards guards;
  private final String taskId;
  private final Clock clock;
  private final Instant deadline;
  private final Cancellation cancellation;
  private final UnaryOperator<String> masker;

  GuardedServiceCalls(
      ServiceGuards guards,
      String taskId,
      Clock clock,
      Instant deadline,
      Cancellation cancellation,
      UnaryOperator<String> masker) {
    this.guards = guards;
    this.taskId = taskId;
    this.clock = clock;
    this.deadline = deadline;
    this.cancellation = cancellation;
    this.masker = masker;
  }

  @Override
  public <T> T call(String service, Call<T> call) throws Exception {
    ResiliencePolicy policy = guards.policy(service);
    CircuitBreaker breaker = guards.breaker(service);
    RetryDecision decision = new RetryDecision(service, policy);
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(policy.maxAttempts())
            .retryOnException(decision::shouldRetry)
            .intervalBiFunction((attempt, outcome) -> decision.nextWaitMillis.get())
            .failAfterMaxAttempts(false)
            .build();
    Retry retry = Retry.of(service, config);
    return retry.executeCallable(() -> attempt(service, breaker, call, policy));
  }

  private <T> T attempt(String service, CircuitBreaker breaker, Call<T> call, ResiliencePolicy p)
      throws Exception {
    cancellation.throwIfCancelled();
    try {
      return breaker.executeCallable(call::attempt);
    } catch (CallNotPermittedException open) {
      throw ServiceException.permanent(
          service,
          "circuit breaker open after repeated failures; calls refused for up to " + p.openFor(),
          open);
    }
  }

  /** Decides, after each failure, whether to retry and how long to wait first. */
  private final class RetryDecision {
    private final String service;
    private final ResiliencePolicy policy;
    private final IntervalFunction backoff;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong nextWaitMillis = new AtomicLong();

    RetryDecision(String service, ResiliencePolicy policy) {
      this.service = service;
      this.policy = policy;
      this.backoff =
          IntervalFunction.ofExponentialRandomBackoff(
              Math.max(1, policy.initialBackoff().toMillis()),
              2.0,
              JITTER,
              Math.max(1, policy.maxBackoff().toMillis()));
    }

    boolean shouldRetry(Throwable failure) {
      if (!(failure instanceof ServiceException se) || !se.retryable()) {
        return false;
      }
      int failed = failures.incrementAndGet();
      if (failed >= policy.maxAttempts()) {
        return true; // resilience4j gives up here and rethrows the last failure
      }
      Duration wait = waitAfter(failed, se);
      if (clock.instant().plus(wait).isAfter(deadline) || cancellation.isCancelled()) {
        LOG.warn(
            "Task {}: not retrying {} because waiting {} would pass the deadline: {}",
            taskId,
            service,
            wait,
            masker.apply(se.getMessage()));
        return false;
      }
      LOG.info(
          "Task {}: {} failed (attempt {} of {}), retrying in {} ms: {}",
          taskId,
          service,
          failed,
          policy.maxAttempts(),
          wait.toMillis(),
          masker.apply(se.getMessage()));
      nextWaitMillis.set(wait.toMillis());
      return true;
    }

    private Duration waitAfter(int failed, ServiceException failure) {
      long backoffMillis = Math.min(backoff.apply(failed), policy.maxBackoff().toMillis());
      Duration computed = Duration.ofMillis(backoffMillis);
      Duration asked = failure.retryAfter().orElse(Duration.ZERO);
      return asked.compareTo(computed) > 0 ? asked : computed;
    }
  }
}
