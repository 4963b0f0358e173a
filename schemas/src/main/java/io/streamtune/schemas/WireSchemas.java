package io.streamtune.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The wire contract's schemas, for clients in other languages: each topic's value record with its
 * fingerprint, and the {@code .avsc} source files in the order a parser must read them (a file may
 * use named types of the files before it).
 */
public final class WireSchemas {

  /** The source files, each after every file whose named types it uses. */
  public static final List<String> FILES =
      List.of(
          "Enums.avsc",
          "Dimension.avsc",
          "TrialRequest.avsc",
          "StudySpec.avsc",
          "TrialResult.avsc",
          "EpochMetric.avsc",
          "StopDecision.avsc",
          "TrialClaim.avsc",
          "SuggesterState.avsc",
          "StudyStatus.avsc");

  private static final String DIR = "io/streamtune/avro/schemas/";

  /**
   * A topic's value record.
   *
   * @param fingerprint CRC-64-AVRO of the schema's Parsing Canonical Form
   */
  public record Wire(String topic, Schema schema, long fingerprint) {

    public String record() {
      return schema.getName();
    }

    /** The fingerprint as Java and the serdes print it: 0x then 16 hex digits. */
    public String fingerprintHex() {
      return String.format(Locale.ROOT, "0x%016x", fingerprint);
    }

    /** The 10 bytes every value starts with: C3 01, then the fingerprint little-endian. */
    public String headerHex() {
      StringBuilder out = new StringBuilder("c3 01");
      for (int i = 0; i < 8; i++) {
        out.append(String.format(Locale.ROOT, " %02x", (fingerprint >>> (8 * i)) & 0xff));
      }
      return out.toString();
    }
  }

  private WireSchemas() {}

  /** Java-only schema properties: the generated classes' string type. */
  private static final Pattern JAVA_STRING =
      Pattern.compile(
          "\\{\\s*\"type\"\\s*:\\s*\"string\"\\s*,\\s*\"avro\\.java\\.string\"\\s*:\\s*\"String\"\\s*}");

  /** The same property on a map, whose keys it types. */
  private static final Pattern JAVA_STRING_PROPERTY =
      Pattern.compile(",\\s*\"avro\\.java\\.string\"\\s*:\\s*\"String\"");

  /**
   * A schema as JSON for any Avro library: without the Java-only {@code avro.java.string} property,
   * which the Parsing Canonical Form drops anyway (so the fingerprint is the same) but which some
   * libraries keep, and then compute another fingerprint.
   */
  public static String portable(Schema schema) {
    String json = JAVA_STRING.matcher(schema.toString()).replaceAll("\"string\"");
    json = JAVA_STRING_PROPERTY.matcher(json).replaceAll("");
    return new Schema.Parser().parse(json).toString(true);
  }

  /** Every topic whose values are Avro records, in {@link Topics#ALL}'s order. */
  public static List<Wire> records() {
    List<Wire> out = new ArrayList<>();
    for (Topic<?, ?> t : Topics.ALL) {
      if (t.valueSerde() instanceof AvroSerde<?> serde) {
        Schema s = serde.schema();
        out.add(new Wire(t.name(), s, SchemaNormalization.parsingFingerprint64(s)));
      }
    }
    return out;
  }

  /** A source file's text, from the jar. */
  public static String source(String file) {
    try (InputStream in = WireSchemas.class.getClassLoader().getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException(DIR + file + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
