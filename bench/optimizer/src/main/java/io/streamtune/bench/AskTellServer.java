package io.streamtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.streamtune.optimizer.BayesianOptimizer;
import io.streamtune.optimizer.Optimizer;
import io.streamtune.optimizer.OptimizerSettings;
import io.streamtune.optimizer.Optimizers;
import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.Dimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer library behind a JSON-lines ask/tell protocol on stdin/stdout, so that the Python
 * harness in {@code peers/} runs it on the same problems, seeds and budgets as Optuna and
 * scikit-optimize. One request per line, one reply per line:
 *
 * <ul>
 *   <li>{@code {"op":"start","space":[...],"algorithm":"gp","options":{"acq":"EI"},"seed":1,
 *       "n_initial":10}}
 *   <li>{@code {"op":"ask","n":4}} → {@code {"points":[{...}]}}
 *   <li>{@code {"op":"tell","points":[...],"values":[...]}}
 *   <li>{@code {"op":"cpu"}} → the process CPU seconds since {@code start}, which includes the
 *       candidate-scoring threads
 * </ul>
 *
 * Errors reply {@code {"error":"..."}} and keep the server running.
 */
public final class AskTellServer {

  private final ObjectMapper json = new ObjectMapper();
  private Optimizer optimizer;
  private Space space;
  private long cpuAtStart;

  public static void main(String[] args) throws IOException {
    AskTellServer server = new AskTellServer();
    JsonLines.serve(server.json, server::handle);
  }

  private JsonNode handle(JsonNode req) {
    ObjectNode reply = json.createObjectNode();
    switch (req.path("op").asText()) {
      case "start" -> {
        space = space(req.get("space"));
        JsonNode o = req.path("options");
        OptimizerSettings settings =
            new OptimizerSettings(
                req.path("algorithm").asText("gp"),
                o.path("acq").asText(OptimizerSettings.gp(0).acqFunc()),
                req.path("n_initial").asInt(10),
                o.path("design").asText("random"),
                req.path("seed").asLong(0),
                List.of());
        cpuAtStart = processCpuNanos();
        optimizer =
            settings.algorithm().equals("gp")
                ? Optimizers.gp(space, gpOptions(o, settings))
                : Optimizers.create(space, settings);
        reply.put("ok", true);
      }
      case "ask" -> {
        List<Map<String, Object>> points = optimizer.ask(req.path("n").asInt(1));
        reply.set("points", json.valueToTree(points));
      }
      case "tell" -> {
        JsonNode points = req.get("points");
        JsonNode values = req.get("values");
        for (int i = 0; i < points.size(); i++) {
          optimizer.tell(point(points.get(i)), values.get(i).asDouble());
        }
        reply.put("ok", true);
      }
      case "cpu" -> reply.put("cpu_s", (processCpuNanos() - cpuAtStart) / 1e9);
      default -> throw new IllegalArgumentException("unknown op: " + req.path("op"));
    }
    return reply;
  }

  /** The default GP's options with any of {@code options}' fields set, for variants. */
  private static BayesianOptimizer.Options gpOptions(JsonNode o, OptimizerSettings settings) {
    BayesianOptimizer.Options d =
        BayesianOptimizer.Options.defaults(settings.seed())
            .withInitial(settings.nInitialPoints(), settings.initialDesign());
    if (o.has("acq")) {
      d = d.withAcqFunc(o.get("acq").asText());
    }
    if (o.has("xi")) {
      d = d.withXi(o.get("xi").asDouble());
    }
    if (o.has("liar")) {
      d = d.withLiar(o.get("liar").asText());
    }
    if (o.has("prior")) {
      d = d.withPrior(o.get("prior").asBoolean());
    }
    if (o.has("warp")) {
      d = d.withWarp(o.get("warp").asBoolean());
    }
    if (o.has("refit")) {
      d = d.withRefitFraction(o.get("refit").asDouble());
    }
    BayesianOptimizer.Search s = d.search();
    return d.withSearch(
        new BayesianOptimizer.Search(
            o.path("candidates").asInt(s.candidates()),
            o.path("local").asInt(s.local()),
            o.path("starts").asInt(s.starts()),
            o.path("threads").asInt(s.threads()),
            o.path("min_distance").asDouble(s.minDistance())));
  }

  private static Space space(JsonNode dims) {
    List<Dimension> out = new ArrayList<>();
    for (JsonNode d : dims) {
      String name = d.get("name").asText();
      switch (d.get("type").asText()) {
        case "real" ->
            out.add(
                new RealDimension(
                    name,
                    d.get("low").asDouble(),
                    d.get("high").asDouble(),
                    d.path("log").asBoolean(false)
                        ? RealDimension.Prior.LOG_UNIFORM
                        : RealDimension.Prior.UNIFORM));
        case "int" ->
            out.add(
                new IntegerDimension(
                    name,
                    d.get("low").asLong(),
                    d.get("high").asLong(),
                    d.path("log").asBoolean(false)));
        case "cat" -> {
          List<String> cats = new ArrayList<>();
          d.get("categories").forEach(c -> cats.add(c.asText()));
          out.add(new CategoricalDimension(name, cats));
        }
        default -> throw new IllegalArgumentException("unknown dimension type in " + d);
      }
    }
    return new Space(out);
  }

  private Map<String, Object> point(JsonNode p) {
    Map<String, Object> point = new LinkedHashMap<>();
    for (Dimension d : space.dimensions()) {
      JsonNode v = p.get(d.name());
      if (v == null) {
        throw new IllegalArgumentException("point lacks " + d.name() + ": " + p);
      }
      Object value;
      if (d instanceof IntegerDimension) {
        value = v.asLong();
      } else if (d instanceof RealDimension) {
        value = v.asDouble();
      } else {
        value = v.asText();
      }
      point.put(d.name(), value);
    }
    return point;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
  }
}
