package io.camarad.upkeep.cli;

import java.time.Duration;

/** Short human durations: {@code 850ms}, {@code 4.2s}, {@code 3m 05s}, {@code 1h 02m}. */
final class Durations {
  private Durations() {}

  static String format(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(java.util.Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(java.util.Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
