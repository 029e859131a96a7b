package io.camarad.upkeep.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.api.spi.LockProvider.LockRequest;
import io.camarad.upkeep.api.spi.LockUnavailableException;
import io.camarad.upkeep.api.spi.RunLock;
import io.camarad.upkeep.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLockProviderTests {
  @TempDir Path stateDir;
  private final MutableClock clock = MutableClock.at("2026-12-01T03:00:00Z");
  private final FileLockProvider provider = new FileLockProvider();

  private EngineProviderContext context() {
    return new EngineProviderContext(null, stateDir, clock, ResourceRegistry.empty(), "test.lock");
  }

  private static LockRequest request(String owner, String runId) {
    return new LockRequest(
        owner, HostIdentity.host(), HostIdentity.pid(), runId, Duration.ofMinutes(15));
  }

  @Test
  void secondOwnerIsRefusedAtOnceWithTheHolderNamed() throws Exception {
    try (RunLock held = provider.acquire(context(), request("owner-1", "r-1"))) {
      assertThatThrownBy(() -> provider.acquire(context(), request("owner-2", "r-2")))
          .isInstanceOfSatisfying(
              LockUnavailableException.class,
              e -> {
                assertThat(e.holder().runId()).isEqualTo("r-1");
                assertThat(e.getMessage())
                    .contains("run r-1")
                    .contains(HostIdentity.host())
                    .contains("pid " + HostIdentity.pid());
              });
      assertThat(provider.holder(context())).map(LockInfo::owner).contains("owner-1");
    }
  }

  @Test
  void releasedLockCanBeTakenAgainWithAGreaterFencingToken() throws Exception {
    long first;
    try (RunLock held = provider.acquire(context(), request("owner-1", "r-1"))) {
      first = held.info().fencingToken();
    }
    assertThat(provider.holder(context())).isEmpty();

    try (RunLock again = provider.acquire(context(), request("owner-2", "r-2"))) {
      assertThat(again.info().fencingToken()).isGreaterThan(first);
    }
  }

  @Test
  void expiredLeaseIsTakenOver() throws Exception {
    RunLock stale = provider.acquire(context(), request("crashed", "r-1"));
    clock.advance(Duration.ofMinutes(16));

    try (RunLock taken = provider.acquire(context(), request("next", "r-2"))) {
      assertThat(taken.info().owner()).isEqualTo("next");
      assertThatThrownBy(stale::renew).hasMessageContaining("lost");
      stale.close(); // not the owner any more: must not release the new holder's lease
      assertThat(provider.holder(context())).map(LockInfo::owner).contains("next");
    }
  }

  @Test
  void leaseOfADeadProcessOnThisHostIsTakenOver() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    LockRequest dead =
        new LockRequest("dead", HostIdentity.host(), process.pid(), "r-1", Duration.ofMinutes(15));
    provider.acquire(context(), dead);

    try (RunLock taken = provider.acquire(context(), request("alive", "r-2"))) {
      assertThat(taken.info().owner()).isEqualTo("alive");
    }
  }

  @Test
  void renewalExtendsTheLease() throws Exception {
    try (RunLock held = provider.acquire(context(), request("owner-1", "r-1"))) {
      Instant firstExpiry = held.info().expiresAt();
      clock.advance(Duration.ofMinutes(5));

      held.renew();

      assertThat(held.info().expiresAt()).isEqualTo(firstExpiry.plus(Duration.ofMinutes(5)));
    }
  }

  @Test
  void readingTheHolderWritesNothing() throws Exception {
    Path fresh = stateDir.resolve("fresh");
    EngineProviderContext context =
        new EngineProviderContext(null, fresh, clock, ResourceRegistry.empty(), "test.lock");

    assertThat(provider.holder(context)).isEmpty();
    assertThat(Files.exists(fresh)).isFalse();
  }
}
