package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.CancelledException;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The resilience state of one engine instance: a policy and a circuit breaker per service name,
 * shared by every task of a run and by every run of the instance.
 */
public final class ServiceGuards {
  private final Function<String, ResiliencePolicy> policies;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  /**
   * @param policies the policy of a service name (the defaults for undeclared services)
   */
  public ServiceGuards(Function<String, ResiliencePolicy> policies) {
    this.policies = policies;
  }

  /** Guards with the default policy for every service. */
  public static ServiceGuards withDefaults() {
    return new ServiceGuards(name -> ResiliencePolicy.defaults());
  }

  /** The policy of {@code service}. */
  public ResiliencePolicy policy(String service) {
    return policies.apply(service);
  }

  /** The circuit breaker of {@code service}, created on first use. */
  public CircuitBreaker breaker(String service) {
    return breakers.computeIfAbsent(service, this::newBreaker);
  }

  private CircuitBreaker newBreaker(String service) {
    ResiliencePolicy policy = policy(service);
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .failureRateThreshold((float) policy.failureRateThreshold())
            .minimumNumberOfCalls(policy.minimumCalls())
            .slidingWindowSize(Math.max(policy.minimumCalls(), 10))
            .waitDurationInOpenState(policy.openFor())
            .recordException(ServiceGuards::isServiceFault)
            .build();
    return CircuitBreaker.of(service, config);
  }

  /** A fault that says the service is unwell: a retryable failure or an unexpected error. */
  private static boolean isServiceFault(Throwable failure) {
    if (failure instanceof ServiceException service) {
      return service.retryable();
    }
    return !(failure instanceof CancelledException || failure instanceof InterruptedException);
  }

  /**
   * The calls of one task call: waits never go past {@code deadline}, and the cancellation signal
   * is checked before each attempt.
   */
  public ServiceCalls forTask(
      String taskId,
      Clock clock,
      Instant deadline,
      Cancellation cancellation,
      UnaryOperator<String> masker) {
    return new GuardedServiceCalls(this, taskId, clock, deadline, cancellation, masker);
  }
}
