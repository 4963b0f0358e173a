package io.streamtune.trainer;

import io.streamtune.schemas.ClientSettings;
import io.streamtune.schemas.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings of one trainer worker, with the defaults in one place.
 *
 * @param connection how its clients reach Kafka (bootstrap servers and security settings)
 * @param workerId unique per worker; names its transactional producer
 * @param allowCommand whether specs may run external commands on this worker
 * @param sessionTimeout how soon the group notices a dead trainer and hands its trial to another
 * @param studyMetricsGrace how long a study's meters stay after this worker's last result for it
 */
public record TrainerConfig(
    KafkaConnection connection,
    String groupId,
    String workerId,
    boolean allowCommand,
    Duration pollTimeout,
    Duration sessionTimeout,
    Duration studyMetricsGrace) {

  public static final String DEFAULT_GROUP = "streamtune-trainers";

  /**
   * Longer than any sensible scrape interval, short enough that finished studies do not pile up.
   */
  public static final Duration DEFAULT_STUDY_METRICS_GRACE = Duration.ofMinutes(10);

  public TrainerConfig {
    List<String> problems = new ArrayList<>();
    if (connection == null) {
      problems.add("connection must be given");
    }
    if (groupId == null || groupId.isBlank()) {
      problems.add("groupId must not be empty");
    }
    if (workerId == null || workerId.isBlank()) {
      problems.add("workerId must not be empty");
    }
    if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
      problems.add("pollTimeout must be > 0 but was " + pollTimeout);
    }
    if (sessionTimeout == null || sessionTimeout.toMillis() < 6000) {
      problems.add("sessionTimeout must be >= 6s (the broker's minimum) but was " + sessionTimeout);
    }
    if (studyMetricsGrace == null || studyMetricsGrace.isNegative()) {
      problems.add("studyMetricsGrace must be >= 0 but was " + studyMetricsGrace);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid trainer config: " + String.join("; ", problems));
    }
  }

  public static TrainerConfig defaults(String bootstrap) {
    return defaults(KafkaConnection.of(bootstrap));
  }

  public static TrainerConfig defaults(KafkaConnection connection) {
    return new TrainerConfig(
        connection,
        DEFAULT_GROUP,
        "trainer-" + UUID.randomUUID().toString().substring(0, 8),
        false,
        Duration.ofMillis(100),
        Duration.ofSeconds(10),
        DEFAULT_STUDY_METRICS_GRACE);
  }

  public TrainerConfig withWorkerId(String id) {
    return new TrainerConfig(
        connection, groupId, id, allowCommand, pollTimeout, sessionTimeout, studyMetricsGrace);
  }

  public TrainerConfig withAllowCommand(boolean allow) {
    return new TrainerConfig(
        connection, groupId, workerId, allow, pollTimeout, sessionTimeout, studyMetricsGrace);
  }

  public TrainerConfig withGroupId(String group) {
    return new TrainerConfig(
        connection, group, workerId, allowCommand, pollTimeout, sessionTimeout, studyMetricsGrace);
  }

  /** The bootstrap servers, for logs. */
  public String bootstrap() {
    return connection.bootstrap();
  }

  /** The trainer's consumer: one record per poll, incremental rebalances. */
  public Properties consumerProperties() {
    Properties p = ClientSettings.transactionalGroupConsumer(connection, groupId, workerId);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    // Incremental rebalances: a trainer joining or leaving does not interrupt the others' trials.
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
    return p;
  }

  /** The results producer ({@code transactional}) or the metrics producer. */
  public Properties producerProperties(boolean transactional) {
    Properties p = connection.properties();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    if (transactional) {
      // Worker ids repeat across processes ("trainer-1" in every `streamtune run`); the suffix
      // keeps two processes from fencing each other's producers.
      p.put(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG,
          "streamtune-trainer-" + workerId + "-" + UUID.randomUUID());
      p.put(ProducerConfig.CLIENT_ID_CONFIG, workerId + "-results");
    } else {
      p.put(ProducerConfig.CLIENT_ID_CONFIG, workerId + "-metrics");
    }
    return p;
  }
}
