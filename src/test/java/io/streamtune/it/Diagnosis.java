package io.streamtune.it;

import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the trainer group and its requests look like, for a failed test's message. */
final class Diagnosis {

  private Diagnosis() {}

  /**
   * Waits until {@code members} trainers each own a partition of the request topic. A trainer that
   * prints "ready" has subscribed, not joined: librdkafka joins on its first poll. A study
   * submitted before then may go wholly to the first trainer that joined.
   */
  static void awaitAssigned(String bootstrap, int members, Duration timeout)
      throws InterruptedException {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(p)) {
      while (true) {
        long owning = 0;
        try {
          owning =
              admin
                  .describeConsumerGroups(List.of("streamtune-trainers"))
                  .all()
                  .get()
                  .get("streamtune-trainers")
                  .members()
                  .stream()
                  .filter(m -> !m.assignment().topicPartitions().isEmpty())
                  .count();
        } catch (ExecutionException e) {
          // the group is not there yet
        }
        if (owning >= members) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              members + " trainers never each owned a partition: " + of(bootstrap));
        }
        Thread.sleep(100);
      }
    }
  }

  @SuppressWarnings("unchecked")
  static String of(String bootstrap) {
    StringBuilder out = new StringBuilder();
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      ConsumerGroupDescription g =
          admin
              .describeConsumerGroups(List.of("streamtune-trainers"))
              .all()
              .get()
              .get("streamtune-trainers");
      out.append("group ").append(g.groupState()).append(' ');
      g.members()
          .forEach(
              m ->
                  out.append(m.clientId())
                      .append('=')
                      .append(m.assignment().topicPartitions())
                      .append(' '));
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets("streamtune-trainers")
              .partitionsToOffsetAndMetadata()
              .get();
      out.append("\ncommitted ")
          .append(
              new TreeMap<>(
                  Map.copyOf(
                      committed.entrySet().stream()
                          .collect(
                              Collectors.toMap(
                                  e -> e.getKey().toString(), e -> e.getValue().offset())))));
    } catch (Exception e) {
      out.append("admin: ").append(e);
    }
    AvroSerde<TrialRequest> serde = (AvroSerde<TrialRequest>) Topics.TRIAL_REQUESTS.valueSerde();
    out.append("\nrequests:");
    for (ConsumerRecord<byte[], byte[]> r :
        ResultsReader.readAllRecords(bootstrap, Topics.TRIAL_REQUESTS.name())) {
      try {
        TrialRequest q = serde.fromBytes(r.value());
        out.append(' ')
            .append(r.partition())
            .append('@')
            .append(r.offset())
            .append('=')
            .append(q.getTrialId())
            .append('#')
            .append(q.getAttempt());
      } catch (RuntimeException e) {
        out.append(' ').append(r.partition()).append('@').append(r.offset()).append("=?");
      }
    }
    return out.toString();
  }
}
