package io.streamtune.it;

import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the trainer group and its requests look like, for a failed test's message. */
final class Diagnosis {

  private Diagnosis() {}

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
