package io.camarad.upkeep.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it. Thread-safe.
 *
 * @since 0.1
 */
public final class MutableClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  private MutableClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@code start}, in UTC. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start, ZoneOffset.UTC);
  }

  /** A clock at {@code start}, for example {@code "2026-12-01T03:00:00Z"}. */
  public static MutableClock at(String start) {
    return at(Instant.parse(start));
  }

  /** Moves the clock forward. */
  public synchronized void advance(Duration amount) {
    now = now.plus(amount);
  }

  /** Sets the clock. */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, newZone);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
