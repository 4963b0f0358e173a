package io.streamtune.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.schemas.KafkaConnection;
import java.net.BindException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the UI's server answers before any study is read (its reader is not started here): it is
 * read-only, local, and names what it does not have. The pages with studies are tested in Chromium
 * against a broker ({@code UiInChromiumIT}).
 */
class UiServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private UiServer ui;
  private String base;

  @BeforeEach
  void start() throws Exception {
    LiveStudies live = new LiveStudies(new KafkaConnection("127.0.0.1:9", Map.of()));
    ui = UiServer.start(live, "127.0.0.1", 0);
    base = "http://127.0.0.1:" + ui.port();
  }

  @AfterEach
  void stop() {
    ui.close();
  }

  @Test
  void shouldServeTheListOfStudiesWhenAskedForTheRoot() throws Exception {
    Answer r = get("/", "localhost");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers()).containsIgnoringCase("Content-Type: text/html; charset=utf-8");
    assertThat(r.body())
        .contains("<title>StreamTune studies</title>", "new EventSource('/api/events')");
    assertThat(get("/api/studies", "localhost").body())
        .isEqualTo("{\"version\":0,\"problem\":\"reading the studies…\",\"studies\":[]}");
  }

  @Test
  void shouldRefuseToChangeAnythingWhenAskedWithAnotherMethod() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/studies"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void shouldAnswerLocalNamesOnlyWhenBoundToLoopback() throws Exception {
    // A page on another site that resolves its own name to 127.0.0.1 must not read the studies
    assertThat(get("/api/studies", "attacker.example:8080").statusCode()).isEqualTo(403);
    assertThat(get("/api/studies", "127.0.0.1:8080").statusCode()).isEqualTo(200);
    assertThat(UiServer.localHost("[::1]:8080")).isTrue();
    assertThat(UiServer.localHost("localhost")).isTrue();
    assertThat(UiServer.localHost("localhost.attacker.example")).isFalse();
    assertThat(UiServer.localHost(null)).isFalse();
  }

  @Test
  void shouldSayNotFoundWhenAStudyIsUnknownOrItsIdInvalid() throws Exception {
    Answer page = get("/studies/nope", "localhost");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("Study nope is not here");
    assertThat(get("/studies/nope/report.html", "localhost").statusCode()).isEqualTo(404);
    assertThat(get("/api/studies/nope/data", "localhost").statusCode()).isEqualTo(404);
    assertThat(get("/studies/%3Cscript%3E", "localhost").body()).doesNotContain("<script>");
    assertThat(get("/elsewhere", "localhost").statusCode()).isEqualTo(404);
    assertThat(get("/api/studies/data", "localhost").statusCode()).isEqualTo(404);
    assertThat(get("/studies/report.html", "localhost").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldNameThePortWhenItIsTaken() {
    LiveStudies live = new LiveStudies(new KafkaConnection("127.0.0.1:9", Map.of()));
    assertThatThrownBy(() -> UiServer.start(live, "127.0.0.1", ui.port()))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("--port " + ui.port() + " on 127.0.0.1 is already in use");
  }

  /** A GET with the given Host header, over a plain socket: the JDK's client sets Host itself. */
  private Answer get(String path, String host) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", ui.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      return new Answer(status, text.substring(0, split), text.substring(split + 4));
    }
  }

  private record Answer(int statusCode, String headers, String body) {}
}
