package io.camarad.upkeep.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedServiceCallsTests {
  private static final ResiliencePolicy FAST =
      new ResiliencePolicy(
          4, Duration.ofMillis(1), Duration.ofMillis(4), 50, 4, Duration.ofMinutes(1));

  private final ServiceGuards guards = new ServiceGuards(name -> FAST);

  private ServiceCalls calls(Duration untilDeadline) {
    Clock clock = Clock.systemUTC();
    return guards.forTask(
        "t",
        clock,
        Instant.now().plus(untilDeadline),
        new DeadlineCancellation(),
        SecretMasking.standalone());
  }

  @Test
  void retryableFailuresAreRetriedUntilTheCallSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();

    String result =
        calls(Duration.ofMinutes(1))
            .call(
                "svc",
                () -> {
                  if (attempts.incrementAndGet() < 3) {
                    throw ServiceException.retryable("svc", "503");
                  }
                  return "ok";
                });

    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void permanentFailuresAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls(Duration.ofMinutes(1))
                    .call(
                        "svc",
                        () -> {
                          attempts.incrementAndGet();
                          throw ServiceException.permanent("svc", "404 not found", 404);
                        }))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("404");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls(Duration.ofMinutes(1))
                    .call(
                        "svc",
                        () -> {
                          throw ServiceException.retryable(
                              "svc", "attempt " + attempts.incrementAndGet());
                        }))
        .hasMessageContaining("attempt 4");
    assertThat(attempts).hasValue(4);
  }

  @Test
  void otherExceptionsAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls(Duration.ofMinutes(1))
                    .call(
                        "svc",
                        () -> {
                          attempts.incrementAndGet();
                          throw new IllegalArgumentException("bad input");
                        }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void retryAfterIsHonouredWhenLongerThanTheBackoff() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();

    calls(Duration.ofMinutes(1))
        .call(
            "svc",
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw ServiceException.retryable("svc", "429", 429, Duration.ofMillis(300));
              }
              return "ok";
            });

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void neverWaitsPastTheDeadline() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls(Duration.ofSeconds(1))
                    .call(
                        "svc",
                        () -> {
                          attempts.incrementAndGet();
                          throw ServiceException.retryable("svc", "429", 429, Duration.ofHours(1));
                        }))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("429");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void openCircuitBreakerFailsCallsAtOnceAsPermanentAndIsSharedAcrossCalls() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () ->
                  calls(Duration.ofMinutes(1))
                      .call(
                          "down",
                          () -> {
                            throw ServiceException.retryable("down", "503");
                          }))
          .isInstanceOf(ServiceException.class);
    }
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls(Duration.ofMinutes(1))
                    .call(
                        "down",
                        () -> {
                          attempts.incrementAndGet();
                          return "never";
                        }))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("circuit breaker open");
            });
    assertThat(attempts).hasValue(0);
  }

  @Test
  void cancelledTaskStopsBeforeTheNextAttempt() {
    DeadlineCancellation cancellation = new DeadlineCancellation();
    cancellation.cancel("run aborted");
    ServiceCalls calls =
        guards.forTask(
            "t",
            Clock.systemUTC(),
            Instant.now().plusSeconds(60),
            cancellation,
            SecretMasking.standalone());

    assertThatThrownBy(() -> calls.call("svc", () -> "never"))
        .isInstanceOf(io.camarad.upkeep.api.CancelledException.class);
  }
}
