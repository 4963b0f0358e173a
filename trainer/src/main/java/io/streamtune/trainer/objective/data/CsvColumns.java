package io.streamtune.trainer.objective.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads named numeric columns of a simple CSV (a header row, comma-separated, no quoted commas),
 * such as Yahoo's {@code Date,Open,High,Low,Close,Adj Close,Volume}. Rows where a wanted cell is
 * empty or {@code null} (Yahoo writes that for missing days) are skipped, so all columns stay
 * aligned.
 */
public final class CsvColumns {

  private CsvColumns() {}

  /** Returns {@code columns[c][row]} for each requested column name, in file order. */
  public static double[][] read(Path file, String... names) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new IOException(file + ": empty file");
      }
      List<String> columns = Arrays.stream(header.split(",")).map(String::trim).toList();
      int[] at = new int[names.length];
      for (int c = 0; c < names.length; c++) {
        at[c] = columns.indexOf(names[c]);
        if (at[c] < 0) {
          throw new IOException(file + ": no column '" + names[c] + "' in header " + columns);
        }
      }
      List<double[]> rows = new ArrayList<>();
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        double[] row = parseRow(cells, at, file, lineNo);
        if (row != null) {
          rows.add(row);
        }
      }
      double[][] out = new double[names.length][rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < names.length; c++) {
          out[c][r] = rows.get(r)[c];
        }
      }
      return out;
    }
  }

  private static double[] parseRow(String[] cells, int[] at, Path file, int lineNo)
      throws IOException {
    double[] row = new double[at.length];
    for (int c = 0; c < at.length; c++) {
      String cell = at[c] < cells.length ? cells[at[c]].trim() : "";
      if (cell.isEmpty() || "null".equalsIgnoreCase(cell)) {
        return null;
      }
      try {
        row[c] = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + lineNo + ": not a number: '" + cell + "'", e);
      }
    }
    return row;
  }
}
