package io.streamtune.spec;

import java.util.Locale;

/**
 * How large a study spec may be, in one place. A spec is copied into records that every service
 * writes and reads: each trial request carries its parameters and the objective's options, and the
 * suggester keeps the spec and each trial's request in state records. Kafka refuses a record above
 * its default 1 MiB ({@code max.request.size}, {@code message.max.bytes}), and a refused record
 * stalls the study, so the spec is refused at submit time instead. The limits also bound the memory
 * and time a hostile spec can cost a service that validates it.
 */
public final class SpecLimits {

  /**
   * The YAML text, in UTF-8 bytes. The largest example spec is under 3 KiB; 256 KiB leaves room for
   * long comments and categorical lists while a file is refused before it is read into memory.
   */
  public static final int MAX_YAML_BYTES = 256 * 1024;

  /**
   * The Avro-encoded {@code StudySpec} on the {@code studies} topic: half of Kafka's 1 MiB, so the
   * spec itself is always publishable, also when a later field is added to the schema.
   */
  public static final int MAX_ENCODED_SPEC_BYTES = 512 * 1024;

  /**
   * Any record a service derives from a spec, encoded: the largest is one of the suggester's state
   * records, which hold the spec or one trial's request. 64 KiB below Kafka's 1 MiB leave room for
   * the key, headers and batch framing.
   */
  public static final int MAX_DERIVED_RECORD_BYTES = 1024 * 1024 - 64 * 1024;

  /**
   * Dimensions of the space. Bayesian optimisation is not useful much beyond a few dozen
   * dimensions, and each dimension is a value in every trial request and result.
   */
  public static final int MAX_DIMENSIONS = 100;

  /**
   * Values of one categorical dimension. The optimizer one-hot encodes them, so each value is a
   * coordinate of the surrogate model's input.
   */
  public static final int MAX_CATEGORIES = 1000;

  /** Characters of one categorical value; a value is sent with every trial that draws it. */
  public static final int MAX_CATEGORY_LENGTH = 200;

  /**
   * Characters of a name: a parameter, the metric, an objective option's key. Parameter names also
   * become environment variable names for the {@code command} objective.
   */
  public static final int MAX_NAME_LENGTH = 100;

  /** Trials in flight at once: the suggester keeps a pending request for each. */
  public static final int MAX_PARALLELISM = 1000;

  /**
   * Trials of a study. The suggester's optimizer and the monitor's curves grow with the trials
   * seen; a study beyond 100,000 trials is a sweep, not a tuning run.
   */
  public static final int MAX_TRIALS = 100_000;

  /**
   * Epochs of one trial. The monitor stores each trial's curve as one record of {@code max_epochs}
   * numbers, which must stay well below 1 MiB (10,000 numbers as JSON are about 250 KB).
   */
  public static final int MAX_EPOCHS = 10_000;

  /** Entries of {@code objective.options}, which travel in every trial request. */
  public static final int MAX_OBJECTIVE_OPTIONS = 64;

  /** Characters of one objective option's value, such as a command line. */
  public static final int MAX_OPTION_VALUE_LENGTH = 4096;

  /**
   * Default points in {@code algorithm.x0}. They are evaluated before the optimizer starts, so more
   * than 100 is a table of trials, not a hint.
   */
  public static final int MAX_X0_POINTS = 100;

  /**
   * Characters of the study id. It is the record key of every topic and the prefix of every trial
   * id, and 128 is plenty for a name a person chose.
   */
  public static final int MAX_STUDY_ID_LENGTH = 128;

  /**
   * Characters of a cancel's {@code reason} and of its {@code requested_by}: the reason goes into
   * the study's status and into the {@code stop_reason} of every trial the cancel stops.
   */
  public static final int MAX_CANCEL_TEXT_LENGTH = 1000;

  /**
   * Nesting of the YAML text. A spec nests four levels deep ({@code algorithm.x0[0].lr}); the limit
   * stops a document of brackets from exhausting the parser's stack.
   */
  public static final int MAX_YAML_DEPTH = 16;

  /**
   * Problems listed in one {@link SpecException}: a file of 10,000 unknown keys fails with the
   * first ones and a count, not with a message of megabytes.
   */
  public static final int MAX_PROBLEMS = 100;

  private SpecLimits() {}

  /** A byte count as a person reads it: "512 B", "256 KiB", "50 MiB". */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%s KiB", round(n / 1024.0));
    }
    return String.format(Locale.ROOT, "%s MiB", round(n / (1024.0 * 1024.0)));
  }

  private static String round(double x) {
    return x == Math.rint(x) || x >= 10
        ? String.valueOf(Math.round(x))
        : String.format(Locale.ROOT, "%.1f", x);
  }
}
