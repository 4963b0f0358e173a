package io.streamtune.monitor;

import io.streamtune.schemas.DeadLetters;
import io.streamtune.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the monitor cannot decode to the dead-letter topic with the reason, and carries on;
 * Kafka Streams writes them in the same exactly-once transaction. Only the topics the monitor owns
 * ({@code trial-metrics}, {@code trial-control}) are dead-lettered here: every other topic it reads
 * has another owner that dead-letters its poison ({@code trial-results}: the suggester), so that
 * one bad record gives one dead letter.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  private static final Set<String> OWNED =
      Set.of(Topics.TRIAL_METRICS.name(), Topics.TRIAL_CONTROL.name());

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    // Debug only: the dead-letter topic keeps every one with its reason, and a hostile client
    // could otherwise fill the log.
    LOG.debug(
        "monitor: undecodable record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception.getMessage());
    if (!OWNED.contains(record.topic())) {
      return Response.resume();
    }
    return Response.resume(
        List.of(DeadLetters.record(record, String.valueOf(exception.getMessage()), "monitor")));
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
