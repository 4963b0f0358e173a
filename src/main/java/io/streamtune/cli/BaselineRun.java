package io.streamtune.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.report.Convergence;
import io.streamtune.report.StudyResults;
import io.streamtune.results.BaselineJson;
import io.streamtune.results.ResultsFile;
import io.streamtune.spec.SpecValidation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code run --baseline random}: once a study completes, the same spec searched at random as a
 * second study ({@code STUDY-random}) on the same trainers, as the scikit-optimize tutorials
 * compare {@code gp_minimize} with {@code dummy_minimize}. Its results file is written beside the
 * study's, and the study's results file is rewritten with the baseline's final values attached, so
 * that {@code report} overlays the two from either file.
 */
final class BaselineRun {

  /** The algorithms a baseline may use: what users compare Bayesian optimisation against. */
  static final String RANDOM = "random";

  private final Pipeline pipeline;
  private final FollowOptions follow;
  private final PrintWriter out;
  private final PrintWriter err;

  BaselineRun(Pipeline pipeline, FollowOptions follow, PrintWriter out, PrintWriter err) {
    this.pipeline = pipeline;
    this.follow = follow;
    this.out = out;
    this.err = err;
  }

  /** The baseline's spec: the study's, with its own id and the baseline's algorithm. */
  static StudySpec spec(StudySpec spec, String algorithm) {
    if (!RANDOM.equals(algorithm)) {
      throw new IllegalArgumentException(
          "--baseline: only 'random' (random search) is a baseline, not '" + algorithm + "'");
    }
    if (RANDOM.equals(spec.getAlgorithm().getName())) {
      throw new IllegalArgumentException(
          "--baseline random: study " + spec.getStudyId() + " already searches at random");
    }
    String id = BaselineJson.studyId(spec.getStudyId(), algorithm);
    if (!SpecValidation.isStudyId(id)) {
      throw new IllegalArgumentException(
          "--baseline: the baseline's id "
              + id
              + " is too long; shorten the study id ("
              + spec.getStudyId()
              + ")");
    }
    return StudySpec.newBuilder(spec)
        .setStudyId(id)
        .setAlgorithm(AlgorithmSpec.newBuilder(spec.getAlgorithm()).setName(algorithm).build())
        .build();
  }

  /** Runs the baseline, then attaches its results to the study's file; returns the exit code. */
  int run(StudySpec baseline, Path studyResults) throws Exception {
    out.printf(
        "%nBaseline: the same spec with %s search, as study '%s'%n",
        baseline.getAlgorithm().getName(), baseline.getStudyId());
    out.flush();
    ResultsTarget target =
        ResultsTarget.choose(
            sibling(studyResults, baseline),
            follow.overwrite,
            baseline.getStudyId(),
            follow.resume);
    int code;
    try (FollowedStudy study =
        FollowedStudy.open(pipeline.connection(), baseline, follow.resume, pipeline.bootstrap())) {
      code =
          study.finished()
              ? study.reportFinished(out, err, target)
              : study.start(follow, target, out, err, System.nanoTime());
    }
    if (Files.exists(target.path())) {
      attach(studyResults, target.path());
    }
    return code;
  }

  /**
   * With {@code -o FILE.json} the baseline's file is {@code FILE-random.json} beside it; otherwise
   * the baseline's own default name.
   */
  private Path sibling(Path studyResults, StudySpec baseline) {
    if (follow.output == null) {
      return null;
    }
    String name = studyResults.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return studyResults.resolveSibling(stem + "-" + baseline.getAlgorithm().getName() + ".json");
  }

  private void attach(Path studyResults, Path baselineResults) throws IOException {
    ObjectNode study = (ObjectNode) ResultsFile.read(studyResults);
    ObjectNode node =
        BaselineJson.of(ResultsFile.read(baselineResults), baselineResults.toString());
    study.set("baseline", node);
    ResultsFile.write(study, studyResults);
    out.printf(
        "%nCompared: %s%n%s holds both; 'streamtune report --from %s' draws them.%n",
        Convergence.verdict(StudyResults.of(study)).orElse("no baseline"),
        studyResults,
        studyResults);
    out.flush();
  }
}
