package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Path;
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
    FakeTask holding = FakeTasks.succeeding("holding").onApply(ctx -> {
      applying.countDown();
      release.await(30, TimeUnit.SECONDS);
    });
    try (Upkeep first = engine(stateDir, holding).build();
        Upkeep second = engine(stateDir, FakeTasks.succeeding("other")).build()) {
      CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(() -> {
        try {
          return first.apply();
        } catch (UpkeepException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(applying.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(second.lockHolder()).map(LockInfo::pid)
          .contains(ProcessHandle.current().pid());
      assertThatThrownBy(second::apply).isInstanceOfSatisfying(LockedException.class, e -> {
        assertThat(e.holder().runId()).startsWith("r-");
        assertThat(e.getMessage()).contains("another upkeep is applying")
            .contains(e.holder().runId()).contains("pid");
      });
      assertThat(second.plan().status()).isEqualTo(RunStatus.PLANNED);
      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(second.lockHolder()).isEmpty();
      assertThat(second.apply().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void tasksSeeTheFencingTokenOfTheLock() throws Exception {
    java.util.concurrent.atomic.AtomicLong token = new java.util.concurrent.atomic.AtomicLong();
    FakeTask reads = FakeTasks.succeeding("reads")
        .onApply(ctx -> token.set(ctx.fencingToken().orElse(-1)));
    try (Upkeep upkeep = engine(stateDir, reads).build()) {
      upkeep.apply();

      assertThat(token.get()).isPositive();
    }
  }
}
