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
 * @param leaseTimeout how long a trainer's claim on an attempt holds without a renewal; after that
 *     the trainer is taken for dead and the trial is issued again. Trainers renew every quarter of
 *     it, so it bounds how long a dead trainer's trial waits
 * @param maxAttempts how many attempts of a trial may lapse (their trainer died or hung) before the
 *     trial is given up as FAILED; released attempts (a trainer shutting down) do not count
 */
public record SuggesterConfig(
    KafkaConnection connection,
    String groupId,
    String instanceId,
    Duration pollTimeout,
    Duration studyMetricsGrace,
    Duration leaseTimeout,
    int maxAttempts) {

  public static final String DEFAULT_GROUP = "streamtune-suggester";

  /**
   * Longer than any sensible scrape interval, short enough that finished studies do not pile up.
   */
  public static final Duration DEFAULT_STUDY_METRICS_GRACE = Duration.ofMinutes(10);

  /** Four renewals a lease: a trainer must miss several in a row to lose its trial. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(12);

  public static final int DEFAULT_MAX_ATTEMPTS = 3;

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
    if (leaseTimeout == null || leaseTimeout.toMillis() < 1000) {
      problems.add("leaseTimeout must be >= 1s but was " + leaseTimeout);
    }
    if (maxAttempts < 1) {
      problems.add("maxAttempts must be >= 1 but was " + maxAttempts);
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
        DEFAULT_STUDY_METRICS_GRACE,
        DEFAULT_LEASE,
        DEFAULT_MAX_ATTEMPTS);
  }

  public SuggesterConfig withStudyMetricsGrace(Duration grace) {
    return new SuggesterConfig(
        connection, groupId, instanceId, pollTimeout, grace, leaseTimeout, maxAttempts);
  }

  public SuggesterConfig withLease(Duration lease) {
    return new SuggesterConfig(
        connection, groupId, instanceId, pollTimeout, studyMetricsGrace, lease, maxAttempts);
  }

  public SuggesterConfig withMaxAttempts(int attempts) {
    return new SuggesterConfig(
        connection, groupId, instanceId, pollTimeout, studyMetricsGrace, leaseTimeout, attempts);
  }
}
