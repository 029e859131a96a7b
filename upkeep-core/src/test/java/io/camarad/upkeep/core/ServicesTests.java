package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static io.camarad.upkeep.core.Fixtures.protocol;
import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTests {
  @TempDir Path stateDir;

  private static FakeTask callingADownService(String id, AtomicInteger attempts) {
    return FakeTasks.succeeding(id)
        .onApply(
            ctx ->
                ctx.services()
                    .call(
                        "search",
                        () -> {
                          attempts.incrementAndGet();
                          throw ServiceException.retryable("search", "503 from the fake");
                        }));
  }

  @Test
  void theProtocolSetsEachServicesPolicy() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Map<String, Object> protocol =
        protocol(
            "services",
            Map.of(
                "search", Map.of("maxAttempts", 3, "initialBackoff", "1ms", "maxBackoff", "2ms")));

    try (Upkeep upkeep = engine(stateDir, protocol, callingADownService("a", attempts)).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.task("a").orElseThrow().status()).isEqualTo(TaskStatus.FAILED_UNDONE);
      assertThat(report.task("a").orElseThrow().error().message()).contains("503 from the fake");
      assertThat(attempts).hasValue(3);
    }
  }

  @Test
  void theCircuitBreakerIsSharedByTasksAndByRunsOfOneEngine() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Map<String, Object> protocol =
        protocol(
            "parallelism",
            1,
            "services",
            Map.of(
                "search",
                Map.of(
                    "maxAttempts",
                    2,
                    "initialBackoff",
                    "1ms",
                    "maxBackoff",
                    "2ms",
                    "circuitBreaker",
                    Map.of("minimumCalls", 4, "openFor", "10m"))));
    FakeTask first = callingADownService("a-first", attempts);
    FakeTask second = callingADownService("b-second", attempts);
    FakeTask third = callingADownService("c-third", attempts);

    try (Upkeep upkeep = engine(stateDir, protocol, first, second, third).build()) {
      RunReport run = upkeep.apply();

      assertThat(attempts).hasValue(4); // two tasks reach the minimum; the breaker opens
      assertThat(run.task("c-third").orElseThrow().error().message())
          .contains("circuit breaker open");
      RunReport next = upkeep.apply();
      assertThat(attempts).hasValue(4);
      assertThat(next.task("a-first").orElseThrow().error().message())
          .contains("circuit breaker open");
    }
  }
}
