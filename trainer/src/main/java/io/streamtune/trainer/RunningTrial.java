package io.streamtune.trainer;

import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A trial in progress: its request, its attempt ledger, its abandon flag and its outcome. */
final class RunningTrial {
  final ConsumerRecord<byte[], byte[]> record;
  final TrialRequest request;
  final AttemptLedger ledger;
  final int attempt;

  /** Set when the trial must stop without a result (revoked, shut down); objectives poll it. */
  volatile boolean abandoned;

  /** Set once by {@link TrialSlot#start}, before any other thread can see this trial. */
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

  String trialId() {
    return request.getTrialId();
  }

  boolean isDone() {
    return future != null && future.isDone();
  }
}
