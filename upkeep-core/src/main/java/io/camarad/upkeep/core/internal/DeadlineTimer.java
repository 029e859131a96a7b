package io.camarad.upkeep.core.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs actions after a delay on one daemon thread: deadlines and lease renewals. */
public final class DeadlineTimer implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "upkeep-timer-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  /** Runs {@code action} once after {@code delay}. */
  public ScheduledFuture<?> after(Duration delay, Runnable action) {
    return scheduler.schedule(action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code action} every {@code period}, first after one period. */
  public ScheduledFuture<?> every(Duration period, Runnable action) {
    long millis = Math.max(1, period.toMillis());
    return scheduler.scheduleAtFixedRate(action, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
