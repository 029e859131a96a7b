package io.camarad.upkeep.core.internal;

/**
 * Shortens a text for a one-line place (a task's summary, a log line): whitespace runs, line breaks
 * included, become one space, and a text longer than the limit is cut at a word boundary and ends
 * with " …". Full texts belong in the report's error and the audit log.
 */
public final class OneLine {
  /** The default limit of a summary, in characters. */
  public static final int SUMMARY_LIMIT = 300;

  private static final String MARK = " …";

  private OneLine() {}

  /** {@code text} on one line, at most {@link #SUMMARY_LIMIT} characters. */
  public static String of(String text) {
    return of(text, SUMMARY_LIMIT);
  }

  /** {@code text} on one line, at most {@code limit} characters (the marker included). */
  public static String of(String text, int limit) {
    String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    if (flat.length() <= limit) {
      return flat;
    }
    int room = Math.max(1, limit - MARK.length());
    int cut = flat.lastIndexOf(' ', room);
    // A single very long word (a URL, a hash) is cut inside it rather than dropped whole.
    int end = cut < room / 2 ? room : cut;
    if (Character.isHighSurrogate(flat.charAt(end - 1))) {
      end--;
    }
    return flat.substring(0, end).stripTrailing() + MARK;
  }
}
