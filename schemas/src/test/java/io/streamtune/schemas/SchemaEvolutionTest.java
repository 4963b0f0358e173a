package io.streamtune.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.Direction;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * How the schemas change without breaking what is already on the topics: a field added with a
 * default reads as that default in older records, and no field has a default that a builder could
 * only fill by instantiating a class.
 */
class SchemaEvolutionTest {

  /** {@code current} as it was before {@code field} was added: the same schema without it. */
  private static Schema without(Schema current, String field) {
    List<Schema.Field> fields =
        current.getFields().stream()
            .filter(f -> !f.name().equals(field))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList();
    return Schema.createRecord(
        current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  /** {@code record} encoded with {@code writer}, a schema with a subset of its fields. */
  private static byte[] writtenWith(Schema writer, SpecificRecord record) {
    GenericData.Record old = new GenericData.Record(writer);
    writer
        .getFields()
        .forEach(f -> old.put(f.name(), record.get(record.getSchema().getField(f.name()).pos())));
    try {
      return new BinaryMessageEncoder<GenericData.Record>(SpecificData.get(), writer)
          .encode(old)
          .array();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void shouldReadEarlyStopAsOffWhenARecordPredatesTheField() {
    // Given a spec and a request written before early_stop existed
    Schema oldSpec = without(StudySpec.getClassSchema(), "early_stop");
    Schema oldRequest = without(TrialRequest.getClassSchema(), "early_stop");
    byte[] spec = writtenWith(oldSpec, AvroSerdeTest.studySpec());
    byte[] request = writtenWith(oldRequest, AvroSerdeTest.trialRequest());
    // When this build reads them, knowing the old schemas
    StudySpec specBack = AvroSerde.of(StudySpec.class).addReaderCompatible(oldSpec).fromBytes(spec);
    TrialRequest requestBack =
        AvroSerde.of(TrialRequest.class).addReaderCompatible(oldRequest).fromBytes(request);
    // Then early_stop takes its default, null, which is off, and every other field is kept
    assertThat(specBack.getEarlyStop()).isNull();
    assertThat(requestBack.getEarlyStop()).isNull();
    assertThat(specBack.getStopping()).isEqualTo(AvroSerdeTest.studySpec().getStopping());
    assertThat(requestBack.getLeaseMs()).isEqualTo(AvroSerdeTest.trialRequest().getLeaseMs());
  }

  @Test
  void shouldReadAStudyAsNotCancelledWhenItsSpecPredatesTheField() {
    // Given a spec written before cancel existed
    Schema oldSpec = without(StudySpec.getClassSchema(), "cancel");
    byte[] spec = writtenWith(oldSpec, AvroSerdeTest.studySpec());
    // When this build reads it, knowing the old schema
    StudySpec back = AvroSerde.of(StudySpec.class).addReaderCompatible(oldSpec).fromBytes(spec);
    // Then cancel takes its default, null: the study runs; every other field is kept
    assertThat(back.getCancel()).isNull();
    assertThat(back.getEarlyStop()).isEqualTo(AvroSerdeTest.studySpec().getEarlyStop());
    assertThat(back.getSubmittedAt()).isEqualTo(AvroSerdeTest.studySpec().getSubmittedAt());
  }

  @Test
  void shouldDefaultACancelsReasonAndRequesterToEmptyWhenABuilderLeavesThemOut() {
    // Given a cancel that says only when, as a minimal client writes it
    CancelRequest cancel = CancelRequest.newBuilder().setRequestedAt(7L).build();
    StudySpec spec = AvroSerdeTest.studySpec();
    spec.setCancel(cancel);
    // When / Then its strings are empty, and the spec survives the topic with it
    assertThat(cancel.getReason()).isEmpty();
    assertThat(cancel.getRequestedBy()).isEmpty();
    assertThat(AvroSerdeTest.roundTrip(StudySpec.class, spec).getCancel()).isEqualTo(cancel);
  }

  @Test
  void shouldDefaultEarlyStopToOffWhenABuilderLeavesItOut() {
    // Given a request built as code written before the field builds it
    TrialRequest request =
        TrialRequest.newBuilder()
            .setStudyId("s1")
            .setTrialId("s1-t0001")
            .setTrialNumber(1)
            .setParams(Map.of("lr", 0.5))
            .setObjective(new ObjectiveSpec("branin", Map.of()))
            .setMetric(new MetricSpec("loss", Direction.MINIMIZE))
            .setMaxEpochs(5)
            .build();
    // When / Then early_stop is off, and the record survives the topic
    assertThat(request.getEarlyStop()).isNull();
    assertThat(AvroSerdeTest.roundTrip(TrialRequest.class, request)).isEqualTo(request);
  }

  @Test
  void shouldGiveNoFieldARecordDefaultWhenBuildersMayRunBeforeAnySerde() {
    // A builder fills a record-typed default by instantiating the class, which Avro refuses until
    // AvroSerde has put it on the allow-list: code that builds a record before any serde is loaded
    // would throw a SecurityException. Optional records (a union with null) have no such default.
    List<String> recordDefaults = new ArrayList<>();
    for (Schema s :
        List.of(
            StudySpec.getClassSchema(),
            TrialRequest.getClassSchema(),
            TrialResult.getClassSchema(),
            SuggesterState.getClassSchema(),
            EpochMetric.getClassSchema(),
            StopDecision.getClassSchema(),
            TrialClaim.getClassSchema(),
            StudyStatus.getClassSchema())) {
      recordDefaults(s, new HashSet<>(), recordDefaults);
    }
    assertThat(recordDefaults).isEmpty();
  }

  private static void recordDefaults(Schema s, Set<String> seen, List<String> out) {
    switch (s.getType()) {
      case RECORD -> {
        if (!seen.add(s.getFullName())) {
          return;
        }
        for (Schema.Field f : s.getFields()) {
          if (f.hasDefaultValue() && f.schema().getType() == Schema.Type.RECORD) {
            out.add(s.getName() + "." + f.name());
          }
          recordDefaults(f.schema(), seen, out);
        }
      }
      case UNION -> s.getTypes().forEach(t -> recordDefaults(t, seen, out));
      case ARRAY -> recordDefaults(s.getElementType(), seen, out);
      case MAP -> recordDefaults(s.getValueType(), seen, out);
      default -> {
        // a primitive or an enum has no fields
      }
    }
  }
}
