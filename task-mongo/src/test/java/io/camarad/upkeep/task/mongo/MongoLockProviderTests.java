package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.camarad.upkeep.api.spi.LockProvider.LockRequest;
import io.camarad.upkeep.api.spi.LockUnavailableException;
import io.camarad.upkeep.api.spi.RunLock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoLockProviderTests {
  @TempDir Path directory;
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));

  @AfterEach
  void stop() {
    mongo.close();
  }

  /** One engine: its own provider instance and context, sharing only the database. */
  private TestProviderContext engine(boolean serverClock) {
    MongoLockProvider provider = new MongoLockProvider();
    return new TestProviderContext(
        TestSettings.of(Map.of("serverClock", serverClock), provider.settingsSpec(), directory),
        directory,
        clock,
        Map.of("mongo", mongo.database()));
  }

  private static LockRequest request(String owner, String runId) {
    return new LockRequest(owner, "host-" + owner, 100, runId, Duration.ofMinutes(15));
  }

  @Test
  void secondEngineIsRefusedWhileTheFirstHoldsTheLeaseAndToldWhoHoldsIt() throws Exception {
    MongoLockProvider a = new MongoLockProvider();
    MongoLockProvider b = new MongoLockProvider();
    RunLock held = a.acquire(engine(false), request("a", "run-a"));

    assertThatThrownBy(() -> b.acquire(engine(false), request("b", "run-b")))
        .isInstanceOf(LockUnavailableException.class)
        .hasMessageContaining("run run-a on host-a (pid 100)");
    assertThat(b.holder(engine(false))).get().extracting(i -> i.runId()).isEqualTo("run-a");
    assertThat(held.info().fencingToken()).isEqualTo(1);
  }

  @Test
  void engineRacingForAFreeLockAreOneWinnerAndTheRestToldWhoWon() throws Exception {
    int engines = 6;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(engines);
    List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
    for (int i = 0; i < engines; i++) {
      String owner = "e" + i;
      results.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  new MongoLockProvider().acquire(engine(false), request(owner, "run-" + owner));
                  return "won";
                } catch (LockUnavailableException e) {
                  return "refused: " + e.holder().owner();
                }
              }));
    }
    start.countDown();
    List<String> outcomes = new java.util.ArrayList<>();
    for (var result : results) {
      outcomes.add(result.get());
    }
    pool.shutdown();

    assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
    String winner = new MongoLockProvider().holder(engine(false)).orElseThrow().owner();
    assertThat(outcomes)
        .filteredOn(o -> o.startsWith("refused"))
        .hasSize(engines - 1)
        .allMatch(o -> o.equals("refused: " + winner));
  }

  @Test
  void lapsedLeaseIsTakenOverWithAHigherFencingTokenAndTheOldOwnerCannotRenewOrRelease()
      throws Exception {
    MongoLockProvider a = new MongoLockProvider();
    MongoLockProvider b = new MongoLockProvider();
    RunLock first = a.acquire(engine(false), request("a", "run-a"));
    clock.advance(Duration.ofMinutes(16));

    RunLock second = b.acquire(engine(false), request("b", "run-b"));

    assertThat(second.info().fencingToken()).isEqualTo(first.info().fencingToken() + 1);
    assertThatThrownBy(first::renew)
        .hasMessageContaining("was lost")
        .hasMessageContaining("fencing token 1");
    first.close();
    assertThat(b.holder(engine(false))).get().extracting(i -> i.owner()).isEqualTo("b");
  }

  @Test
  void renewalExtendsTheLeaseSoItDoesNotLapse() throws Exception {
    MongoLockProvider a = new MongoLockProvider();
    RunLock lock = a.acquire(engine(false), request("a", "run-a"));
    clock.advance(Duration.ofMinutes(10));
    lock.renew();
    clock.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> new MongoLockProvider().acquire(engine(false), request("b", "r")))
        .isInstanceOf(LockUnavailableException.class);
    assertThat(lock.info().expiresAt()).isEqualTo(Instant.parse("2026-12-01T03:25:00Z"));
  }

  @Test
  void releaseFreesTheLockAndTheNextAcquisitionGetsTheNextToken() throws Exception {
    MongoLockProvider a = new MongoLockProvider();
    a.acquire(engine(false), request("a", "run-1")).close();

    assertThat(a.holder(engine(false))).isEmpty();
    RunLock next = new MongoLockProvider().acquire(engine(false), request("b", "run-2"));
    assertThat(next.info().fencingToken()).isEqualTo(2);
    Document lease = mongo.database().getCollection("upkeep_locks").find().first();
    assertThat(lease)
        .containsKeys("owner", "host", "pid", "runId", "acquiredAt", "expiresAt", "fencingToken")
        .containsEntry("_id", "upkeep-run-lock");
  }

  @Test
  void leaseTimesComeFromTheServerClockWhenItReportsOne() throws Exception {
    RunLock lock = new MongoLockProvider().acquire(engine(true), request("a", "run-a"));

    Instant serverNow = Instant.now();
    assertThat(lock.info().acquiredAt()).isCloseTo(serverNow, within(5, ChronoUnit.SECONDS));
    assertThat(lock.info().expiresAt())
        .isCloseTo(serverNow.plus(Duration.ofMinutes(15)), within(5, ChronoUnit.SECONDS));
  }
}
