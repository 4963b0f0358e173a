package io.streamtune.spec;

import static io.streamtune.spec.OptionRule.atLeast;
import static io.streamtune.spec.OptionRule.nonBlank;
import static io.streamtune.spec.OptionRule.number;
import static io.streamtune.spec.OptionRule.oneOf;
import static io.streamtune.spec.OptionRule.text;
import static io.streamtune.spec.OptionRule.whole;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objectives StreamTune ships, with the parameters each reads from a trial and the options it
 * accepts, so that a spec the trainer cannot run is refused at submit time instead of failing every
 * trial. Each entry is read off the objective's code in the trainer ({@code TrialContext.number},
 * {@code integer}, {@code category} and {@code option} calls); a contract test in the trainer keeps
 * the names equal to its registry.
 *
 * <p>A built-in objective reads exactly its parameters, so a missing one fails every trial and an
 * extra one is a typo or a misunderstanding: both are errors. {@code command} passes every
 * parameter to a program, so it accepts any.
 */
public final class ObjectiveCatalog {

  public static final String COMMAND = "command";

  /**
   * An objective that trainers outside StreamTune run (the Python SDK, or any client of the wire
   * contract): any parameters and any options, passed through. Java trainers cannot run it.
   */
  public static final String EXTERNAL = "external";

  private static final long INT_MAX = Integer.MAX_VALUE;

  /** One built-in objective: what it reads from a trial and which options it accepts. */
  public static final class Entry {
    private final String name;
    private final boolean anyParameters;
    private final Map<String, List<String>> parameters = new LinkedHashMap<>();
    private final Map<String, OptionRule> options = new LinkedHashMap<>();
    private final Set<String> required = new TreeSet<>();
    private boolean splitFractions;

    private boolean anyOptions;

    private Entry(String name, boolean anyParameters) {
      this.name = name;
      this.anyParameters = anyParameters;
    }

    /** Whether any option is accepted unchecked, as for {@code external}. */
    public boolean acceptsAnyOptions() {
      return anyOptions;
    }

    private Entry anyOptions() {
      anyOptions = true;
      return this;
    }

    public String name() {
      return name;
    }

    /** The parameters a trial must have, in the order the objective documents them. */
    public List<String> parameters() {
      return List.copyOf(parameters.keySet());
    }

    /** Whether any parameter is accepted (and none is required), as for {@code command}. */
    public boolean acceptsAnyParameters() {
      return anyParameters;
    }

    public Set<String> options() {
      return new TreeSet<>(options.keySet());
    }

    public Set<String> requiredOptions() {
      return Set.copyOf(required);
    }

    /** Values the objective understands for a categorical parameter; empty for a number. */
    List<String> choices(String parameter) {
      return parameters.getOrDefault(parameter, List.of());
    }

    OptionRule rule(String option) {
      return options.get(option);
    }

    /** Whether validation_fraction and test_fraction (0.1 each by default) split one data set. */
    boolean splitsFractions() {
      return splitFractions;
    }

    private Entry numbers(String... names) {
      for (String n : names) {
        parameters.put(n, List.of());
      }
      return this;
    }

    private Entry category(String parameter, String... choices) {
      parameters.put(parameter, List.of(choices));
      return this;
    }

    private Entry option(String option, OptionRule rule) {
      options.put(option, rule);
      return this;
    }

    private Entry requiredOption(String option, OptionRule rule) {
      required.add(option);
      return option(option, rule);
    }

    /** The data-split options shared by the deep-learning objectives (trainer's Splits.cut). */
    private Entry fractions() {
      splitFractions = true;
      return option("validation_fraction", number(0, true, 1, true))
          .option("test_fraction", number(0, false, 1, true));
    }
  }

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    add(synthetic("branin").numbers("x1", "x2"));
    add(synthetic("hartmann6").numbers("x1", "x2", "x3", "x4", "x5", "x6"));
    // MlpMnistObjective: MNIST's training file has 60,000 images, validation is held out of it.
    add(
        new Entry("mlp-mnist", false)
            .numbers("learning_rate", "num_dense_layers", "num_input_nodes", "num_dense_nodes")
            .category("activation", "relu", "sigmoid")
            .numbers("batch_size", "adam_decay")
            .option("train_size", whole(0, INT_MAX))
            .option("validation_size", whole(1, 59_999))
            .option("test_size", whole(0, INT_MAX))
            .option("epochs", whole(0, INT_MAX))
            .option("split_seed", whole(Long.MIN_VALUE, Long.MAX_VALUE))
            .option("data_dir", text()));
    // CnnPeptidesObjective; plateau_factor < 1 because ReduceLROnPlateau must lower the rate.
    add(
        new Entry("cnn-peptides", false)
            .numbers("reg", "dropout", "learning_rate", "batch_size", "filters", "dense_units")
            .option("epochs", whole(0, INT_MAX))
            .option("train_size", whole(0, INT_MAX))
            .fractions()
            .option("plateau_patience", whole(0, INT_MAX))
            .option("plateau_factor", number(0, true, 1, true))
            .option("min_learning_rate", atLeast(0, false))
            .option("split_seed", whole(Long.MIN_VALUE, Long.MAX_VALUE))
            .option("data_dir", text()));
    add(
        new Entry("lstm-stock", false)
            .numbers(
                "lstm_num_steps",
                "size",
                "lstm_init_epoch",
                "lstm_max_epoch",
                "lstm_learning_rate_decay",
                "lstm_batch_size",
                "lstm_dropout_rate",
                "lstm_init_learning_rate")
            .option("rows", whole(0, INT_MAX))
            .option("epoch_scale", number(0, true, 1, false))
            .fractions()
            .option("optimizer", oneOf("adam", "rmsprop"))
            .option("target", oneOf("level", "change"))
            .option("data_dir", text()));
    // CommandObjective; timeout_s stays below 1e9 s because the trainer adds it in nanoseconds to a
    // long deadline.
    add(new Entry(EXTERNAL, true).anyOptions());
    add(
        new Entry(COMMAND, true)
            .requiredOption("cmd", nonBlank())
            .option("args", text())
            .option("metric", text())
            .option("metric_regex", text())
            .option("final_regex", text())
            .option("timeout_s", number(0, true, 1e9, false))
            .option("workdir", nonBlank())
            .option("kill_grace_s", number(0, false, 3600, false)));
  }

  private ObjectiveCatalog() {}

  /**
   * SyntheticObjective's options: the curve f(x) + c·exp(−e/τ) + noise must decay towards f(x), so
   * c and the noise are not negative and τ is positive; epoch_ms is a sleep, at most an hour.
   */
  private static Entry synthetic(String name) {
    return new Entry(name, false)
        .option("c", atLeast(0, false))
        .option("tau", atLeast(0, true))
        .option("noise", atLeast(0, false))
        .option("epoch_ms", number(0, false, 3_600_000, false))
        .option("fail_rate", number(0, false, 1, false));
  }

  private static void add(Entry e) {
    ENTRIES.put(e.name(), e);
  }

  /** The names of the built-in objectives, sorted. */
  public static Set<String> names() {
    return new TreeSet<>(ENTRIES.keySet());
  }

  public static Optional<Entry> find(String name) {
    return Optional.ofNullable(name == null ? null : ENTRIES.get(name));
  }
}
