package io.streamtune.app;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves {@code /metrics} in the Prometheus text format for scraping. */
public final class MetricsEndpoint implements AutoCloseable {

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves on {@code port} of every interface (0: any free port, see {@link #port()}). Its only
   * callers serve the CLI's {@code --metrics-port}, so the errors name that option: a bare "Address
   * already in use" leaves the reader to guess which of a command's ports it was.
   *
   * @throws IllegalArgumentException if the port is not 0 to 65535
   * @throws BindException if something else listens on the port
   */
  public static MetricsEndpoint start(int port, PrometheusMeterRegistry registry)
      throws IOException {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--metrics-port must be 0 to 65535 but was " + port);
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (BindException e) {
      BindException named =
          new BindException(
              "--metrics-port "
                  + port
                  + " is already in use (another StreamTune service or exporter on this machine?);"
                  + " choose another port, or 0 for no metrics");
      named.initCause(e);
      throw named;
    }
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(null);
    server.start();
    return new MetricsEndpoint(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
