package dev.switchboard.core.definition;

import java.util.Locale;
import java.util.Optional;

/** Suggestions for misspelled names ("did you mean ...?") in error messages. */
public final class Names {
  private Names() {}

  /**
   * Returns the known name closest to {@code name} by edit distance (case-insensitive), when it is close
   * enough to be a likely typo: at most 2 edits, or a third of the name's length for long names.
   *
   * @param name the name as given
   * @param known the names that exist
   * @return the suggestion, or empty
   */
  public static Optional<String> closest(String name, Iterable<String> known) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
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
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
