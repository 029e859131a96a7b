package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service policy as the API describes it, without sleeping: retries retryable {@link
 * ServiceException}s up to a number of attempts, "waiting" the larger of an exponential backoff and
 * the exception's {@code retryAfter} by moving a {@link MutableClock}. Records the services called
 * and every wait, so tests can check what the notifier asked for.
 */
final class RecordingServiceCalls implements ServiceCalls {
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

  private final MutableClock clock;
  private final int maxAttempts;
  private final List<String> services = new ArrayList<>();
  private final List<Duration> waits = new ArrayList<>();
  private final List<ServiceException> failures = new ArrayList<>();

  RecordingServiceCalls(MutableClock clock, int maxAttempts) {
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public <T> T call(String service, Call<T> call) throws Exception {
    services.add(service);
    Duration backoff = INITIAL_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.attempt();
      } catch (ServiceException failure) {
        failures.add(failure);
        if (!failure.retryable() || attempt >= maxAttempts) {
          throw failure;
        }
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        Duration wait = asked.compareTo(backoff) > 0 ? asked : backoff;
        waits.add(wait);
        clock.advance(wait);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  /** The service names of every call, in order. */
  List<String> services() {
    return List.copyOf(services);
  }

  /** Every wait between attempts, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** Every failed attempt, in order. */
  List<ServiceException> failures() {
    return List.copyOf(failures);
  }
}
