package io.streamtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The JSON-lines loop the Python harness talks to: one request per line on stdin, one reply per
 * line on stdout. A request that fails replies {@code {"error":"..."}} and the loop goes on.
 */
final class JsonLines {

  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    JsonNode handle(JsonNode request) throws Exception;
  }

  private JsonLines() {}

  static void serve(ObjectMapper json, Handler handler) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode reply;
      try {
        reply = handler.handle(json.readTree(line));
      } catch (Exception e) {
        String why = e.getMessage() != null ? e.getMessage() : e.toString();
        reply = json.createObjectNode().put("error", why);
      }
      out.println(json.writeValueAsString(reply));
    }
  }
}
