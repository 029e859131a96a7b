package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.CancelledException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client-side purge rate, on a fake clock: no real waiting, no timed assertions. */
class PurgePacerTests {
  private long now = 1_000_000_000L;
  private final List<Long> sleeps = new ArrayList<>();

  private PurgePacer pacer(double rate) {
    return new PurgePacer(
        rate,
        () -> now,
        nanos -> {
          sleeps.add(nanos);
          now += nanos;
        });
  }

  private static Cancellation never() {
    return cancelled(false);
  }

  private static Cancellation cancelled(boolean value) {
    return new Cancellation() {
      @Override
      public boolean isCancelled() {
        return value;
      }

      @Override
      public String reason() {
        return value ? "deadline passed" : "";
      }
    };
  }

  @Test
  void spacesRequestsByOneOverTheRate() throws Exception {
    PurgePacer pacer = pacer(4.0);

    pacer.acquire(never());
    pacer.acquire(never());
    pacer.acquire(never());

    assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).isEqualTo(500_000_000L);
    assertThat(sleeps).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(100_000_000L));
  }

  @Test
  void doesNotWaitWhenTheCallerWasSlowerThanTheRate() throws Exception {
    PurgePacer pacer = pacer(4.0);

    pacer.acquire(never());
    now += 300_000_000L;
    pacer.acquire(never());

    assertThat(sleeps).isEmpty();
  }

  @Test
  void stopsWaitingWhenCancelled() throws Exception {
    PurgePacer pacer = pacer(0.1);
    pacer.acquire(never());

    assertThatThrownBy(() -> pacer.acquire(cancelled(true)))
        .isInstanceOf(CancelledException.class)
        .hasMessageContaining("deadline passed");
  }
}
