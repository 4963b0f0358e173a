package io.streamtune.spec;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Small text helpers for problem messages, shared by the YAML readers and the validation. */
final class Words {

  /** How much of a user's value a message repeats; a spec may hold values of kilobytes. */
  private static final int QUOTE_LENGTH = 60;

  private Words() {}

  /** {@code 'value'}, shortened with an ellipsis when long. */
  static String quote(Object value) {
    String s = String.valueOf(value);
    return "'" + (s.length() <= QUOTE_LENGTH ? s : s.substring(0, QUOTE_LENGTH) + "…") + "'";
  }

  /** A key as a message names it: shortened with an ellipsis when longer than a name may be. */
  static String shortened(String key) {
    return key.length() <= SpecLimits.MAX_NAME_LENGTH
        ? key
        : key.substring(0, SpecLimits.MAX_NAME_LENGTH) + "…";
  }

  static List<String> sorted(Collection<String> words) {
    return words.stream().sorted().toList();
  }

  /** " (did you mean 'x'?)" for the closest candidate, or "" if none is close. */
  static String suggestion(String word, Collection<String> candidates) {
    if (word == null || word.length() > SpecLimits.MAX_NAME_LENGTH) {
      return ""; // the distance is quadratic in the length; no long word is a typo of a short one
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = levenshtein(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= Math.max(2, word.length() / 3)
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The field path a problem is about: the text before its first ": ". */
  static String pathOf(String problem) {
    int colon = problem.indexOf(": ");
    return colon < 0 ? "" : problem.substring(0, colon);
  }

  /** Whether {@code path} is {@code parent} or lies inside it. */
  static boolean within(String path, String parent) {
    return path.equals(parent) || path.startsWith(parent + ".") || path.startsWith(parent + "[");
  }
}
