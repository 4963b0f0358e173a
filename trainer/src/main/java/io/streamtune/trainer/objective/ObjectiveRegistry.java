package io.streamtune.trainer.objective;

import io.streamtune.trainer.objective.command.CommandObjective;
import io.streamtune.trainer.objective.dl4j.CnnPeptidesObjective;
import io.streamtune.trainer.objective.dl4j.LstmStockObjective;
import io.streamtune.trainer.objective.dl4j.MlpMnistObjective;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Objectives a trainer can run, by the name a study spec uses. */
public final class ObjectiveRegistry {

  public static final String COMMAND = "command";
  static final String COMMAND_REFUSED = "objective 'command' runs external programs and is disabled on this trainer;"
      + " start trainers with --allow-command (or STREAMTUNE_ALLOW_COMMAND=true) to allow it";

  private final Map<String, Supplier<Objective>> factories = new LinkedHashMap<>();

  /** The built-in objectives, without {@code command}: see {@link #withBuiltins(boolean)}. */
  public static ObjectiveRegistry withBuiltins() {
    return withBuiltins(false);
  }

  /**
   * The built-in objectives. {@code command} runs any program a study spec names, so a trainer
   * offers it only when its operator opted in; otherwise asking for it fails with how to opt in.
   */
  public static ObjectiveRegistry withBuiltins(boolean allowCommand) {
    ObjectiveRegistry r = new ObjectiveRegistry();
    r.register("branin", SyntheticObjective::branin);
    r.register("hartmann6", SyntheticObjective::hartmann6);
    r.register("mlp-mnist", MlpMnistObjective::new);
    r.register("lstm-stock", LstmStockObjective::new);
    r.register("cnn-peptides", CnnPeptidesObjective::new);
    r.register(COMMAND, allowCommand ? CommandObjective::new : () -> {
      throw new IllegalStateException(COMMAND_REFUSED);
    });
    return r;
  }

  public ObjectiveRegistry register(String name, Supplier<Objective> factory) {
    factories.put(name, factory);
    return this;
  }

  public Set<String> names() {
    return factories.keySet();
  }

  public Objective create(String name) {
    Supplier<Objective> f = factories.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown objective '" + name + "'; this trainer knows " + names());
    }
    return f.get();
  }
}
