package io.streamtune.trainer;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/** Sorts the ways a result transaction can fail. */
final class CommitFailures {

  private CommitFailures() {}

  /**
   * Whether a failed commit says nothing about the trial: a rebalance or a timeout, so the attempt
   * is given back, not lost. Anything else (a result over the size limit, a missing ACL) would fail
   * again on every re-run, so that attempt counts as lost and the trial ends FAILED after
   * --max-attempts instead of running forever.
   */
  static boolean isTransient(KafkaException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RetriableException
          || t instanceof CommitFailedException
          || t instanceof RebalanceInProgressException
          || t instanceof IllegalGenerationException
          || t instanceof UnknownMemberIdException) {
        return true;
      }
    }
    return false;
  }
}
