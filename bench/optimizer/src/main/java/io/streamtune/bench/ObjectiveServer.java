package io.streamtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.trainer.BuiltinObjectives;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import io.streamtune.trainer.objective.ObjectiveResult;
import io.streamtune.trainer.objective.TrialContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainer's built-in objectives behind a JSON-lines protocol on stdin/stdout, so that the
 * Python harness in {@code peers/} can put the DL4J objectives (mlp-mnist, lstm-stock,
 * cnn-peptides) in front of every optimizer, ours and the peers alike. One request per line, one
 * reply per line:
 *
 * <ul>
 *   <li>{@code {"objective":"mlp-mnist","options":{"train_size":"1000"},"epochs":1,"seed":42,
 *       "params":{"learning_rate":0.001,...}}} → {@code {"value":0.91,"epochs":1,"seconds":2.1,
 *       "extra":{...}}}
 * </ul>
 *
 * The seed is the trial's: the same parameters and seed train the same network, so the harness sees
 * a deterministic function of the parameters (and may cache it). An objective that fails replies
 * {@code {"error":"..."}}, as a FAILED trial, and the server keeps running.
 */
public final class ObjectiveServer {

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectiveRegistry objectives = BuiltinObjectives.registry();

  public static void main(String[] args) throws IOException {
    ObjectiveServer server = new ObjectiveServer();
    JsonLines.serve(server.json, server::evaluate);
  }

  private JsonNode evaluate(JsonNode req) throws Exception {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = req.path("params").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      params.put(
          e.getKey(),
          v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? v.asDouble() : v.asText());
    }
    Map<String, String> options = new LinkedHashMap<>();
    req.path("options")
        .fields()
        .forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
    int epochs = req.path("epochs").asInt(1);
    long seed = req.path("seed").asLong(42);
    TrialContext ctx =
        new TrialContext(
            "bench", params, options, epochs, seed, (epoch, value) -> true, () -> false);
    long t0 = System.nanoTime();
    ObjectiveResult r = objectives.create(req.path("objective").asText()).run(ctx);
    ObjectNode reply = json.createObjectNode();
    reply.put("value", r.value());
    reply.put("epochs", r.epochsRun());
    reply.put("seconds", (System.nanoTime() - t0) / 1e9);
    ObjectNode extra = reply.putObject("extra");
    r.extraMetrics().forEach(extra::put);
    return reply;
  }
}
