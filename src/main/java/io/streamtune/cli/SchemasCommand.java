package io.streamtune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.schemas.WireSchemas;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "schemas",
    header = "Print the wire schemas and their fingerprints, or export them for other languages.",
    description =
        "Prints each topic's value record: its Avro schema and the CRC-64-AVRO fingerprint that"
            + " every value starts with (single-object encoding: C3 01, then the fingerprint"
            + " little-endian). --export DIR writes them for clients in other languages:"
            + " records/RECORD.avsc, each record as one self-contained schema; avsc/NN-FILE.avsc,"
            + " the source files numbered in the order a parser must read them; and index.json"
            + " with each topic, record and fingerprint. docs/protocol.md is the whole contract.")
final class SchemasCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Parameters(
      paramLabel = "RECORD",
      arity = "0..*",
      description =
          "Records to print, by name (TrialRequest) or topic (trial-requests); all if none.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--export",
      paramLabel = "DIR",
      description = "Write the schemas, the source files and index.json to DIR.")
  Path export;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws IOException {
    List<WireSchemas.Wire> records = selected();
    PrintWriter out = cmd.commandLine().getOut();
    if (export != null) {
      write(records);
      out.printf(
          "Wrote %d record schemas, %d source files and index.json to %s%n",
          records.size(), WireSchemas.FILES.size(), export.toAbsolutePath());
      out.flush();
      return ExitCodes.OK;
    }
    for (WireSchemas.Wire w : records) {
      out.printf(
          "# %s on %s: fingerprint %s, values start with %s%n",
          w.record(), w.topic(), w.fingerprintHex(), w.headerHex());
      out.println(WireSchemas.portable(w.schema()));
      out.println();
    }
    out.flush();
    return ExitCodes.OK;
  }

  private List<WireSchemas.Wire> selected() {
    List<WireSchemas.Wire> all = WireSchemas.records();
    if (only.isEmpty()) {
      return all;
    }
    List<WireSchemas.Wire> out = new ArrayList<>();
    for (String name : only) {
      WireSchemas.Wire found =
          all.stream()
              .filter(w -> w.record().equals(name) || w.topic().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no record or topic '"
                              + name
                              + "'; the records are "
                              + String.join(
                                  ", ", all.stream().map(WireSchemas.Wire::record).toList())));
      out.add(found);
    }
    return out;
  }

  private void write(List<WireSchemas.Wire> records) throws IOException {
    Path recordsDir = Files.createDirectories(export.resolve("records"));
    Path sourceDir = Files.createDirectories(export.resolve("avsc"));
    ObjectNode index = JSON.createObjectNode();
    index.put("protocol_version", 2);
    ArrayNode topics = index.putArray("records");
    for (WireSchemas.Wire w : records) {
      Files.writeString(
          recordsDir.resolve(w.record() + ".avsc"), WireSchemas.portable(w.schema()) + "\n");
      topics
          .addObject()
          .put("topic", w.topic())
          .put("record", w.record())
          .put("full_name", w.schema().getFullName())
          .put("fingerprint", w.fingerprintHex())
          .put("fingerprint_signed", w.fingerprint())
          .put("header", w.headerHex())
          .put("schema", "records/" + w.record() + ".avsc");
    }
    ArrayNode order = index.putArray("source_files_in_order");
    int n = 1;
    for (String file : WireSchemas.FILES) {
      String name = String.format(Locale.ROOT, "%02d-%s", n++, file);
      Files.writeString(sourceDir.resolve(name), WireSchemas.source(file));
      order.add("avsc/" + name);
    }
    JSON.writeValue(export.resolve("index.json").toFile(), index);
  }
}
