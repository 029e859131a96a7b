package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockingTests {
  @TempDir Path stateDir;

  @Test
  void secondConcurrentApplyFailsAtOnceNamingTheHolder() throws Exception {
    CountDownLatch applying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeTask holding =
        FakeTasks.succeeding("holding")
            .onApply(
                ctx -> {
                  applying.countDown();
                  release.await(30, TimeUnit.SECONDS);
                });
    try (Upkeep first = engine(stateDir, holding).build();
        Upkeep second = engine(stateDir, FakeTasks.succeeding("other")).build()) {
      CompletableFuture<RunReport> running =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return first.apply();
                } catch (UpkeepException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(applying.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(second.lockHolder()).map(LockInfo::pid).contains(ProcessHandle.current().pid());
      assertThatThrownBy(second::apply)
          .isInstanceOfSatisfying(
              LockedException.class,
              e -> {
                assertThat(e.holder().runId()).startsWith("r-");
                assertThat(e.getMessage())
                    .contains("another upkeep is applying")
                    .contains(e.holder().runId())
                    .contains("pid");
              });
      assertThatThrownBy(second::plan).isInstanceOf(LockedException.class);
      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(second.lockHolder()).isEmpty();
      assertThat(second.apply().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  /** A live lease of another process on another host, as that process would have written it. */
  private void writeLeaseOfAnotherHost(Instant expiresAt) throws Exception {
    Files.createDirectories(stateDir);
    Files.writeString(
        stateDir.resolve("lock.json"),
        """
        {"holder": {"owner": "other-owner", "host": "ops-box-2", "pid": 4242,
          "runId": "r-elsewhere", "acquiredAt": "2026-01-01T00:00:00Z",
          "expiresAt": "%s", "fencingToken": 7},
         "released": false}
        """
            .formatted(expiresAt));
  }

  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        files.put(
            dir.relativize(p).toString(),
            Files.isDirectory(p)
                ? "dir"
                : Files.readString(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }

  @Test
  void planAndHealthDuringAnotherApplyOpenNothingAndNameTheHolder() throws Exception {
    writeLeaseOfAnotherHost(Instant.now().plus(Duration.ofHours(1)));
    ProvidersTests.CountingProvider provider = new ProvidersTests.CountingProvider("db", 0, null);
    FakeTask reads = FakeTasks.succeeding("reads");
    Map<String, Object> protocol = Map.of("resources", Map.of("main", Map.of("type", "db")));
    Map<String, String> before = contents(stateDir);

    try (Upkeep upkeep = engine(stateDir, protocol, reads).resourceProvider(provider).build()) {
      assertThatThrownBy(upkeep::plan)
          .isInstanceOfSatisfying(
              LockedException.class,
              e -> assertThat(e.getMessage()).contains("r-elsewhere").contains("ops-box-2"));
      assertThatThrownBy(() -> upkeep.plan(stateDir.resolveSibling("saved.json")))
          .isInstanceOf(LockedException.class);
      assertThatThrownBy(upkeep::health)
          .isInstanceOfSatisfying(
              LockedException.class, e -> assertThat(e.holder().pid()).isEqualTo(4242));
      assertThat(upkeep.history(10)).isEmpty();
      assertThat(upkeep.config()).isNotNull();
    }
    assertThat(provider.opened).hasValue(0);
    assertThat(reads.plans()).isZero();
    assertThat(stateDir.resolveSibling("saved.json")).doesNotExist();
    assertThat(contents(stateDir)).isEqualTo(before);
  }

  @Test
  void planGoesOnWhenTheOtherLeaseHasLapsed() throws Exception {
    writeLeaseOfAnotherHost(Instant.now().minus(Duration.ofMinutes(1)));
    try (Upkeep upkeep = engine(stateDir, FakeTasks.succeeding("a")).build()) {
      assertThat(upkeep.plan().status()).isEqualTo(RunStatus.PLANNED);
      assertThat(upkeep.health()).containsKey("a");
    }
  }

  @Test
  void anUnreadableLeaseDoesNotStopAPlan() throws Exception {
    Files.createDirectories(stateDir);
    Files.writeString(stateDir.resolve("lock.json"), "{ half a lease");
    try (Upkeep upkeep = engine(stateDir, FakeTasks.succeeding("a")).build()) {
      assertThat(upkeep.plan().status()).isEqualTo(RunStatus.PLANNED);
    }
  }

  @Test
  void tasksSeeTheFencingTokenOfTheLock() throws Exception {
    java.util.concurrent.atomic.AtomicLong token = new java.util.concurrent.atomic.AtomicLong();
    FakeTask reads =
        FakeTasks.succeeding("reads").onApply(ctx -> token.set(ctx.fencingToken().orElse(-1)));
    try (Upkeep upkeep = engine(stateDir, reads).build()) {
      upkeep.apply();

      assertThat(token.get()).isPositive();
    }
  }

  @Test
  void aRunThatLosesItsLeaseStartsNoFurtherTask() throws Exception {
    FakeTask usurped =
        FakeTasks.succeeding("a")
            .onApply(
                ctx -> {
                  Path lock = stateDir.resolve("lock.json");
                  java.nio.file.Files.writeString(
                      lock,
                      java.nio.file.Files.readString(lock)
                          .replaceFirst("\"owner\" : \"[^\"]+\"", "\"owner\" : \"someone-else\""));
                  Thread.sleep(
                      2_500); // a renewal (every second for a 3s lease) finds the lease lost
                });
    FakeTask later = FakeTasks.succeeding("b");
    Map<String, Object> protocol =
        Fixtures.protocol("parallelism", 1, "lock", Map.of("lease", "3s"));

    try (Upkeep upkeep = engine(stateDir, protocol, usurped, later).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.task("b").orElseThrow().status())
          .isEqualTo(io.camarad.upkeep.api.TaskStatus.NOT_RUN);
      assertThat(report.task("b").orElseThrow().summary()).contains("lost its lock");
      assertThat(later.applies()).isZero();
      assertThat(report.status()).isEqualTo(RunStatus.FAILED);
      assertThat(report.error().message()).contains("lost its lock").contains("now held by");
    }
  }
}
