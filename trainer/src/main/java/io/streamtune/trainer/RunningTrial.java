package io.streamtune.trainer;

import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A trial in progress: its request, its attempt ledger and its abandon flag. */
final class RunningTrial {
  final ConsumerRecord<byte[], byte[]> record;
  final TrialRequest request;
  final AttemptLedger ledger;
  final int attempt;
  volatile boolean abandoned;
  Future<TrialResult> future;

  RunningTrial(ConsumerRecord<byte[], byte[]> record, TrialRequest request, AttemptLedger ledger) {
    this.record = record;
    this.request = request;
    this.ledger = ledger;
    this.attempt = ledger.attempt();
  }

  TopicPartition partition() {
    return new TopicPartition(record.topic(), record.partition());
  }
}
