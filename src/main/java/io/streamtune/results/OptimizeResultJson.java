package io.streamtune.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamtune.optimizer.OptimizeResult;

/**
 * JSON for the optimizer library's {@link OptimizeResult}, kept out of the library so that its
 * classpath holds its maths and nothing else.
 */
public final class OptimizeResultJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OptimizeResultJson() {}

  public static String toJson(OptimizeResult result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise result", e);
    }
  }

  public static OptimizeResult fromJson(String json) {
    try {
      return JSON.readValue(json, OptimizeResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an OptimizeResult: " + e.getOriginalMessage(), e);
    }
  }
}
