package io.streamtune.cli;

import io.streamtune.app.Pipeline;
import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.KafkaConnection;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Changes a study by republishing its spec on the compacted {@code studies} topic, its latest word:
 * with {@code cancel} set to cancel it, with {@code cancel} cleared to resume it.
 */
final class StudyControl {

  private StudyControl() {}

  static void cancel(KafkaConnection kafka, StudySpec current, String reason) throws Exception {
    StudySpec cancelled =
        StudySpec.newBuilder(current)
            .setCancel(
                CancelRequest.newBuilder()
                    .setRequestedAt(System.currentTimeMillis())
                    .setReason(reason)
                    .setRequestedBy(requester())
                    .build())
            .build();
    Pipeline.submit(kafka, cancelled);
  }

  static void resume(KafkaConnection kafka, StudySpec current) throws Exception {
    Pipeline.submit(kafka, StudySpec.newBuilder(current).setCancel(null).build());
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
