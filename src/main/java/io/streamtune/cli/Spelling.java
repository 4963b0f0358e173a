package io.streamtune.cli;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Suggests what a mistyped name may have meant, only when it is close: picocli's own suggestions
 * answer {@code status} with "validate or suggester", which helps nobody.
 */
final class Spelling {

  private Spelling() {}

  /**
   * The names one or two edits away from {@code typed} (one for names of up to four letters), or of
   * which it is a prefix or an extension ({@code mon}, {@code trainers}).
   */
  static List<String> near(String typed, Collection<String> names) {
    String t = typed.toLowerCase(Locale.ROOT);
    int allowed = t.length() <= 4 ? 1 : 2;
    return names.stream()
        .filter(
            name -> {
              String n = name.toLowerCase(Locale.ROOT);
              boolean prefix = t.length() >= 3 && (n.startsWith(t) || t.startsWith(n));
              return prefix || distance(t, n) <= allowed;
            })
        .toList();
  }

  /**
   * Edits (insert, delete, substitute, swap two neighbours) that turn {@code a} into {@code b}: the
   * optimal string alignment distance, Damerau's variant of Levenshtein's.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
