package io.streamtune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.avro.EarlyStopSpec;
import java.util.List;

/**
 * Reads the {@code early_stop:} mapping. Leaving the block out turns patience off; a block that is
 * there must say its {@code patience}, since a block without it would do nothing. Ranges are {@link
 * SpecValidation}'s, except one only the YAML shows: an explicit {@code patience: 0}, which the
 * record cannot tell from "off" but Keras reads as "stop at the first epoch that does not improve".
 */
final class EarlyStopReader {

  private final List<String> problems;

  EarlyStopReader(List<String> problems) {
    this.problems = problems;
  }

  EarlyStopSpec read(JsonNode node) {
    EarlyStopSpec spec = EarlyStop.off();
    if (node == null || node.isNull()) {
      return spec;
    }
    if (!node.isObject()) {
      problems.add("early_stop: must be a mapping with " + EarlyStop.KEYS);
      return spec;
    }
    StudySpecParser.checkKeys(problems, "early_stop.", node, EarlyStop.KEYS);
    int patience = StudySpecParser.integer(problems, node, "early_stop.patience", null);
    if (patience < 1 && node.hasNonNull("patience")) {
      problems.add(
          "early_stop.patience: must be >= 1 but was "
              + patience
              + " (leave out early_stop to turn it off)");
      patience = 1; // a placeholder that keeps follow-on checks quiet
    }
    spec.setPatience(patience);
    JsonNode minDelta = node.get("min_delta");
    if (minDelta != null) {
      Double d = minDelta.isNull() ? null : StudySpecParser.number(minDelta);
      if (minDelta.isNull()) {
        problems.add("early_stop.min_delta: needs a value");
      } else if (d == null) {
        problems.add(
            "early_stop.min_delta: must be a number but was " + Words.quote(minDelta.asText()));
      } else {
        spec.setMinDelta(d);
      }
    }
    JsonNode restore = node.get("restore_best");
    if (restore != null) {
      if (restore.isBoolean()) {
        spec.setRestoreBest(restore.booleanValue());
      } else {
        problems.add(
            "early_stop.restore_best: must be true or false but was "
                + Words.quote(restore.asText()));
      }
    }
    return spec;
  }
}
