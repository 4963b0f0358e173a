package io.streamtune.trainer;

import io.streamtune.spec.ObjectiveCatalog;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import io.streamtune.trainer.objective.SyntheticObjective;
import io.streamtune.trainer.objective.command.CommandObjective;
import io.streamtune.trainer.objective.dl4j.CnnPeptidesObjective;
import io.streamtune.trainer.objective.dl4j.LstmStockObjective;
import io.streamtune.trainer.objective.dl4j.MlpMnistObjective;

/**
 * The objectives StreamTune ships, by the names a study spec uses. They are listed here, outside
 * {@code objective}, so that the objective contract knows none of its implementations.
 */
public final class BuiltinObjectives {

  public static final String COMMAND = "command";
  static final String EXTERNAL_REFUSED =
      "objective 'external' is run by trainers outside StreamTune (the Python SDK, see"
          + " docs/protocol.md); a Java trainer cannot run it: keep Java trainers out of the"
          + " group that trains such a study";
  static final String COMMAND_REFUSED =
      "objective 'command' runs external programs and is disabled on this trainer;"
          + " start trainers with --allow-command (or STREAMTUNE_ALLOW_COMMAND=true) to allow it";

  private BuiltinObjectives() {}

  /** The built-in objectives, without {@code command}: see {@link #registry(boolean)}. */
  public static ObjectiveRegistry registry() {
    return registry(false);
  }

  /**
   * The built-in objectives. {@code command} runs any program a study spec names, so a trainer
   * offers it only when its operator opted in; otherwise asking for it fails with how to opt in.
   */
  public static ObjectiveRegistry registry(boolean allowCommand) {
    ObjectiveRegistry r = new ObjectiveRegistry();
    r.register("branin", SyntheticObjective::branin);
    r.register("hartmann6", SyntheticObjective::hartmann6);
    r.register("mlp-mnist", MlpMnistObjective::new);
    r.register("lstm-stock", LstmStockObjective::new);
    r.register("cnn-peptides", CnnPeptidesObjective::new);
    r.register(
        ObjectiveCatalog.EXTERNAL,
        () -> {
          throw new IllegalStateException(EXTERNAL_REFUSED);
        });
    r.register(
        COMMAND,
        allowCommand
            ? CommandObjective::new
            : () -> {
              throw new IllegalStateException(COMMAND_REFUSED);
            });
    return r;
  }
}
