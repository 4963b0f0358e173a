package io.streamtune.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamtune.report.ReportPage;
import io.streamtune.report.StudyResults;
import io.streamtune.spec.SpecValidation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live study UI over HTTP, read-only: the list of studies at {@code /}, each study's page at
 * {@code /studies/ID} (the report's views, redrawn as the study changes), its report to download at
 * {@code /studies/ID/report.html}, JSON at {@code /api/...}, and one stream of server-sent events
 * at {@code /api/events} that tells every page when a study changed. Built on the JDK's HTTP
 * server; a page learns of a change from the stream, then fetches what it shows.
 */
public final class UiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  /** Open event streams at once; each holds a thread. */
  private static final int MAX_STREAMS = 64;

  private final HttpServer server;
  private final ExecutorService threads;
  private final LiveStudies live;
  private final StudyPages pages;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final boolean loopbackOnly;
  private volatile boolean closing;

  private UiServer(HttpServer server, ExecutorService threads, LiveStudies live, boolean loopback) {
    this.server = server;
    this.threads = threads;
    this.live = live;
    this.pages = new StudyPages(live);
    this.loopbackOnly = loopback;
  }

  /**
   * Serves the UI on {@code bind:port} (port 0: any free port, see {@link #port()}).
   *
   * @throws BindException naming {@code --port} when something else listens there
   */
  public static UiServer start(LiveStudies live, String bind, int port) throws IOException {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0 to 65535 but was " + port);
    }
    InetAddress address = InetAddress.getByName(bind);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (BindException e) {
      BindException named =
          new BindException(
              "--port " + port + " on " + bind + " is already in use; choose another with --port");
      named.initCause(e);
      throw named;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "streamtune-ui-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    UiServer ui = new UiServer(server, threads, live, address.isLoopbackAddress());
    server.createContext("/", ui::handle);
    server.setExecutor(threads);
    server.start();
    return ui;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) {
    try {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Allow", "GET, HEAD");
        send(ex, 405, "text/plain", "The StreamTune UI is read-only.");
        return;
      }
      if (loopbackOnly && !localHost(ex.getRequestHeaders().getFirst("Host"))) {
        // A page elsewhere cannot reach a local UI through a name that resolves to 127.0.0.1
        send(ex, 403, "text/plain", "This UI answers to localhost only.");
        return;
      }
      route(ex, ex.getRequestURI());
    } catch (IOException e) {
      LOG.debug("A UI client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("UI request {} failed", ex.getRequestURI(), e);
      try {
        send(ex, 500, "text/plain", "StreamTune UI error: " + e.getMessage());
      } catch (IOException | RuntimeException ignored) {
        // the answer had begun; the client sees a cut response
      }
    } finally {
      ex.close();
    }
  }

  private void route(HttpExchange ex, URI uri) throws IOException {
    String path = uri.getRawPath();
    if (path.equals("/")) {
      send(ex, 200, "text/html", UiResources.index());
    } else if (path.equals("/api/studies")) {
      send(ex, 200, "application/json", JSON.writeValueAsString(studies()));
    } else if (path.equals("/api/events")) {
      events(ex);
    } else if (path.startsWith("/api/studies/") && path.endsWith("/data")) {
      String id = studyId(path, "/api/studies/", "/data");
      Optional<String> data = id == null ? Optional.empty() : pages.dataJson(id);
      if (data.isEmpty()) {
        send(ex, 404, "application/json", "{\"error\":\"no such study\"}");
      } else {
        send(ex, 200, "application/json", data.get());
      }
    } else if (path.startsWith("/studies/") && path.endsWith("/report.html")) {
      String id = studyId(path, "/studies/", "/report.html");
      Optional<StudyResults> study = id == null ? Optional.empty() : pages.results(id);
      if (study.isEmpty()) {
        notFound(ex, id);
      } else {
        ex.getResponseHeaders()
            .add("Content-Disposition", "attachment; filename=\"" + id + "-report.html\"");
        send(ex, 200, "text/html", ReportPage.html(study.get()));
      }
    } else if (path.startsWith("/studies/")) {
      String id = studyId(path, "/studies/", "");
      // The version first: the data is of it or newer, so the page misses no change
      long version = id == null ? 0 : live.study(id).map(LiveStudies.Snapshot::version).orElse(0L);
      Optional<StudyResults> study = id == null ? Optional.empty() : pages.results(id);
      Optional<String> data = id == null ? Optional.empty() : pages.dataJson(id);
      if (study.isEmpty() || data.isEmpty()) {
        notFound(ex, id);
      } else {
        send(
            ex,
            200,
            "text/html",
            ReportPage.livePage(
                study.get(), data.get(), UiResources.bar(id, version), UiResources.live()));
      }
    } else {
      notFound(ex, null);
    }
  }

  private ObjectNode studies() {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", live.version());
    if (live.problem() == null) {
      o.putNull("problem");
    } else {
      o.put("problem", live.problem());
    }
    ArrayNode rows = o.putArray("studies");
    live.rows().forEach(rows::add);
    return o;
  }

  /**
   * Server-sent events: {@code studies} with every study's row whenever any study changes, and a
   * comment every 15 s so that proxies and the browser keep the stream open.
   */
  private void events(HttpExchange ex) throws IOException {
    if (!streams.tryAcquire()) {
      send(ex, 503, "text/plain", "Too many open UI pages; close some.");
      return;
    }
    try {
      ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().add("Cache-Control", "no-store");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      long seen = -1;
      while (!closing) {
        long now = live.awaitChange(seen, KEEP_ALIVE);
        String event =
            now == seen
                ? ": keep-alive\n\n"
                : "event: studies\ndata: " + JSON.writeValueAsString(studies()) + "\n\n";
        seen = now;
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.release();
    }
  }

  private static String studyId(String path, String prefix, String suffix) {
    if (path.length() <= prefix.length() + suffix.length()) {
      return null; // "/api/studies/data": no id between the two
    }
    String raw = path.substring(prefix.length(), path.length() - suffix.length());
    String id = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    return SpecValidation.isStudyId(id) ? id : null;
  }

  private void notFound(HttpExchange ex, String id) throws IOException {
    send(ex, 404, "text/html", UiResources.notFound(id));
  }

  static boolean localHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.startsWith("[") ? h.indexOf("]:") + 1 : h.lastIndexOf(':');
    String name = colon > 0 ? h.substring(0, colon) : h;
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
    ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    if ("HEAD".equals(ex.getRequestMethod())) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closing = true;
    live.close();
    server.stop(0);
    threads.shutdownNow();
  }
}
