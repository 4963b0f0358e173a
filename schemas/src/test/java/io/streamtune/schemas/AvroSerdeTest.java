package io.streamtune.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Direction;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.Prior;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static Map<String, Object> mixedParams() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("layers", 3L);
    p.put("lr", 0.0125);
    p.put("act", "relu");
    return p;
  }

  static StudySpec studySpec() {
    return StudySpec.newBuilder()
        .setStudyId("s1")
        .setObjective(new ObjectiveSpec("branin", Map.of("epoch_ms", "0")))
        .setMetric(new MetricSpec("acc", Direction.MAXIMIZE))
        .setSpace(
            List.of(
                Dimension.newBuilder()
                    .setName("lr")
                    .setType(DimensionType.REAL)
                    .setLow(1e-4)
                    .setHigh(1)
                    .setPrior(Prior.LOG_UNIFORM)
                    .setCategories(List.of())
                    .build(),
                Dimension.newBuilder()
                    .setName("act")
                    .setType(DimensionType.CATEGORICAL)
                    .setCategories(List.of("relu", "tanh"))
                    .build()))
        .setNTrials(10)
        .setParallelism(2)
        .setMaxEpochs(5)
        .setAlgorithm(
            AlgorithmSpec.newBuilder()
                .setName("random")
                .setSeed(42L)
                .setX0(List.of(mixedParams()))
                .build())
        .setStopping(new StoppingSpec("median", Map.of("min_trials", 3.0)))
        .setSubmittedAt(123L)
        .setEarlyStop(new EarlyStopSpec(3, 1e-3, true))
        .setCancel(new CancelRequest(456L, "out of budget", "alice"))
        .build();
  }

  static TrialRequest trialRequest() {
    return TrialRequest.newBuilder()
        .setStudyId("s1")
        .setTrialId("s1-t0001")
        .setTrialNumber(1)
        .setParams(mixedParams())
        .setObjective(new ObjectiveSpec("branin", Map.of()))
        .setMetric(new MetricSpec("loss", Direction.MINIMIZE))
        .setMaxEpochs(5)
        .setBracket(2)
        .setRequestedAt(99L)
        .setEarlyStop(new EarlyStopSpec(4, 0.25, false))
        .build();
  }

  static <T extends SpecificRecord> T roundTrip(Class<T> type, T record) {
    AvroSerde<T> serde = AvroSerde.of(type);
    byte[] bytes = serde.serializer().serialize("topic", record);
    return serde.deserializer().deserialize("topic", bytes);
  }

  @Test
  void shouldRoundTripStudySpecWhenItHasEveryFieldSet() {
    StudySpec spec = studySpec();
    assertThat(roundTrip(StudySpec.class, spec)).isEqualTo(spec);
  }

  @Test
  void shouldKeepParamWireTypesWhenTrialRequestHasMixedParams() {
    // Given params of each wire type: long, double, string
    TrialRequest request = trialRequest();
    // When
    TrialRequest back = roundTrip(TrialRequest.class, request);
    // Then each value keeps its Java type, so integer dimensions stay Long
    assertThat(back).isEqualTo(request);
    assertThat(back.getParams().get("layers")).isInstanceOf(Long.class).isEqualTo(3L);
    assertThat(back.getParams().get("lr")).isInstanceOf(Double.class).isEqualTo(0.0125);
    assertThat(back.getParams().get("act")).isInstanceOf(String.class).isEqualTo("relu");
  }

  @Test
  void shouldRoundTripEpochMetricAndStopDecision() {
    EpochMetric m =
        EpochMetric.newBuilder()
            .setStudyId("s1")
            .setTrialId("s1-t0001")
            .setAttempt(2)
            .setEpoch(3)
            .setValue(-1.5e-3)
            .setMaxEpochs(10)
            .setWorker("w1")
            .setTimestamp(17L)
            .build();
    StopDecision d =
        StopDecision.newBuilder()
            .setStudyId("s1")
            .setTrialId("s1-t0001")
            .setAttempt(2)
            .setRule("median")
            .setStep(3)
            .setValue(4.0)
            .setThreshold(2.5)
            .setReason("worse")
            .setDecidedAt(18L)
            .build();
    assertThat(roundTrip(EpochMetric.class, m)).isEqualTo(m);
    assertThat(roundTrip(StopDecision.class, d)).isEqualTo(d);
  }

  @Test
  void shouldRoundTripFailedTrialResultWhenValueIsNullAndErrorIsSet() {
    TrialResult r =
        TrialResult.newBuilder()
            .setStudyId("s1")
            .setTrialId("s1-t0002")
            .setTrialNumber(2)
            .setParams(mixedParams())
            .setStatus(TrialStatus.FAILED)
            .setValue(null)
            .setEpochsRun(1)
            .setMaxEpochs(5)
            .setError("IllegalStateException: boom")
            .setExtraMetrics(Map.of())
            .build();
    TrialResult back = roundTrip(TrialResult.class, r);
    assertThat(back).isEqualTo(r);
    assertThat(back.getValue()).isNull();
    assertThat(back.getError()).isEqualTo("IllegalStateException: boom");
  }

  @Test
  void shouldRoundTripCompletedTrialResultWhenItHasValueAndExtraMetrics() {
    TrialResult r =
        TrialResult.newBuilder()
            .setStudyId("s1")
            .setTrialId("s1-t0003")
            .setTrialNumber(3)
            .setParams(mixedParams())
            .setStatus(TrialStatus.PRUNED)
            .setValue(0.25)
            .setEpochsRun(2)
            .setMaxEpochs(5)
            .setExtraMetrics(Map.of("test_auc", 0.9))
            .setWorker("w")
            .setStartedAt(1L)
            .setFinishedAt(2L)
            .build();
    assertThat(roundTrip(TrialResult.class, r)).isEqualTo(r);
  }

  @Test
  void shouldRoundTripSuggesterStateWhenItHoldsATrialsRequest() {
    SuggesterState s =
        SuggesterState.newBuilder()
            .setStudyId("s1")
            .setTrialId("s1-t0003")
            .setRequest(trialRequest())
            .setLost(1)
            .build();
    assertThat(roundTrip(SuggesterState.class, s)).isEqualTo(s);
  }

  @Test
  void shouldRoundTripClaimsAndStatusesWhenTrainersAndSuggestersWriteThem() {
    TrialClaim c =
        TrialClaim.newBuilder()
            .setStudyId("s1")
            .setTrialId("s1-t0003")
            .setTrialNumber(3)
            .setAttempt(2)
            .setEvent(ClaimEvent.RENEWED)
            .setWorker("w")
            .setAt(5L)
            .build();
    StudyStatus st =
        StudyStatus.newBuilder()
            .setStudyId("s1")
            .setState(StudyState.FAILED)
            .setMessage("n_trials must be >= 1")
            .build();
    assertThat(roundTrip(TrialClaim.class, c)).isEqualTo(c);
    assertThat(roundTrip(StudyStatus.class, st)).isEqualTo(st);
  }

  @Test
  void shouldPassNullThroughWhenRecordIsATombstone() {
    AvroSerde<StudySpec> serde = AvroSerde.of(StudySpec.class);
    assertThat(serde.serializer().serialize("studies", null)).isNull();
    assertThat(serde.deserializer().deserialize("studies", null)).isNull();
  }

  @Test
  void shouldWriteSingleObjectHeaderWithThisSchemasFingerprint() {
    // Given
    AvroSerde<EpochMetric> serde = AvroSerde.of(EpochMetric.class);
    EpochMetric m =
        EpochMetric.newBuilder()
            .setStudyId("s")
            .setTrialId("t")
            .setEpoch(1)
            .setValue(1)
            .setMaxEpochs(2)
            .build();
    // When
    byte[] bytes = serde.toBytes(m);
    // Then: marker C3 01, then the little-endian CRC-64-AVRO fingerprint
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(serde.fingerprint());
  }

  @Test
  void shouldNameFingerprintAndTypeWhenFingerprintIsUnknown() {
    // Given a StudySpec whose header carries a fingerprint no schema has
    byte[] bytes = AvroSerde.of(StudySpec.class).toBytes(studySpec());
    ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(2, 0x0123456789abcdefL);
    // When / Then
    assertThatThrownBy(() -> AvroSerde.of(StudySpec.class).fromBytes(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown schema fingerprint")
        .hasMessageContaining("0x0123456789abcdef")
        .hasMessageContaining("StudySpec");
  }

  @Test
  void shouldReportUnknownFingerprintWhenRecordOfAnotherTypeIsRead() {
    // Given an EpochMetric read by the StopDecision serde (a topic mix-up)
    byte[] bytes =
        AvroSerde.of(EpochMetric.class)
            .toBytes(
                EpochMetric.newBuilder()
                    .setStudyId("s")
                    .setTrialId("t")
                    .setEpoch(1)
                    .setValue(1)
                    .setMaxEpochs(2)
                    .build());
    // When / Then
    assertThatThrownBy(() -> AvroSerde.of(StopDecision.class).fromBytes(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown schema fingerprint")
        .hasMessageContaining("StopDecision");
  }

  @Test
  void shouldFailClearlyWhenBytesAreGarbage() {
    // Given random bytes, a JSON string and a too-short array
    byte[] random = new byte[64];
    new Random(7).nextBytes(random);
    random[0] = 0x7b;
    byte[] json = "{\"study_id\":\"s1\"}".getBytes(StandardCharsets.UTF_8);
    AvroSerde<TrialResult> serde = AvroSerde.of(TrialResult.class);
    // When / Then every one is a SerializationException that names the type
    for (byte[] bytes : List.of(random, json, new byte[] {(byte) 0xC3})) {
      assertThatThrownBy(() -> serde.fromBytes(bytes))
          .as("decoding %s", Arrays.toString(bytes))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("TrialResult");
    }
    assertThatThrownBy(() -> serde.fromBytes(json))
        .hasMessageContaining("Not an Avro single-object record");
  }

  @Test
  void shouldFailClearlyWhenBodyIsTruncated() {
    byte[] full = AvroSerde.of(StudySpec.class).toBytes(studySpec());
    byte[] truncated = Arrays.copyOf(full, 14);
    assertThatThrownBy(() -> AvroSerde.of(StudySpec.class).fromBytes(truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("StudySpec");
  }
}
