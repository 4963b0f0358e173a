package io.streamtune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.avro.EarlyStopSpec;
import java.util.List;

/**
 * Reads the {@code early_stop:} mapping: null (off) when it is left out, else a block that must say
 * its {@code patience}, since a block without it would do nothing. Ranges are {@link
 * SpecValidation}'s.
 */
final class EarlyStopReader {

  private final List<String> problems;

  EarlyStopReader(List<String> problems) {
    this.problems = problems;
  }

  EarlyStopSpec read(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add("early_stop: must be a mapping with " + EarlyStop.KEYS);
      return null;
    }
    StudySpecParser.checkKeys(problems, "early_stop.", node, EarlyStop.KEYS);
    EarlyStopSpec spec =
        new EarlyStopSpec(
            StudySpecParser.integer(problems, node, "early_stop.patience", null), 0.0, false);
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
