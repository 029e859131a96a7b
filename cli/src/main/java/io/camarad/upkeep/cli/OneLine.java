package io.camarad.upkeep.cli;

/**
 * Shortens a text for a place on one terminal line: runs of whitespace (line breaks included)
 * become one space, and a longer text is cut at a word boundary and ends with a visible " …". The
 * full text stays in the JSON report and the report files.
 */
final class OneLine {
  /** The longest error or summary text printed in a table, notification or error line. */
  static final int LIMIT = 300;

  private static final String MARK = " …";

  private OneLine() {}

  /** {@code text} on one line, at most {@link #LIMIT} characters. */
  static String of(String text) {
    return of(text, LIMIT);
  }

  /** {@code text} on one line, at most {@code limit} characters, the mark included. */
  static String of(String text, int limit) {
    String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return flat.length() <= limit ? flat : cut(flat, limit);
  }

  /** Whether {@link #of(String)} would shorten {@code text}, not merely flatten it. */
  static boolean isCut(String text) {
    return text != null && text.strip().replaceAll("\\s+", " ").length() > LIMIT;
  }

  private static String cut(String flat, int limit) {
    int room = Math.max(1, limit - MARK.length());
    int space = flat.lastIndexOf(' ', room);
    // One very long word (a URL, a hash) is cut inside rather than dropped whole.
    int end = space < room / 2 ? room : space;
    if (Character.isHighSurrogate(flat.charAt(end - 1))) {
      end--;
    }
    return flat.substring(0, end).stripTrailing() + MARK;
  }
}
