package io.camarad.upkeep.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a run is told: a plain table, JSON on stdout, or the seed's theatrical narrative. */
enum Tone {
  PLAIN("plain"),
  JSON("json"),
  EMPEROR_ETERNAL("emperor-eternal");

  private final String label;

  Tone(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static Tone parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(tone -> tone.label.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new TypeConversionException(unknown(text)));
  }

  private static String unknown(String text) {
    String known = Arrays.stream(values()).map(Tone::label).collect(Collectors.joining(", "));
    return "unknown tone '" + text + "'; use one of: " + known;
  }

  /** Lets picocli accept the lowercase, dashed labels. */
  static final class Converter implements ITypeConverter<Tone> {
    @Override
    public Tone convert(String value) {
      return parse(value);
    }
  }

  /** Completion candidates and the list shown in help. */
  static final class Labels implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Arrays.stream(values()).map(Tone::label).iterator();
    }
  }
}
