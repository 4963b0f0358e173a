package io.streamtune.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A baseline study (the same spec, searched at random) as a study's results file carries it, under
 * {@code baseline}: its id, algorithm and results file, and each final value in trial order, in the
 * metric's own sign. That is all a report needs to overlay its convergence, so a results file alone
 * still gives the comparison.
 */
public final class BaselineJson {

  /** The id of a study's baseline: {@code STUDY-random}. */
  public static String studyId(String studyId, String algorithm) {
    return studyId + "-" + algorithm;
  }

  private BaselineJson() {}

  /**
   * The {@code baseline} node of a study's results file.
   *
   * @param baseline the baseline study's results file, as a tree
   * @param resultsFile where the baseline's own results file is, or null
   */
  public static ObjectNode of(JsonNode baseline, String resultsFile) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("study", baseline.path("study").asText());
    o.put("algorithm", baseline.path("algorithm").asText());
    o.put("state", baseline.path("state").asText());
    if (resultsFile == null) {
      o.putNull("results_file");
    } else {
      o.put("results_file", resultsFile);
    }
    o.set(
        "best",
        baseline.path("best").path("value").isNumber()
            ? baseline.path("best").path("value")
            : o.nullNode());
    ArrayNode values = o.putArray("values");
    for (JsonNode t : baseline.path("trials")) {
      JsonNode v = t.path("value");
      if (v.isNumber() && !t.path("partial").asBoolean() && Double.isFinite(v.asDouble())) {
        values.addObject().put("number", t.path("number").asInt()).set("value", v);
      }
    }
    return o;
  }

  /**
   * Whether {@code candidate} is a fair baseline for {@code study}: the same objective, metric and
   * search space, with another algorithm. A study that merely shares the name is not one.
   */
  public static boolean comparable(JsonNode study, JsonNode candidate) {
    return Objects.equals(study.path("objective"), candidate.path("objective"))
        && Objects.equals(study.path("metric"), candidate.path("metric"))
        && Objects.equals(study.path("space"), candidate.path("space"))
        && !Objects.equals(study.path("algorithm"), candidate.path("algorithm"));
  }
}
