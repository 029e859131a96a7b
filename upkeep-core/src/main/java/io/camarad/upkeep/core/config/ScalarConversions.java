package io.camarad.upkeep.core.config;

import io.camarad.upkeep.api.SettingType;
import java.nio.file.InvalidPathException;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts a scalar from YAML, an environment variable or a flag to the Java type of a setting.
 * Strings convert when they spell the type ({@code "500"} for a number), since environment
 * variables and flags are always strings.
 */
final class ScalarConversions {
  private ScalarConversions() {}

  static Optional<Object> convert(SettingType type, Object value, ConfigSource source) {
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).strip();
    return switch (type) {
      case STRING -> Optional.of(String.valueOf(value));
      case INTEGER ->
          wholeNumber(value, text).filter(ScalarConversions::fitsInt).map(Long::intValue);
      case LONG -> wholeNumber(value, text).map(Object.class::cast);
      case DECIMAL -> decimal(value, text);
      case BOOLEAN -> bool(text);
      case DURATION ->
          value instanceof String
              ? DurationFormat.parse(text).map(Object.class::cast)
              : Optional.empty();
      case URI -> SettingsBinder.absoluteUri(text).map(Object.class::cast);
      case PATH -> path(text, source);
      default -> Optional.empty();
    };
  }

  /** Why {@code value} is not of {@code type}, with the value and what is expected. */
  static String whyNot(SettingType type, Object value) {
    String text = String.valueOf(value).strip().replace("_", "");
    boolean integral = text.matches("-?\\d+");
    if ((type == SettingType.INTEGER || type == SettingType.LONG) && integral) {
      String limit =
          type == SettingType.INTEGER
              ? String.valueOf(Integer.MAX_VALUE)
              : String.valueOf(Long.MAX_VALUE);
      return "'" + value + "' is out of range; use a number between -" + limit + " and " + limit;
    }
    return "expected " + SettingsBinder.expected(type) + ", got '" + value + "'";
  }

  private static Optional<Long> wholeNumber(Object value, String text) {
    if (value instanceof Long number) {
      return Optional.of(number);
    }
    if (value instanceof Double) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text.replace("_", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean fitsInt(long value) {
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
  }

  private static Optional<Object> decimal(Object value, String text) {
    if (value instanceof Number number) {
      return Optional.of(number.doubleValue());
    }
    try {
      return Optional.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Object> bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> Optional.of(Boolean.TRUE);
      case "false", "no", "off" -> Optional.of(Boolean.FALSE);
      default -> Optional.empty();
    };
  }

  private static Optional<Object> path(String text, ConfigSource source) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(source.baseDirectory().resolve(text).normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
