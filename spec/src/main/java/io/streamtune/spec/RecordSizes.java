package io.streamtune.spec;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoded sizes of the records a spec becomes, measured with the topics' own serdes so that the
 * figures are the bytes Kafka would be sent.
 */
final class RecordSizes {

  private RecordSizes() {}

  static int studySpec(StudySpec spec) {
    return encode(Topics.STUDIES, spec);
  }

  /**
   * The largest trial request the suggester can send for this spec: every parameter at its widest
   * value, the last trial number, the largest bracket and timestamp.
   */
  static int trialRequest(StudySpec spec) {
    return encode(Topics.TRIAL_REQUESTS, widestRequest(spec));
  }

  /**
   * The largest of the suggester's state records for this spec: the study's own record, which
   * carries the spec, or a trial's, which carries its widest request.
   */
  static long suggesterState(StudySpec spec) {
    TrialRequest request = widestRequest(spec);
    long header =
        encode(
            Topics.SUGGESTER_STATE,
            SuggesterState.newBuilder()
                .setStudyId(spec.getStudyId())
                .setSpec(spec)
                .setNextTrialNumber(spec.getNTrials())
                .build());
    long trial =
        encode(
            Topics.SUGGESTER_STATE,
            SuggesterState.newBuilder()
                .setStudyId(spec.getStudyId())
                .setTrialId(request.getTrialId())
                .setRequest(request)
                .setLost(Integer.MAX_VALUE)
                .build());
    return Math.max(header, trial);
  }

  private static TrialRequest widestRequest(StudySpec spec) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Dimension d : spec.getSpace()) {
      params.put(d.getName(), widestValue(d));
    }
    // The suggester's trial ids are "<study>-t<number, at least 4 digits>".
    String digits = "9".repeat(Math.max(4, String.valueOf(spec.getNTrials()).length()));
    return TrialRequest.newBuilder()
        .setStudyId(spec.getStudyId())
        .setTrialId(spec.getStudyId() + "-t" + digits)
        .setTrialNumber(spec.getNTrials())
        .setParams(params)
        .setObjective(spec.getObjective())
        .setMetric(spec.getMetric())
        .setMaxEpochs(spec.getMaxEpochs())
        .setBracket(Integer.MAX_VALUE)
        .setRequestedAt(Long.MAX_VALUE)
        .setEarlyStop(spec.getEarlyStop())
        .build();
  }

  private static Object widestValue(Dimension d) {
    return switch (d.getType()) {
      case INTEGER ->
          Math.abs(d.getLow()) > Math.abs(d.getHigh()) ? (long) d.getLow() : (long) d.getHigh();
      case REAL -> d.getHigh();
      case CATEGORICAL -> {
        String widest = "";
        int widestBytes = 0;
        for (String c : d.getCategories()) {
          int bytes = c.getBytes(StandardCharsets.UTF_8).length;
          if (bytes > widestBytes) {
            widest = c;
            widestBytes = bytes;
          }
        }
        yield widest;
      }
    };
  }

  private static <V> int encode(Topic<String, V> topic, V record) {
    return topic.valueSerde().serializer().serialize(topic.name(), record).length;
  }
}
