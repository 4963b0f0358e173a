package io.streamtune.monitor;

import io.streamtune.schemas.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the monitor cannot decode to the dead-letter topic with the reason, and carries on;
 * Kafka Streams writes them in the same exactly-once transaction.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn(
        "monitor: undecodable record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception.getMessage());
    return Response.resume(
        List.of(DeadLetters.record(record, String.valueOf(exception.getMessage()), "monitor")));
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
