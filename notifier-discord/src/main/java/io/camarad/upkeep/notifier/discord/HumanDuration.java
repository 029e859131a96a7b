package io.camarad.upkeep.notifier.discord;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as a person reads them at a glance: {@code 850 ms}, {@code 12.3 s}, {@code 4 min 12 s},
 * {@code 1 h 3 min}.
 */
final class HumanDuration {
  private HumanDuration() {}

  static String format(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
    }
    long seconds = millis / 1_000;
    if (seconds < 3_600) {
      return (seconds / 60) + " min " + (seconds % 60) + " s";
    }
    return (seconds / 3_600) + " h " + (seconds % 3_600 / 60) + " min";
  }
}
