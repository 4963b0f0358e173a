package io.streamtune.monitor;

import io.streamtune.schemas.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
 */
public record MonitorConfig(
    KafkaConnection connection,
    String applicationId,
    Path stateDir,
    Duration commitInterval,
    Duration retention,
    Duration metricsGrace) {

  public static final String DEFAULT_APPLICATION_ID = "streamtune-monitor";
  public static final Duration DEFAULT_METRICS_GRACE = Duration.ofMinutes(10);

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
        DEFAULT_METRICS_GRACE);
  }

  public MonitorConfig withCommitInterval(Duration interval) {
    return new MonitorConfig(
        connection, applicationId, stateDir, interval, retention, metricsGrace);
  }

  public MonitorConfig withMetricsGrace(Duration grace) {
    return new MonitorConfig(connection, applicationId, stateDir, commitInterval, retention, grace);
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
    // Decisions are latency-bound: never idle waiting for the other input partition, poll often,
    // and let fetches return as soon as a metric arrives.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    p.put(StreamsConfig.POLL_MS_CONFIG, "10");
    p.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), "10");
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "500");
    p.put(StreamsConfig.producerPrefix("linger.ms"), "0");
    return p;
  }
}
