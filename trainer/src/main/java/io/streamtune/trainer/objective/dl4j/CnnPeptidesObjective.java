package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.ObjectiveResult;
import io.streamtune.trainer.objective.TrialContext;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@code cnn-peptides}: hemolysis prediction with the 1D CNN of "Deep Learning for Molecules and
 * Materials" (White, hyperparameter-tuning chapter): Embedding(21, 16) masking 0, Conv1D(filters,
 * 5, relu), MaxPool(2), Conv1D(filters, 3, relu), global max pooling, Dense(dense_units, relu, L2),
 * Dense(64, tanh, L2), Dense(1, sigmoid), with dropout before the last two Dense layers. Metric:
 * validation ROC AUC (maximise); {@code test_auc} at the end.
 *
 * <p>Parameters: reg, dropout, learning_rate, batch_size, filters, dense_units. Options (reduced
 * defaults; the tutorial's setting is epochs 20, train_size 0): {@code epochs} 8 (0 = max_epochs),
 * {@code train_size} 0 (all 7,453), {@code validation_fraction} and {@code test_fraction} 0.1,
 * {@code plateau_patience} 0 (off; else ReduceLROnPlateau on the validation AUC) with {@code
 * plateau_factor} 0.5 and {@code min_learning_rate} 1e-6, {@code split_seed} 42, {@code data_dir}.
 */
public final class CnnPeptidesObjective implements Objective {

  private static final int EMBEDDING = 16;
  private static final int EVAL_BATCH = 512;

  @Override
  public ObjectiveResult run(TrialContext ctx) throws Exception {
    Training.configureRuntime();
    PeptideData.Parts data =
        PeptideData.load(
            ctx,
            ctx.option("validation_fraction", 0.1),
            ctx.option("test_fraction", 0.1),
            (int) ctx.option("train_size", 0),
            (long) ctx.option("split_seed", 42));
    MultiLayerNetwork net = build(ctx, data.length());
    int batchSize = ctx.integer("batch_size");
    List<DataSet> validation = data.validation().orderedBatches(EVAL_BATCH);
    Plateau plateau =
        new Plateau(
            ctx.number("learning_rate"),
            (int) ctx.option("plateau_patience", 0),
            ctx.option("plateau_factor", 0.5),
            ctx.option("min_learning_rate", 1e-6));

    Training.Outcome outcome =
        Training.loop(
            ctx,
            Training.budget(ctx, (int) ctx.option("epochs", 8)),
            epoch -> {
              Training.fitEpoch(
                  ctx, net, data.train().shuffledBatches(batchSize, ctx.seed() + epoch));
              double auc = auc(net, validation, data.validation());
              if (plateau.observe(auc)) {
                net.setLearningRate(plateau.learningRate());
              }
              return auc;
            });
    if (outcome.stopped()) {
      return new ObjectiveResult(outcome.lastValue(), outcome.epochs(), true, Map.of());
    }
    double test = auc(net, data.test().orderedBatches(EVAL_BATCH), data.test());
    return new ObjectiveResult(
        outcome.lastValue(), outcome.epochs(), false, Map.of("test_auc", test));
  }

  static MultiLayerNetwork build(TrialContext ctx, int length) {
    int filters = ctx.integer("filters");
    // Keras's l2(reg) adds reg·Σw² to the loss; DL4J's l2(c) adds c/2·Σw², hence the factor 2.
    double l2 = 2 * ctx.number("reg");
    double dropout = ctx.number("dropout");
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(ctx.seed())
            .updater(new Adam(ctx.number("learning_rate")))
            .weightInit(WeightInit.XAVIER_UNIFORM)
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .convolutionMode(ConvolutionMode.Truncate) // Keras 'valid' padding
            .list()
            .layer(
                new EmbeddingSequenceLayer.Builder()
                    .nIn(PeptideData.VOCABULARY)
                    .nOut(EMBEDDING)
                    .inputLength(length)
                    .build())
            .layer(
                new Convolution1DLayer.Builder()
                    .kernelSize(5)
                    .nOut(filters)
                    .activation(Activation.RELU)
                    .build())
            .layer(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(2).stride(2).build())
            .layer(
                new Convolution1DLayer.Builder()
                    .kernelSize(3)
                    .nOut(filters)
                    .activation(Activation.RELU)
                    .build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
            .layer(
                new DenseLayer.Builder()
                    .nOut(ctx.integer("dense_units"))
                    .activation(Activation.RELU)
                    .l2(l2)
                    .build())
            // dropOut applies to a layer's input and takes the KEEP probability (Keras Dropout(p) =
            // dropOut(1 − p)).
            .layer(dense64(l2, dropout))
            .layer(output(dropout))
            .setInputType(InputType.recurrent(1, length))
            .build();
    // setInputType sets the embedding's nIn to the input's 1 channel; its nIn is the vocabulary.
    // DL4J
    // 1.0.0-M2.1 has no overrideNinUponBuild(false) on this builder, so restore it after the build.
    ((EmbeddingSequenceLayer) conf.getConf(0).getLayer()).setNIn(PeptideData.VOCABULARY);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static DenseLayer dense64(double l2, double dropout) {
    var b = new DenseLayer.Builder().nOut(64).activation(Activation.TANH).l2(l2);
    return (dropout > 0 ? b.dropOut(1 - dropout) : b).build();
  }

  private static OutputLayer output(double dropout) {
    var b = new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID);
    return (dropout > 0 ? b.dropOut(1 - dropout) : b).build();
  }

  private static double auc(MultiLayerNetwork net, List<DataSet> batches, Examples data) {
    return Metrics.rocAuc(Training.predict(net, batches, data.size(), 1), data.labels());
  }

  /**
   * Keras's ReduceLROnPlateau for a metric to maximise: cut the rate after {@code patience} flat
   * epochs.
   */
  static final class Plateau {
    private final int patience;
    private final double factor;
    private final double minRate;
    private double rate;
    private double best = Double.NEGATIVE_INFINITY;
    private int flat;

    Plateau(double rate, int patience, double factor, double minRate) {
      this.rate = rate;
      this.patience = patience;
      this.factor = factor;
      this.minRate = minRate;
    }

    /** Returns true when the learning rate changed. */
    boolean observe(double value) {
      if (patience <= 0) {
        return false;
      }
      if (value > best) {
        best = value;
        flat = 0;
        return false;
      }
      if (++flat < patience || rate <= minRate) {
        return false;
      }
      flat = 0;
      rate = Math.max(minRate, rate * factor);
      return true;
    }

    double learningRate() {
      return rate;
    }
  }
}
