package io.streamtune.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's WebSocket client: a
 * page stays open while a study runs, and the test reads it when it likes. Uncaught script errors
 * are collected as they happen.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

  private HeadlessChromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts Chromium with one blank page at {@code width} by {@code height} CSS pixels. */
  static HeadlessChromium start(Path profile, int width, int height) throws Exception {
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String browser = devToolsUrl(p);
      URI base = URI.create(browser.replace("ws://", "http://"));
      HttpClient http = HttpClient.newHttpClient();
      String list =
          http.send(
                  HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String page = null;
      for (JsonNode t : JSON.readTree(list)) {
        if ("page".equals(t.path("type").asText())) {
          page = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (page == null) {
        throw new IllegalStateException("chromium opened no page: " + list);
      }
      Listener listener = new Listener();
      WebSocket ws =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(page), listener)
              .get(30, TimeUnit.SECONDS);
      HeadlessChromium c = new HeadlessChromium(p, ws);
      listener.owner = c;
      c.call("Runtime.enable", JSON.createObjectNode());
      c.call("Page.enable", JSON.createObjectNode());
      return c;
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static String devToolsUrl(Process p) throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // Keep reading stderr, or Chromium blocks once the pipe is full
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (err.readLine() != null) {
                      // discarded
                    }
                  } catch (IOException ignored) {
                    // chromium ended
                  }
                },
                "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new IllegalStateException("chromium did not start its DevTools server within 60 s");
  }

  /** Opens a page and waits for its load event. */
  void open(String url) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", url));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"complete".equals(evaluate("document.readyState").asText())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page did not load within 30 s: " + url);
      }
      Thread.sleep(50);
    }
  }

  /** The value of a script expression on the page. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r =
        call(
            "Runtime.evaluate",
            JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("script failed: " + expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** A PNG of the whole page at its width. */
  void screenshot(Path png) throws Exception {
    capture(png, JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
  }

  /** A PNG of the top of the page, {@code width} by {@code height} CSS pixels. */
  void screenshot(Path png, int width, int height) throws Exception {
    screenshot(png, 0, width, height);
  }

  /** A PNG of the page from {@code y} down, {@code width} by {@code height} CSS pixels. */
  void screenshot(Path png, int y, int width, int height) throws Exception {
    ObjectNode params =
        JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params
        .putObject("clip")
        .put("x", 0)
        .put("y", y)
        .put("width", width)
        .put("height", height)
        .put("scale", 1);
    capture(png, params);
  }

  private void capture(Path png, ObjectNode params) throws Exception {
    JsonNode r = call("Page.captureScreenshot", params);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
  }

  /** The uncaught script errors seen so far. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode reply = answer.get(60, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  private void receive(String text) throws IOException {
    JsonNode msg = JSON.readTree(text);
    if (msg.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
      if (f != null) {
        f.complete(msg);
      }
    } else if ("Runtime.exceptionThrown".equals(msg.path("method").asText())) {
      JsonNode d = msg.path("params").path("exceptionDetails");
      errors.add(d.path("exception").path("description").asText(d.path("text").asText()));
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private volatile HeadlessChromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          owner.receive(text.toString());
        } catch (IOException e) {
          owner.errors.add("unreadable DevTools message: " + e.getMessage());
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
