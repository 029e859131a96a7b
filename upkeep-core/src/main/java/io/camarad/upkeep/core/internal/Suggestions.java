package io.camarad.upkeep.core.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for names: the closest candidate within a small edit distance. */
final class Suggestions {
  private Suggestions() {}

  /** "; did you mean 'x'?" or an empty string. */
  static String hint(String given, Collection<String> candidates) {
    return closest(given, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  static Optional<String> closest(String given, Collection<String> candidates) {
    int limit = Math.max(2, given.length() / 3);
    return candidates.stream()
        .filter(c -> distance(given, c) <= limit)
        .min(Comparator.comparingInt((String c) -> distance(given, c)).thenComparing(c -> c));
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int edit = Math.min(current[j - 1] + 1, previous[j] + 1);
        current[j] = Math.min(edit, previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
