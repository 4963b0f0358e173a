package io.streamtune.schemas;

import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic StreamTune uses. Keys are study ids except on {@code trial-requests}, which is keyed
 * by trial id so that one study's trials spread over the whole trainer group, and on {@code
 * suggester-state}, keyed by study or study and trial. Every study-keyed topic has the same
 * partition count, and a study's records all go to one partition number, its study partition.
 */
public final class Topics {

  private static final Serde<String> KEY = Serdes.String();

  public static final Topic<String, StudySpec> STUDIES =
      new Topic<>("studies", KEY, AvroSerde.of(StudySpec.class), true);
  public static final Topic<String, TrialRequest> TRIAL_REQUESTS =
      new Topic<>("trial-requests", KEY, AvroSerde.of(TrialRequest.class), false);
  public static final Topic<String, EpochMetric> TRIAL_METRICS =
      new Topic<>("trial-metrics", KEY, AvroSerde.of(EpochMetric.class), false);
  public static final Topic<String, StopDecision> TRIAL_CONTROL =
      new Topic<>("trial-control", KEY, AvroSerde.of(StopDecision.class), false);
  public static final Topic<String, TrialResult> TRIAL_RESULTS =
      new Topic<>("trial-results", KEY, AvroSerde.of(TrialResult.class), false);

  /** A trainer's claim, lease renewals and release of the attempt it holds; keyed by study. */
  public static final Topic<String, TrialClaim> TRIAL_CLAIMS =
      new Topic<>("trial-claims", KEY, AvroSerde.of(TrialClaim.class), false);

  /**
   * The suggester's own state: key {@code study} for a study, {@code study|trial} for one trial,
   * always on the study's partition.
   */
  public static final Topic<String, SuggesterState> SUGGESTER_STATE =
      new Topic<>("suggester-state", KEY, AvroSerde.of(SuggesterState.class), true);

  /** Where each study stands (running, completed, failed, cancelled), by its suggester. */
  public static final Topic<String, StudyStatus> STUDY_STATUS =
      new Topic<>("study-status", KEY, AvroSerde.of(StudyStatus.class), true);

  /** Raw bytes of records that could not be processed; headers carry the source and the reason. */
  public static final Topic<byte[], byte[]> DEAD_LETTER =
      new Topic<>("streamtune-dlq", Serdes.ByteArray(), Serdes.ByteArray(), false);

  /** Header names on dead-letter records. */
  public static final String DLQ_SOURCE_TOPIC = "streamtune.dlq.topic";

  public static final String DLQ_SOURCE_PARTITION = "streamtune.dlq.partition";
  public static final String DLQ_SOURCE_OFFSET = "streamtune.dlq.offset";
  public static final String DLQ_REASON = "streamtune.dlq.reason";
  public static final String DLQ_SERVICE = "streamtune.dlq.service";

  public static final List<Topic<?, ?>> ALL =
      List.of(
          STUDIES,
          TRIAL_REQUESTS,
          TRIAL_METRICS,
          TRIAL_CONTROL,
          TRIAL_RESULTS,
          TRIAL_CLAIMS,
          SUGGESTER_STATE,
          STUDY_STATUS,
          DEAD_LETTER);

  private Topics() {}
}
