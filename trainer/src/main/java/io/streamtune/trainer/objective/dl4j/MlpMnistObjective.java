package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.ObjectiveResult;
import io.streamtune.trainer.objective.TrialContext;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@code mlp-mnist}: the dense network of the scikit-optimize / Keras MNIST tutorial (Hvass
 * Laboratories, TensorFlow tutorial #19). One Dense(num_input_nodes) layer, then num_dense_layers
 * Dense(num_dense_nodes) layers with the same activation, then softmax over 10 classes; Adam with
 * Keras's time-based decay lr / (1 + adam_decay · iteration). Metric: validation accuracy
 * (maximise); {@code test_accuracy} at the end.
 *
 * <p>Parameters: learning_rate, num_dense_layers, num_input_nodes, num_dense_nodes, activation
 * (relu|sigmoid), batch_size, adam_decay. Options (reduced defaults so a study takes minutes on 2
 * cores; the tutorial's setting is train_size 0, epochs 3): {@code train_size} 5000 (0 = all
 * 55000), {@code validation_size} 5000, {@code test_size} 0 (all 10000), {@code epochs} 3 (0 =
 * max_epochs), {@code split_seed} 42, {@code data_dir}. Small batches dominate the cost: DL4J's
 * per-update overhead makes batch_size 1 (15,000 updates per trial at the defaults) take minutes on
 * 2 cores.
 */
public final class MlpMnistObjective implements Objective {

  private static final int EVAL_BATCH = 1000;

  @Override
  public ObjectiveResult run(TrialContext ctx) throws Exception {
    Training.configureRuntime();
    MnistData.Parts data =
        MnistData.load(
            ctx,
            (int) ctx.option("train_size", 5_000),
            (int) ctx.option("validation_size", 5_000),
            (int) ctx.option("test_size", 0),
            (long) ctx.option("split_seed", 42));
    MultiLayerNetwork net = build(ctx);
    int batchSize = ctx.integer("batch_size");
    List<DataSet> validation = data.validation().orderedBatches(EVAL_BATCH);

    Training.Outcome outcome =
        Training.loop(
            ctx,
            Training.budget(ctx, (int) ctx.option("epochs", 3)),
            epoch -> {
              Training.fitEpoch(
                  ctx, net, data.train().shuffledBatches(batchSize, ctx.seed() + epoch));
              return accuracy(net, validation, data.validation());
            });
    if (outcome.stopped()) {
      return new ObjectiveResult(outcome.lastValue(), outcome.epochs(), true, Map.of());
    }
    double test = accuracy(net, data.test().orderedBatches(EVAL_BATCH), data.test());
    return new ObjectiveResult(
        outcome.lastValue(), outcome.epochs(), false, Map.of("test_accuracy", test));
  }

  static MultiLayerNetwork build(TrialContext ctx) {
    Activation activation =
        switch (ctx.category("activation")) {
          case "relu" -> Activation.RELU;
          case "sigmoid" -> Activation.SIGMOID;
          default ->
              throw new IllegalArgumentException(
                  "activation must be relu or sigmoid but was '"
                      + ctx.category("activation")
                      + "'");
        };
    double learningRate = ctx.number("learning_rate");
    // Keras's Adam(decay=d) divides the rate by (1 + d·iterations): InverseSchedule with power 1.
    var adam =
        new Adam(
            new InverseSchedule(
                ScheduleType.ITERATION, learningRate, ctx.number("adam_decay"), 1.0));
    int inputNodes = ctx.integer("num_input_nodes");
    int denseNodes = ctx.integer("num_dense_nodes");
    var list =
        new NeuralNetConfiguration.Builder()
            .seed(ctx.seed())
            .updater(adam)
            .weightInit(WeightInit.XAVIER_UNIFORM) // Keras's default glorot_uniform
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .nIn(MnistData.PIXELS)
                    .nOut(inputNodes)
                    .activation(activation)
                    .build());
    int previous = inputNodes;
    for (int i = 0; i < ctx.integer("num_dense_layers"); i++) {
      list.layer(
          new DenseLayer.Builder().nIn(previous).nOut(denseNodes).activation(activation).build());
      previous = denseNodes;
    }
    list.layer(
        new OutputLayer.Builder(LossFunction.MCXENT)
            .nIn(previous)
            .nOut(MnistData.CLASSES)
            .activation(Activation.SOFTMAX)
            .build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }

  private static double accuracy(MultiLayerNetwork net, List<DataSet> batches, Examples data) {
    float[] scores = Training.predict(net, batches, data.size(), MnistData.CLASSES);
    return Metrics.accuracy(scores, data.labels(), MnistData.CLASSES);
  }
}
