package io.streamtune.monitor;

import io.streamtune.schemas.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the monitor, with the defaults in one place.
 *
 * @param connection how its clients reach Kafka (bootstrap servers and security settings)
 * @param commitInterval how often exactly-once transactions commit; decisions become visible to
 *     read_committed trainers only then, so it bounds decision latency
 * @param retention how long a finished study's curves are kept before they are dropped
 * @param metricsGrace how long a study's per-study meters stay once nothing of it (metric, result,
 *     decision) has been seen on this instance ({@link MonitorMetrics} says why that is when a
 *     study ends); keep it above the longest epoch, or a slow study's meters come and go
 * @param instanceId a stable name for this instance, or null: with one, the instance is a static
 *     member of its group, so a restart (within the session timeout) gets its partitions back at
 *     once instead of waiting for its old membership to expire and a rebalance
 * @param sessionTimeout how soon the group notices an instance that died; 6 s is the broker's
 *     default minimum
 */
public record MonitorConfig(
    KafkaConnection connection,
    String applicationId,
    Path stateDir,
    Duration commitInterval,
    Duration retention,
    Duration metricsGrace,
    String instanceId,
    Duration sessionTimeout) {

  public static final String DEFAULT_APPLICATION_ID = "streamtune-monitor";
  public static final Duration DEFAULT_METRICS_GRACE = Duration.ofMinutes(10);
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(6);

  /** The Streams producer's backoff after a transactional request is refused for a moment. */
  static final long RETRY_BACKOFF_MS = 10;

  /** Replica and instance names: they become part of topic, group and transactional ids. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public MonitorConfig {
    List<String> problems = new ArrayList<>();
    if (connection == null) {
      problems.add("connection must be given");
    }
    if (applicationId == null || applicationId.isBlank()) {
      problems.add("applicationId must not be empty");
    }
    if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
      problems.add("commitInterval must be > 0 but was " + commitInterval);
    }
    if (retention == null || retention.isNegative()) {
      problems.add("retention must be >= 0 but was " + retention);
    }
    if (metricsGrace == null || metricsGrace.isNegative() || metricsGrace.isZero()) {
      problems.add("metricsGrace must be > 0 but was " + metricsGrace);
    }
    if (instanceId != null && !NAME.matcher(instanceId).matches()) {
      problems.add("instanceId must be 1-32 of [a-z0-9-] but was '" + instanceId + "'");
    }
    if (sessionTimeout == null || sessionTimeout.toMillis() < 1000) {
      problems.add("sessionTimeout must be >= 1s but was " + sessionTimeout);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid monitor config: " + String.join("; ", problems));
    }
  }

  public static MonitorConfig defaults(String bootstrap, Path stateDir) {
    return defaults(KafkaConnection.of(bootstrap), stateDir);
  }

  public static MonitorConfig defaults(KafkaConnection connection, Path stateDir) {
    return new MonitorConfig(
        connection,
        DEFAULT_APPLICATION_ID,
        stateDir,
        Duration.ofMillis(100),
        Duration.ofHours(24),
        DEFAULT_METRICS_GRACE,
        null,
        DEFAULT_SESSION_TIMEOUT);
  }

  public MonitorConfig withCommitInterval(Duration interval) {
    return new MonitorConfig(
        connection,
        applicationId,
        stateDir,
        interval,
        retention,
        metricsGrace,
        instanceId,
        sessionTimeout);
  }

  public MonitorConfig withMetricsGrace(Duration grace) {
    return new MonitorConfig(
        connection,
        applicationId,
        stateDir,
        commitInterval,
        retention,
        grace,
        instanceId,
        sessionTimeout);
  }

  /**
   * A replica: a monitor application of its own ({@code streamtune-monitor-<name>}) that reads
   * every metric and decides every stop, beside the others. Replicas make failover instant, since
   * no group has to notice a dead instance first; trainers take the first of their decisions.
   */
  public MonitorConfig withReplica(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "replica must be 1-32 of [a-z0-9-] but was '" + name + "'");
    }
    return new MonitorConfig(
        connection,
        DEFAULT_APPLICATION_ID + "-" + name,
        stateDir,
        commitInterval,
        retention,
        metricsGrace,
        instanceId,
        sessionTimeout);
  }

  public MonitorConfig withInstanceId(String id) {
    return new MonitorConfig(
        connection,
        applicationId,
        stateDir,
        commitInterval,
        retention,
        metricsGrace,
        id,
        sessionTimeout);
  }

  public MonitorConfig withSessionTimeout(Duration timeout) {
    return new MonitorConfig(
        connection,
        applicationId,
        stateDir,
        commitInterval,
        retention,
        metricsGrace,
        instanceId,
        timeout);
  }

  public Properties streamsProperties() {
    // Unprefixed security settings from the connection reach every client Streams makes.
    Properties p = connection.properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(
        StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    // Decisions are latency-bound: never idle waiting for the other input partition. A fetch
    // returns as soon as a metric arrives whatever its wait, so long waits cost no latency; the
    // 10 ms waits tried first only woke the broker and the monitors 100 times a second each
    // (field p99 with 10 ms and with these: 78-80 ms against 59-72 ms, bench/monitor).
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    p.put(StreamsConfig.POLL_MS_CONFIG, "100");
    p.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), "500");
    // Each decision is a transaction of its own. Right after a commit the coordinator is still
    // writing the markers, so the next transaction meets CONCURRENT_TRANSACTIONS and its producer
    // backs off for retry.backoff.ms, 100 ms by default (KAFKA-5477 shortened that for
    // AddPartitionsToTxn alone). That put 100-150 ms on one decision in 30: the field p99 was
    // 125-145 ms with it and 70-80 ms with 10 ms, side by side in one run (bench/monitor).
    p.put(StreamsConfig.producerPrefix("retry.backoff.ms"), Long.toString(RETRY_BACKOFF_MS));
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "500");
    // A dead instance is noticed after the session timeout (45 s by default, blind for all that
    // time); a standby copy of each task's store lets another instance take over without
    // restoring it; and a named instance rejoins after a restart without a rebalance.
    p.put(
        StreamsConfig.consumerPrefix("session.timeout.ms"),
        Long.toString(sessionTimeout.toMillis()));
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
    if (instanceId != null) {
      p.put(StreamsConfig.consumerPrefix("group.instance.id"), applicationId + "-" + instanceId);
    }
    p.put(StreamsConfig.producerPrefix("linger.ms"), "0");
    return p;
  }
}
