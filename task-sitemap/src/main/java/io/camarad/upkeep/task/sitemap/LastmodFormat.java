package io.camarad.upkeep.task.sitemap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Turns a source's last-modified value into a sitemap {@code lastmod}: a W3C date ({@code
 * 2026-03-01}) or a UTC date-time to the second ({@code 2026-03-01T10:15:00Z}). A date-time without
 * a time zone is refused rather than guessed, and the build time is never used.
 */
final class LastmodFormat {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ISO_INSTANT;

  private LastmodFormat() {}

  /**
   * The normalized lastmod.
   *
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  static String normalize(Object raw) {
    if (raw instanceof Instant instant) {
      return format(instant);
    }
    if (raw instanceof Date date) {
      return format(date.toInstant());
    }
    if (raw instanceof OffsetDateTime time) {
      return format(time.toInstant());
    }
    if (raw instanceof ZonedDateTime time) {
      return format(time.toInstant());
    }
    if (raw instanceof LocalDate date) {
      return date.toString();
    }
    if (raw instanceof CharSequence text) {
      return parse(text.toString().trim());
    }
    throw new IllegalArgumentException(
        "lastmod of type " + raw.getClass().getSimpleName() + " is neither a date nor a text");
  }

  private static String parse(String text) {
    if (isPlainUtcSeconds(text)) {
      return text;
    }
    try {
      return text.length() == 10 ? LocalDate.parse(text).toString() : parseDateTime(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "lastmod '" + text + "' is not an ISO-8601 date or date-time with a time zone");
    }
  }

  private static String parseDateTime(String text) {
    try {
      return format(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException noOffset) {
      LocalDateTime.parse(text);
      throw new IllegalArgumentException(
          "lastmod '" + text + "' has no time zone; write it as UTC ('Z') or with an offset");
    }
  }

  /** Fast path for the common {@code yyyy-MM-ddTHH:mm:ssZ}, checked field by field. */
  private static boolean isPlainUtcSeconds(String s) {
    if (s.length() != 20 || s.charAt(19) != 'Z' || s.charAt(10) != 'T') {
      return false;
    }
    if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return false;
    }
    try {
      int year = number(s, 0, 4);
      int month = number(s, 5);
      int day = number(s, 8);
      return month >= 1
          && month <= 12
          && day >= 1
          && day <= daysIn(year, month)
          && number(s, 11) <= 23
          && number(s, 14) <= 59
          && number(s, 17) <= 59;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int daysIn(int year, int month) {
    if (month == 2) {
      boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  private static int number(String s, int at) {
    return number(s, at, 2);
  }

  private static int number(String s, int at, int digits) {
    int value = 0;
    for (int i = at; i < at + digits; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(s);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String format(Instant instant) {
    return SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
