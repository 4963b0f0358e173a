package io.streamtune.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table: columns as wide as their widest cell, two spaces apart, every line cut to the width
 * given. The last column takes what is left, so long text (a stop reason) goes there.
 */
final class Table {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  void row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
    }
    rows.add(List.of(cells));
  }

  List<String> render(int width) {
    int[] w = new int[headers.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = headers.get(c).length();
      for (List<String> r : rows) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    List<String> out = new ArrayList<>();
    out.add(line(headers, w, width));
    for (List<String> r : rows) {
      out.add(line(r, w, width));
    }
    return out;
  }

  private static String line(List<String> cells, int[] w, int width) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        s.append("  ");
      }
      String cell = cells.get(c);
      s.append(cell);
      if (c < cells.size() - 1) {
        s.append(" ".repeat(w[c] - cell.length()));
      }
    }
    return Figures.fit(s.toString().stripTrailing(), width);
  }
}
