package io.streamtune.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.avro.TrialStatus;
import io.streamtune.study.StudyRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results file holds skopt's OptimizeResult fields and every trial, right in both signs. */
class ResultsFileTest {

  @TempDir Path dir;

  @Test
  void shouldNegateAMaximisedMetricWhenWritingSkoptFields() {
    // Given completed 0.8, patience-ended 0.9 (final), monitor-pruned 0.95 (partial), failed
    JsonNode res = ResultsFile.of(StudyRecords.finishedMaximised().view());
    // Then only final values are points, negated so that skopt's minimisation reads them
    assertThat(res.get("func_vals")).extracting(JsonNode::asDouble).containsExactly(-0.8, -0.9);
    assertThat(res.get("fun").asDouble()).isEqualTo(-0.9);
    assertThat(res.get("x").toString()).isEqualTo("[0.002,2,\"tanh\"]");
    assertThat(res.get("best").get("value").asDouble()).isEqualTo(0.9);
    assertThat(res.get("metric").get("func_vals_sign").asInt()).isEqualTo(-1);
  }

  @Test
  void shouldMarkAPrunedValuePartialWhenTheMonitorCutTheTrialShort() {
    JsonNode trials = ResultsFile.of(StudyRecords.finishedMaximised().view()).get("trials");
    assertThat(trials)
        .extracting(t -> t.get("partial").asBoolean())
        .containsExactly(false, false, true, false);
    assertThat(trials.get(2).get("stop").get("rule").asText()).isEqualTo("median");
    assertThat(trials.get(3).get("value").isNull()).isTrue();
    assertThat(trials.get(0).get("curve")).hasSize(3);
    assertThat(trials.get(0).get("extra_metrics").get("test_auc").asDouble()).isEqualTo(0.91);
  }

  @Test
  void shouldDescribeTheSpaceAndSpecWhenWriting() {
    JsonNode res = ResultsFile.of(StudyRecords.finishedMaximised().view());
    assertThat(res.get("space").get(0).toString())
        .isEqualTo(
            "{\"name\":\"lr\",\"type\":\"real\",\"low\":1.0E-4,\"high\":0.1,\"prior\":\"log-uniform\"}");
    assertThat(res.get("space").get(1).get("low").isIntegralNumber()).isTrue();
    assertThat(res.get("space").get(2).get("categories")).hasSize(2);
    assertThat(res.get("specs").get("seed").asLong()).isEqualTo(7);
    assertThat(res.get("specs").get("args").get("n_trials").asInt()).isEqualTo(4);
    assertThat(res.get("started_at").asText()).startsWith("1970-01-01T00:16:40");
  }

  @Test
  void shouldWriteNullWhenAValueIsNotFinite() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1)
        .metric(0, 1, 1, Double.NaN)
        .result(0, TrialStatus.PRUNED, Double.NaN, 1, "diverged");
    JsonNode trial = ResultsFile.of(s.view()).get("trials").get(0);
    assertThat(trial.get("value").isNull()).isTrue();
    assertThat(trial.get("curve").get(0).get("value").isNull()).isTrue();
  }

  @Test
  void shouldPassThePythonCheckWhenWrittenForAFinishedStudy() throws Exception {
    Path file = dir.resolve("r.json");
    ResultsFile.write(StudyRecords.finishedMaximised().view(), file);
    assertThat(PythonResultsCheck.check(file)).startsWith("ok: 2 points, fun = -0.9");
  }

  @Test
  void shouldFailThePythonCheckWhenFunIsNotTheMinimum() throws Exception {
    // The check must be able to fail: break the skopt promise by hand
    Path file = dir.resolve("broken.json");
    ObjectNode res = ResultsFile.of(StudyRecords.finishedMaximised().view());
    res.put("fun", -0.8);
    Files.writeString(file, res.toString());
    assertThatThrownBy(() -> PythonResultsCheck.check(file))
        .hasMessageContaining("fun -0.8 != min(func_vals) -0.9");
  }
}
