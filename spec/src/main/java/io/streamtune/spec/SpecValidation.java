package io.streamtune.spec;

import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every study spec must meet, checked on the Avro {@link StudySpec} itself: the YAML
 * parser builds the record and runs these same checks, and every service runs them on each spec it
 * reads from the {@code studies} topic, so a spec produced without the parser meets the same rules.
 *
 * <p>Each problem names its field as {@code path: message}, with the spec language's names ({@code
 * space.lr.low}, {@code objective.options.cmd}); all are collected so that a user fixes a spec in
 * one pass. Lists beyond {@link SpecLimits} are reported by their count and not looked into, so a
 * hostile spec costs little to refuse.
 */
public final class SpecValidation {

  private static final Pattern STUDY_ID = Pattern.compile("[A-Za-z0-9._-]+");

  private SpecValidation() {}

  /** Every problem of {@code spec}, each naming its field; empty if the spec is valid. */
  public static List<String> problems(StudySpec spec) {
    return problems(spec, Set.of());
  }

  /**
   * @throws SpecException listing every problem, if there is any
   */
  public static void check(StudySpec spec) {
    List<String> problems = problems(spec);
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
  }

  /** Whether {@code id} is a valid study id: letters, digits, '.', '_' and '-', 1 to 128. */
  public static boolean isStudyId(String id) {
    return id != null
        && id.length() <= SpecLimits.MAX_STUDY_ID_LENGTH
        && STUDY_ID.matcher(id).matches();
  }

  /**
   * @param unreadable dimensions the YAML declares but that could not be read (the parser reported
   *     them): they count as declared, so no follow-on problem is reported about them
   */
  static List<String> problems(StudySpec spec, Set<String> unreadable) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec: required");
      return problems;
    }
    studyId(spec.getStudyId(), problems);
    boolean countable =
        spec.getSpace() == null || spec.getSpace().size() <= SpecLimits.MAX_DIMENSIONS;
    new ObjectiveChecks(problems)
        .check(spec.getObjective(), countable ? spec.getSpace() : null, unreadable);
    metric(spec.getMetric(), problems);
    range("n_trials", spec.getNTrials(), 1, SpecLimits.MAX_TRIALS, problems);
    range("parallelism", spec.getParallelism(), 1, SpecLimits.MAX_PARALLELISM, problems);
    range("max_epochs", spec.getMaxEpochs(), 1, SpecLimits.MAX_EPOCHS, problems);
    SpaceChecks space = new SpaceChecks(problems);
    space.checkSpace(spec.getSpace(), unreadable);
    algorithm(spec.getAlgorithm(), space, countable, problems);
    stopping(spec.getStopping(), problems);
    earlyStop(spec.getEarlyStop(), spec.getMaxEpochs(), problems);
    cancel(spec.getCancel(), problems);
    if (problems.isEmpty()) {
      sizes(spec, problems); // only a complete, sane record can be encoded and measured
    }
    return problems;
  }

  private static void studyId(String id, List<String> problems) {
    if (id == null || id.isEmpty()) {
      problems.add("study: required (the study id, for example 'study: quickstart')");
    } else if (id.length() > SpecLimits.MAX_STUDY_ID_LENGTH) {
      problems.add(
          "study: at most "
              + SpecLimits.MAX_STUDY_ID_LENGTH
              + " characters but has "
              + id.length());
    } else if (!STUDY_ID.matcher(id).matches()) {
      problems.add(
          "study: may use only letters, digits, '.', '_' and '-' but was " + Words.quote(id));
    }
  }

  private static void metric(MetricSpec metric, List<String> problems) {
    if (metric == null) {
      problems.add("metric: required");
      return;
    }
    String name = metric.getName();
    if (name == null || name.isBlank()) {
      problems.add("metric.name: required");
    } else if (name.length() > SpecLimits.MAX_NAME_LENGTH) {
      problems.add(
          "metric.name: at most "
              + SpecLimits.MAX_NAME_LENGTH
              + " characters but has "
              + name.length());
    }
    if (metric.getDirection() == null) {
      problems.add("metric.direction: required");
    }
  }

  static void range(String path, long value, long min, long max, List<String> problems) {
    if (value < min) {
      problems.add(path + ": must be >= " + min + " but was " + value);
    } else if (value > max) {
      problems.add(path + ": must be <= " + max + " but was " + value);
    }
  }

  private static void algorithm(
      AlgorithmSpec a, SpaceChecks space, boolean countable, List<String> problems) {
    if (a == null) {
      problems.add("algorithm: required");
      return;
    }
    oneOf("algorithm.name", a.getName(), SpecVocabulary.ALGORITHMS, problems);
    oneOf("algorithm.acq_func", a.getAcqFunc(), SpecVocabulary.ACQUISITIONS, problems);
    oneOf(
        "algorithm.initial_design", a.getInitialDesign(), SpecVocabulary.INITIAL_DESIGNS, problems);
    range("algorithm.n_initial_points", a.getNInitialPoints(), 0, SpecLimits.MAX_TRIALS, problems);
    if (countable) {
      space.checkX0(a.getX0());
    }
  }

  private static void oneOf(String path, String value, Set<String> allowed, List<String> problems) {
    if (value == null) {
      problems.add(path + ": required");
    } else if (!allowed.contains(value)) {
      problems.add(
          path
              + ": must be one of "
              + Words.sorted(allowed)
              + " but was "
              + Words.quote(value)
              + Words.suggestion(value, allowed));
    }
  }

  private static void stopping(StoppingSpec stopping, List<String> problems) {
    if (stopping == null) {
      problems.add("stopping: required");
      return;
    }
    String rule = stopping.getRule();
    Map<String, OptionRule> accepted =
        rule == null ? null : SpecVocabulary.STOPPING_OPTIONS.get(rule);
    if (accepted == null) {
      oneOf("stopping.rule", rule, SpecVocabulary.STOPPING_RULES.keySet(), problems);
      return; // options are only meaningful for a known rule
    }
    Map<String, Double> options = stopping.getOptions() == null ? Map.of() : stopping.getOptions();
    options.forEach(
        (key, value) -> {
          String path = "stopping." + Words.shortened(key);
          OptionRule check = accepted.get(key);
          if (check == null) {
            problems.add(
                path
                    + ": unknown field for rule '"
                    + rule
                    + "'"
                    + Words.suggestion(key, accepted.keySet())
                    + "; allowed here: "
                    + Words.sorted(accepted.keySet()));
          } else if (value == null) {
            problems.add(path + ": needs a value");
          } else {
            String error = check.check(OptionRule.num(value));
            if (error != null) {
              problems.add(path + ": " + error);
            }
          }
        });
  }

  /**
   * No block (null) is off. A block needs patience >= 1 (Keras reads 0 as 1, which a spec should
   * say) and must leave room to save an epoch: the first epoch sets the best, so patience p stops a
   * trial at epoch p + 1 at the earliest, and a stop at the last epoch saves nothing (the trial
   * completes). A patience that cannot stop anything is refused rather than ignored, as an unknown
   * key is.
   */
  private static void earlyStop(EarlyStopSpec e, int maxEpochs, List<String> problems) {
    if (e == null) {
      return;
    }
    int p = e.getPatience();
    if (p < 1) {
      problems.add(
          "early_stop.patience: must be >= 1 but was " + p + " (leave out early_stop for none)");
    } else if (maxEpochs >= 1 && maxEpochs <= SpecLimits.MAX_EPOCHS && p > maxEpochs - 2) {
      problems.add(
          "early_stop.patience: must be <= max_epochs - 2 ("
              + (maxEpochs - 2)
              + ") but was "
              + p
              + "; patience p stops a trial at epoch p + 1 at the earliest, which must come"
              + " before the last epoch to save any");
    }
    String error = OptionRule.atLeast(0, false).check(OptionRule.num(e.getMinDelta()));
    if (error != null) {
      problems.add("early_stop.min_delta: " + error);
    }
  }

  /** No block (null) is a running study; a cancel's strings are bounded, being copied about. */
  private static void cancel(CancelRequest c, List<String> problems) {
    if (c == null) {
      return;
    }
    length("cancel.reason", c.getReason(), problems);
    length("cancel.requested_by", c.getRequestedBy(), problems);
  }

  private static void length(String path, String value, List<String> problems) {
    if (value != null && value.length() > SpecLimits.MAX_CANCEL_TEXT_LENGTH) {
      problems.add(
          path
              + ": at most "
              + SpecLimits.MAX_CANCEL_TEXT_LENGTH
              + " characters but has "
              + value.length());
    }
  }

  private static void sizes(StudySpec spec, List<String> problems) {
    try {
      int specBytes = RecordSizes.studySpec(spec);
      if (specBytes > SpecLimits.MAX_ENCODED_SPEC_BYTES) {
        problems.add(
            "spec: encodes to "
                + SpecLimits.bytes(specBytes)
                + "; a spec may be at most "
                + SpecLimits.bytes(SpecLimits.MAX_ENCODED_SPEC_BYTES));
        return;
      }
      long state = RecordSizes.suggesterState(spec);
      if (state > SpecLimits.MAX_DERIVED_RECORD_BYTES) {
        problems.add(
            "spec: a trial request of up to "
                + SpecLimits.bytes(RecordSizes.trialRequest(spec))
                + " makes a suggester state record of "
                + SpecLimits.bytes(state)
                + ", above the "
                + SpecLimits.bytes(SpecLimits.MAX_DERIVED_RECORD_BYTES)
                + " a record may have; shorten objective.options and the categorical values");
      }
    } catch (RuntimeException e) {
      // The serde's SerializationException: a record the checks above let through but Avro cannot
      // write is refused here rather than by the producer.
      problems.add("spec: cannot be encoded (" + e.getMessage() + ")");
    }
  }
}
