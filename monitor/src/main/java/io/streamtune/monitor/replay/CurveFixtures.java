package io.streamtune.monitor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes learning-curve fixtures: JSON lines, gzip-compressed when the file name ends in
 * {@code .gz} (reading detects gzip by its magic bytes, whatever the name).
 *
 * <pre>
 * {"set":"mlp-mnist","metric":"val_accuracy","direction":"maximize"}
 * {"trial":"t0000","values":[0.912,0.941,0.953,...]}
 * {"trial":"t0001","values":[0.850,0.902,...],"params":{"lr":0.003,"units":128}}
 * </pre>
 *
 * <p>The first line is a header: {@code direction} ("maximize" or "minimize") is required, {@code
 * set} names the curves in reports, and any other key (metric, objective, command, seed) is kept by
 * nobody but documents the file. Every other line is one trial, its metric after epochs 1, 2, …, in
 * the metric's own orientation; extra keys such as {@code params} are ignored. A diverged epoch may
 * be written as {@code null} or the string "NaN" and is read as NaN. Blank lines are skipped. One
 * line per trial means a trainer can append as trials finish, and gzip keeps 100 curves of 50
 * epochs in a few tens of kilobytes.
 */
public final class CurveFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CurveFixtures() {}

  public static LearningCurves read(Path file) {
    try (InputStream in = open(file)) {
      return read(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read curves from " + file, e);
    }
  }

  static LearningCurves read(InputStream in, String fallbackName) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    JsonNode header = null;
    List<LearningCurves.Curve> curves = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      if (header == null) {
        if (!node.has("direction")) {
          throw new IllegalArgumentException(
              "line "
                  + lineNo
                  + ": the first line must be a header with "
                  + "\"direction\" (\"maximize\" or \"minimize\")");
        }
        header = node;
        continue;
      }
      curves.add(curve(node, lineNo));
    }
    if (header == null) {
      throw new IllegalArgumentException("no header line in " + fallbackName);
    }
    String direction = header.get("direction").asText();
    if (!direction.equals("maximize") && !direction.equals("minimize")) {
      throw new IllegalArgumentException(
          "direction must be maximize or minimize but was " + direction);
    }
    String name = header.has("set") ? header.get("set").asText() : fallbackName;
    return new LearningCurves(name, direction.equals("maximize"), curves);
  }

  private static LearningCurves.Curve curve(JsonNode node, int lineNo) {
    JsonNode values = node.get("values");
    if (!node.hasNonNull("trial") || values == null || !values.isArray()) {
      throw new IllegalArgumentException(
          "line " + lineNo + ": expected {\"trial\":..., \"values\":[...]}");
    }
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode x = values.get(i);
      v[i] = x.isNumber() ? x.asDouble() : Double.NaN;
    }
    return new LearningCurves.Curve(node.get("trial").asText(), v);
  }

  /** The first line of a fixture: the set's name, its metric and the metric's direction. */
  public static ObjectNode header(String set, String metric, boolean maximize) {
    return JSON.createObjectNode()
        .put("set", set)
        .put("metric", metric)
        .put("direction", maximize ? "maximize" : "minimize");
  }

  /**
   * One trial's line; non-finite values become null. Callers may add keys, which readers ignore.
   */
  public static ObjectNode curve(String trial, double[] values) {
    ObjectNode line = JSON.createObjectNode().put("trial", trial);
    var array = line.putArray("values");
    for (double v : values) {
      if (Double.isFinite(v)) {
        array.add(v);
      } else {
        array.addNull();
      }
    }
    return line;
  }

  public static void write(Path file, LearningCurves set, String metric) {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      w.write(JSON.writeValueAsString(header(set.name(), metric, set.maximize())));
      w.write('\n');
      for (LearningCurves.Curve c : set.curves()) {
        w.write(JSON.writeValueAsString(curve(c.trial(), c.values())));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write curves to " + file, e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
  }
}
