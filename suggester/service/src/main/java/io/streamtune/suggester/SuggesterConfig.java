package io.streamtune.suggester;

import io.streamtune.schemas.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Settings of the suggester service, with the defaults in one place.
 *
 * @param connection how its clients reach Kafka (bootstrap servers and security settings)
 * @param instanceId unique per running instance; names its transactional producer
 * @param studyMetricsGrace how long the meters of a study that is done or has left this instance
 *     stay registered, so that a last scrape still sees its final values
 */
public record SuggesterConfig(
    KafkaConnection connection,
    String groupId,
    String instanceId,
    Duration pollTimeout,
    Duration studyMetricsGrace) {

  public static final String DEFAULT_GROUP = "streamtune-suggester";

  /**
   * Longer than any sensible scrape interval, short enough that finished studies do not pile up.
   */
  public static final Duration DEFAULT_STUDY_METRICS_GRACE = Duration.ofMinutes(10);

  public SuggesterConfig {
    List<String> problems = new ArrayList<>();
    if (connection == null) {
      problems.add("connection must be given");
    }
    if (groupId == null || groupId.isBlank()) {
      problems.add("groupId must not be empty");
    }
    if (instanceId == null || instanceId.isBlank()) {
      problems.add("instanceId must not be empty");
    }
    if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
      problems.add("pollTimeout must be > 0 but was " + pollTimeout);
    }
    if (studyMetricsGrace == null || studyMetricsGrace.isNegative()) {
      problems.add("studyMetricsGrace must be >= 0 but was " + studyMetricsGrace);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid suggester config: " + String.join("; ", problems));
    }
  }

  public static SuggesterConfig defaults(String bootstrap) {
    return defaults(KafkaConnection.of(bootstrap));
  }

  public static SuggesterConfig defaults(KafkaConnection connection) {
    return new SuggesterConfig(
        connection,
        DEFAULT_GROUP,
        "suggester-" + UUID.randomUUID().toString().substring(0, 8),
        Duration.ofMillis(50),
        DEFAULT_STUDY_METRICS_GRACE);
  }

  public SuggesterConfig withStudyMetricsGrace(Duration grace) {
    return new SuggesterConfig(connection, groupId, instanceId, pollTimeout, grace);
  }
}
