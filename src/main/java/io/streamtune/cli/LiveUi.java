package io.streamtune.cli;

import io.streamtune.schemas.KafkaConnection;
import io.streamtune.ui.LiveStudies;
import io.streamtune.ui.UiServer;
import java.io.IOException;
import java.io.PrintWriter;

/** {@code run --ui-port}: the live UI beside a run, on 127.0.0.1, for as long as the run lasts. */
final class LiveUi implements AutoCloseable {

  private final LiveStudies live;
  private final Thread reader;
  private final UiServer server;

  private LiveUi(LiveStudies live, Thread reader, UiServer server) {
    this.live = live;
    this.reader = reader;
    this.server = server;
  }

  static LiveUi start(KafkaConnection kafka, int port, PrintWriter out) throws IOException {
    LiveStudies live = new LiveStudies(kafka);
    UiServer server = UiServer.start(live, "127.0.0.1", port);
    Thread reader = new Thread(live, "streamtune-ui-reader");
    reader.setDaemon(true);
    reader.start();
    out.printf("Live UI at http://localhost:%d/ while this run lasts%n", server.port());
    out.flush();
    return new LiveUi(live, reader, server);
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
    live.close();
    reader.join(5_000);
  }
}
