package io.camarad.upkeep.core.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for unknown keys and values: the closest known word by edit distance. */
final class KeySuggestions {
  private KeySuggestions() {}

  /** The closest candidate, if it is close enough to be a likely typo. */
  static Optional<String> closest(String given, Collection<String> candidates) {
    String lower = given.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .min(Comparator.comparingInt(c -> distance(lower, c.toLowerCase(Locale.ROOT))))
        .filter(c -> distance(lower, c.toLowerCase(Locale.ROOT)) <= threshold(given));
  }

  /** A hint to append to a message: "; did you mean 'x'?" or the list of valid words. */
  static String hint(String given, Collection<String> candidates) {
    if (candidates.isEmpty()) {
      return "; this section takes no keys";
    }
    return closest(given, candidates)
        .map(c -> "; did you mean '" + c + "'?")
        .orElse("; valid keys: " + String.join(", ", candidates));
  }

  private static int threshold(String given) {
    return Math.max(2, given.length() / 3);
  }

  /** Levenshtein distance, with the row trick to stay in linear memory. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
