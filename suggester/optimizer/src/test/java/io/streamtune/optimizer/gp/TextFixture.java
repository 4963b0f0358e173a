package io.streamtune.optimizer.gp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference values kept as plain text ({@code name: v1 v2 ...}, one line per row, a matrix
 * repeating its name), so that the optimizer's tests need no JSON library on its classpath.
 */
final class TextFixture {

  private final Map<String, List<double[]>> tables;

  private TextFixture(Map<String, List<double[]>> tables) {
    this.tables = tables;
  }

  static TextFixture load(String resource) {
    Map<String, List<double[]>> tables = new LinkedHashMap<>();
    try (InputStream in = TextFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        double[] row =
            Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                .mapToDouble(Double::parseDouble)
                .toArray();
        tables.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TextFixture(tables);
  }

  List<double[]> rows(String name) {
    List<double[]> rows = tables.get(name);
    if (rows == null) {
      throw new IllegalArgumentException("fixture has no table " + name);
    }
    return rows;
  }

  double[] vector(String name) {
    return rows(name).get(0);
  }

  double scalar(String name) {
    return vector(name)[0];
  }
}
