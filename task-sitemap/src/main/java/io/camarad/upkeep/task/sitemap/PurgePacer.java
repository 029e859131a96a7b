package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.CancelledException;
import java.util.function.LongSupplier;

/**
 * A client-side limit on purge requests per second: each request waits until at least {@code
 * 1/rate} seconds have passed since the previous one. Cloudflare also answers 429 with {@code
 * Retry-After} when the zone's own limit is hit; this keeps a long purge from getting there.
 */
final class PurgePacer {
  private static final long SLICE_NANOS = 100_000_000L;

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long next = Long.MIN_VALUE;

  PurgePacer(double requestsPerSecond) {
    this(
        requestsPerSecond,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L)));
  }

  PurgePacer(double requestsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.intervalNanos = (long) (1_000_000_000L / requestsPerSecond);
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Sleeps for a number of nanoseconds. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  /** Waits for the next slot, checking for cancellation at least every 100 ms of waiting. */
  void acquire(Cancellation cancellation) throws CancelledException, InterruptedException {
    long now = nanoTime.getAsLong();
    if (next != Long.MIN_VALUE) {
      for (long wait = next - now; wait > 0; wait = next - nanoTime.getAsLong()) {
        cancellation.throwIfCancelled();
        sleeper.sleep(Math.min(wait, SLICE_NANOS));
      }
      now = Math.max(now, next);
    }
    next = now + intervalNanos;
  }
}
