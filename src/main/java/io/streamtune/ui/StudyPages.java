package io.streamtune.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.report.ReportData;
import io.streamtune.report.StudyResults;
import io.streamtune.results.BaselineJson;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the UI shows of a study, computed once per version of it and shared by every page that asks:
 * its results (with its random-search baseline when the cluster holds one) and the report's data.
 * The models, a Gaussian process fit, are refitted only when the study's final values change, not
 * at each epoch of a running trial.
 */
final class StudyPages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Data(long version, long baselineVersion, String json) {}

  private record Models(String key, JsonNode node) {}

  private final LiveStudies live;
  private final Map<String, Data> data = new ConcurrentHashMap<>();
  private final Map<String, Models> models = new ConcurrentHashMap<>();

  StudyPages(LiveStudies live) {
    this.live = live;
  }

  /** The study's results as a report reads them, baseline attached; empty for an unknown id. */
  Optional<StudyResults> results(String id) {
    return live.study(id).map(s -> StudyResults.of(withBaseline(id, s)));
  }

  /** The study's report data as JSON, at its current version. */
  Optional<String> dataJson(String id) {
    Optional<LiveStudies.Snapshot> snapshot = live.study(id);
    if (snapshot.isEmpty()) {
      return Optional.empty();
    }
    long version = snapshot.get().version();
    long baselineVersion = baseline(id).map(LiveStudies.Snapshot::version).orElse(0L);
    Data d =
        data.compute(
            id,
            (k, old) ->
                old != null && old.version() == version && old.baselineVersion() == baselineVersion
                    ? old
                    : new Data(version, baselineVersion, compute(id, snapshot.get())));
    return Optional.of(d.json());
  }

  private String compute(String id, LiveStudies.Snapshot snapshot) {
    StudyResults study = StudyResults.of(withBaseline(id, snapshot));
    try {
      return JSON.writeValueAsString(ReportData.of(study, s -> models(id, s)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report's data does not print as JSON", e);
    }
  }

  private JsonNode models(String id, StudyResults study) {
    String key = modelsKey(study);
    Models m = models.get(id);
    if (m == null || !m.key().equals(key)) {
      m = new Models(key, ReportData.models(study));
      models.put(id, m);
    }
    return m.node();
  }

  /** What the models are fitted to: the space and every final value with its parameters. */
  static String modelsKey(StudyResults study) {
    StringBuilder key = new StringBuilder(study.space().toString());
    for (StudyResults.Trial t : study.trials()) {
      if (t.hasFinalValue()) {
        key.append('|').append(t.number()).append('=').append(t.value()).append(t.params());
      }
    }
    return key.toString();
  }

  private ObjectNode withBaseline(String id, LiveStudies.Snapshot snapshot) {
    ObjectNode results = snapshot.results();
    Optional<LiveStudies.Snapshot> baseline = baseline(id);
    if (baseline.isEmpty() || !BaselineJson.comparable(results, baseline.get().results())) {
      return results;
    }
    ObjectNode copy = results.deepCopy();
    copy.set("baseline", BaselineJson.of(baseline.get().results(), null));
    return copy;
  }

  private Optional<LiveStudies.Snapshot> baseline(String id) {
    return live.study(BaselineJson.studyId(id, "random"));
  }
}
