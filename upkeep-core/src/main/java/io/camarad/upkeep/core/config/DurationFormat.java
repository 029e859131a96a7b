package io.camarad.upkeep.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the protocol: {@code 500ms}, {@code 30s}, {@code 10m}, {@code
 * 24h}, {@code 30d}, {@code 1h30m}, or ISO-8601 ({@code PT1H}).
 */
public final class DurationFormat {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w))+");

  private DurationFormat() {}

  /** The duration written in {@code text}, if it is one. */
  public static Optional<Duration> parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("p")) {
      return iso(value);
    }
    if (!WHOLE.matcher(value).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher matcher = PART.matcher(value);
    while (matcher.find()) {
      total = total.plus(unit(Long.parseLong(matcher.group(1)), matcher.group(2)));
    }
    return Optional.of(total);
  }

  /**
   * The shortest protocol notation for {@code duration}: {@code 30d}, {@code 90m}, {@code 1500ms}.
   */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis != 0 && millis % sizes[i] == 0) {
        return (millis / sizes[i]) + units[i];
      }
    }
    return millis + "ms";
  }

  private static Optional<Duration> iso(String value) {
    try {
      return Optional.of(Duration.parse(value.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration unit(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofDays(7 * amount);
    };
  }
}
