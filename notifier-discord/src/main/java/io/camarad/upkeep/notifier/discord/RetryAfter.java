package io.camarad.upkeep.notifier.discord;

import java.time.Duration;
import java.util.Optional;

/** The wait Discord asks for after a 429: seconds, possibly fractional, rounded up to the ms. */
final class RetryAfter {
  /** Longer asks than this are read as this: a day is already far beyond any budget. */
  private static final double MAX_SECONDS = 86_400;

  private RetryAfter() {}

  /** From a {@code Retry-After} header in seconds ({@code 1}, {@code 0.25}); empty otherwise. */
  static Optional<Duration> fromHeader(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return fromSeconds(Double.parseDouble(value.strip()));
    } catch (NumberFormatException notSeconds) {
      // An HTTP date: Discord does not send one; the policy's own backoff applies.
      return Optional.empty();
    }
  }

  /** From a number of seconds; empty if it is negative or not a number. */
  static Optional<Duration> fromSeconds(double seconds) {
    if (Double.isNaN(seconds) || seconds < 0) {
      return Optional.empty();
    }
    double bounded = Math.min(seconds, MAX_SECONDS);
    return Optional.of(Duration.ofMillis((long) Math.ceil(bounded * 1_000)));
  }
}
