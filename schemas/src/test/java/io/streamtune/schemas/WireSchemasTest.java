package io.streamtune.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.TrialClaim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class WireSchemasTest {

  @Test
  void shouldParseEverySourceFileWhenReadInTheListedOrder() throws IOException {
    // Given one parser, as a code generator in another language would use
    Schema.Parser parser = new Schema.Parser();
    // Then every file parses after the ones before it, and no file is left out
    for (String file : WireSchemas.FILES) {
      parser.parse(WireSchemas.source(file));
    }
    try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(WireSchemas.FILES);
    }
  }

  @Test
  void shouldFailWhenAFileIsReadBeforeTheTypesItUses() {
    // The order matters: a result names TrialStatus, defined in Enums.avsc
    assertThatThrownBy(() -> new Schema.Parser().parse(WireSchemas.source("TrialResult.avsc")))
        .hasMessageContaining("Undefined schema")
        .hasMessageEndingWith(".TrialStatus");
  }

  @Test
  void shouldGiveTheBytesARecordStartsWithWhenAskedForItsHeader() {
    // Given the claim record's entry, and a claim as the serde writes it
    WireSchemas.Wire claims =
        WireSchemas.records().stream()
            .filter(w -> w.topic().equals("trial-claims"))
            .findFirst()
            .orElseThrow();
    byte[] bytes =
        Topics.TRIAL_CLAIMS
            .valueSerde()
            .serializer()
            .serialize(
                "trial-claims",
                TrialClaim.newBuilder()
                    .setStudyId("s")
                    .setTrialId("s-t0000")
                    .setTrialNumber(0)
                    .setAttempt(1)
                    .setEvent(ClaimEvent.CLAIMED)
                    .build());
    // Then the header is the first ten bytes, and the fingerprint the serde's
    assertThat(claims.record()).isEqualTo("TrialClaim");
    assertThat(claims.headerHex().replace(" ", ""))
        .isEqualTo(HexFormat.of().formatHex(bytes, 0, 10));
    assertThat(claims.fingerprint())
        .isEqualTo(((AvroSerde<?>) Topics.TRIAL_CLAIMS.valueSerde()).fingerprint());
    assertThat(WireSchemas.records())
        .extracting(WireSchemas.Wire::topic)
        .containsExactly(
            List.of(
                    "studies",
                    "trial-requests",
                    "trial-metrics",
                    "trial-control",
                    "trial-results",
                    "trial-claims",
                    "suggester-state",
                    "study-status")
                .toArray(String[]::new));
  }

  @Test
  void shouldKeepTheFingerprintWhenTheSchemaIsMadePortable() {
    for (WireSchemas.Wire w : WireSchemas.records()) {
      String portable = WireSchemas.portable(w.schema());
      assertThat(portable).as(w.record()).doesNotContain("avro.java.string");
      assertThat(SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(portable)))
          .as(w.record())
          .isEqualTo(w.fingerprint());
    }
  }
}
