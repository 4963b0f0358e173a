package io.streamtune.suggester;

import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records the suggester writes, each on an explicit partition: study-keyed records on their
 * study's partition, requests on the partition {@link RequestSlots} chose.
 */
final class StudyOutput {

  ProducerRecord<byte[], byte[]> request(Integer partition, TrialRequest r) {
    return record(Topics.TRIAL_REQUESTS, partition, r.getTrialId(), r);
  }

  ProducerRecord<byte[], byte[]> state(int partition, SuggesterState s) {
    return record(Topics.SUGGESTER_STATE, partition, StateRecords.key(s), s);
  }

  ProducerRecord<byte[], byte[]> tombstone(int partition, String stateKey) {
    return new ProducerRecord<>(Topics.SUGGESTER_STATE.name(), partition, utf8(stateKey), null);
  }

  ProducerRecord<byte[], byte[]> status(int partition, StudyStatus s) {
    return record(Topics.STUDY_STATUS, partition, s.getStudyId(), s);
  }

  ProducerRecord<byte[], byte[]> result(int partition, TrialResult r) {
    return record(Topics.TRIAL_RESULTS, partition, r.getStudyId(), r);
  }

  private static <V> ProducerRecord<byte[], byte[]> record(
      Topic<String, V> topic, Integer partition, String key, V value) {
    return new ProducerRecord<>(
        topic.name(),
        partition,
        utf8(key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
