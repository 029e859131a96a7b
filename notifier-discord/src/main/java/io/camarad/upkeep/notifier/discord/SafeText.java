package io.camarad.upkeep.notifier.discord;

import java.util.regex.Pattern;

/**
 * Pure text operations for message parts: cutting to a limit with a visible marker, folding to one
 * line, and defusing mention syntax.
 *
 * <p>Lengths are counted in UTF-16 units ({@link String#length()}), which is never less than the
 * code points Discord counts, so a text that fits here fits there; a cut never splits a surrogate
 * pair.
 */
final class SafeText {
  /** Appended to every text that was cut, so a reader knows something is missing. */
  static final String MARKER = "…";

  private static final char ZERO_WIDTH_SPACE = '\u200B';
  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");
  private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)");
  private static final Pattern TAG_MENTION = Pattern.compile("<([@#])");

  private SafeText() {}

  /**
   * {@code text} if it has at most {@code max} units, else its start followed by {@link #MARKER},
   * {@code max} units in all.
   */
  static String cut(String text, int max) {
    if (max < MARKER.length()) {
      throw new IllegalArgumentException("limit " + max + " leaves no room for the marker");
    }
    if (text.length() <= max) {
      return text;
    }
    int end = max - MARKER.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end).stripTrailing() + MARKER;
  }

  /** Every run of whitespace (line breaks included) as one space, trimmed. */
  static String oneLine(String text) {
    return WHITESPACE_RUN.matcher(text).replaceAll(" ").strip();
  }

  /**
   * Text written by a task, made unable to ping: {@code @everyone}, {@code @here} and {@code
   * <@id>}, {@code <@&id>}, {@code <#id>} get a zero-width space after their first character.
   * {@code allowed_mentions} already stops the pings; this keeps them from even rendering.
   */
  static String defused(String text) {
    String masses = MASS_MENTION.matcher(text).replaceAll("@" + ZERO_WIDTH_SPACE + "$1");
    return TAG_MENTION.matcher(masses).replaceAll("<" + ZERO_WIDTH_SPACE + "$1");
  }

  /** Task text for a message: defused and folded to one line. */
  static String fromTask(String text) {
    return oneLine(defused(text));
  }
}
