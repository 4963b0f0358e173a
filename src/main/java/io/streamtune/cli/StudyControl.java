package io.streamtune.cli;

import io.streamtune.app.Pipeline;
import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.spec.Cancellation;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Changes a study by republishing its spec on the compacted {@code studies} topic, its latest word:
 * with {@code cancel} set to cancel it, with {@code cancel} cleared to resume it.
 */
final class StudyControl {

  private StudyControl() {}

  static void cancel(KafkaConnection kafka, StudySpec current, String reason) throws Exception {
    CancelRequest cancel =
        CancelRequest.newBuilder()
            .setRequestedAt(System.currentTimeMillis())
            .setReason(reason)
            .setRequestedBy(requester())
            .build();
    Pipeline.submit(kafka, Cancellation.withCancel(current, cancel));
  }

  /** Publishes the resume and returns the spec as published. */
  static StudySpec resume(KafkaConnection kafka, StudySpec current) throws Exception {
    StudySpec resumed = Cancellation.withCancel(current, null);
    Pipeline.submit(kafka, resumed);
    return resumed;
  }

  /** user@host, for the record of who cancelled. */
  static String requester() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }
}
