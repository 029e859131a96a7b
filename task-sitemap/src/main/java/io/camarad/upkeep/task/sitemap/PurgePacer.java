package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.CancelledException;

/**
 * A client-side limit on purge requests per second: each request waits until at least {@code
 * 1/rate} seconds have passed since the previous one. Cloudflare also answers 429 with {@code
 * Retry-After} when the zone's own limit is hit; this keeps a long purge from getting there.
 */
final class PurgePacer {
  private final long intervalNanos;
  private long next = Long.MIN_VALUE;

  PurgePacer(double requestsPerSecond) {
    this.intervalNanos = (long) (1_000_000_000L / requestsPerSecond);
  }

  /** Waits for the next slot, checking for cancellation while waiting. */
  void acquire(Cancellation cancellation) throws CancelledException, InterruptedException {
    long now = System.nanoTime();
    if (next != Long.MIN_VALUE && now < next) {
      long wait = next - now;
      while (wait > 0) {
        cancellation.throwIfCancelled();
        long slice = Math.min(wait, 100_000_000L);
        Thread.sleep(slice / 1_000_000L, (int) (slice % 1_000_000L));
        wait = next - System.nanoTime();
      }
      now = System.nanoTime();
    }
    next = now + intervalNanos;
  }
}
