package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.ObjectiveResult;
import io.streamtune.trainer.objective.TrialContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@code lstm-stock}: next-day S&amp;P 500 Close and Volume from the previous lstm_num_steps days,
 * after Lilian Weng's "Predict Stock Prices Using RNN" (2017): one LSTM(size) layer, dropout on its
 * output, a linear 2-unit output, MSE loss. The learning rate is constant for lstm_init_epoch
 * epochs, then multiplied by lstm_learning_rate_decay each epoch: lr(e) = lr0 · decay^max(0, e + 1
 * − init_epoch) for 0-based e, as in the tutorial. Metric: validation RMSE on the scaled series
 * (minimise). At the end, for validation ({@code val_}) and test ({@code test_}): the scaled RMSE,
 * the Close RMSE in index points and the Volume RMSE in shares, and the persistence forecast's
 * Close and Volume RMSE ({@code naive_rmse_close}, {@code naive_rmse_volume}) as the yardstick.
 *
 * <p>Options: {@code rows} (most recent trading days used, default 1500; 0 = all 17.7k with
 * volume), {@code epoch_scale} (default 0.05; 1 = the tutorial's budget), {@code
 * validation_fraction} and {@code test_fraction} (0.1 each), {@code optimizer} adam|rmsprop (adam),
 * {@code data_dir}, and {@code target}: {@code level} (the tutorial's: the network outputs the next
 * day's scaled values) or {@code change} (it outputs next − last day, added back to the last day;
 * the metric is the same). {@code epoch_scale} s shrinks the schedule without changing its shape:
 * the budget is ceil(s · lstm_max_epoch) epochs, the constant phase ceil(s · lstm_init_epoch)
 * epochs, and the per-epoch decay decay^(1/s), so the rate at the end of the run is the tutorial's.
 * The budget is also capped by the study's max_epochs.
 */
public final class LstmStockObjective implements Objective {

  private static final int EVAL_BATCH = 512;

  @Override
  public ObjectiveResult run(TrialContext ctx) throws Exception {
    Training.configureRuntime();
    int steps = ctx.integer("lstm_num_steps");
    StockData.Parts data =
        StockData.load(
            ctx,
            steps,
            (int) ctx.option("rows", 1500),
            ctx.option("validation_fraction", 0.1),
            ctx.option("test_fraction", 0.1));
    double scale = ctx.option("epoch_scale", 0.05);
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException(
          "objective option 'epoch_scale' must be in (0, 1] but was " + scale);
    }
    int budget = Math.min(ctx.maxEpochs(), (int) Math.ceil(scale * ctx.integer("lstm_max_epoch")));
    int initEpochs = (int) Math.ceil(scale * ctx.integer("lstm_init_epoch"));
    double decay = Math.pow(ctx.number("lstm_learning_rate_decay"), 1 / scale);
    double lr0 = ctx.number("lstm_init_learning_rate");

    boolean change =
        switch (ctx.option("target", "level")) {
          case "level" -> false;
          case "change" -> true;
          default ->
              throw new IllegalArgumentException(
                  "objective option 'target' must be level or change but was '"
                      + ctx.option("target", "")
                      + "'");
        };
    Examples train = change ? StockData.changes(data.train()) : data.train();

    MultiLayerNetwork net = build(ctx, steps);
    int batchSize = ctx.integer("lstm_batch_size");
    Training.Outcome outcome =
        Training.loop(
            ctx,
            budget,
            epoch -> {
              // setLearningRate replaces any schedule; the rate is set here once per epoch instead.
              net.setLearningRate(lr0 * Math.pow(decay, Math.max(0, epoch + 1 - initEpochs)));
              Training.fitEpoch(ctx, net, train.shuffledBatches(batchSize, ctx.seed() + epoch));
              return Metrics.rmse(
                  forecast(net, data.validation(), change), data.validation().labels());
            });
    if (outcome.stopped()) {
      return new ObjectiveResult(outcome.lastValue(), outcome.epochs(), true, Map.of());
    }
    Map<String, Double> extras = new LinkedHashMap<>();
    evaluate(forecast(net, data.validation(), change), data, data.validation(), "val_", extras);
    evaluate(forecast(net, data.test(), change), data, data.test(), "test_", extras);
    return new ObjectiveResult(outcome.lastValue(), outcome.epochs(), false, extras);
  }

  /**
   * RMSE of one part, scaled and in the data's own units (index points, shares), next to the same
   * figures for the persistence forecast: {@code <prefix>rmse_close} / {@code
   * <prefix>naive_rmse_close} below 1 means the network beats "tomorrow = today".
   */
  private static void evaluate(
      float[] predicted,
      StockData.Parts data,
      Examples part,
      String prefix,
      Map<String, Double> extras) {
    float[] naive = StockData.persistence(part);
    float[] truth = part.labels();
    extras.put(prefix + "rmse", Metrics.rmse(predicted, truth));
    extras.put(prefix + "rmse_close", Metrics.rmse(predicted, truth, 2, 0) * data.range()[0]);
    extras.put(prefix + "rmse_volume", Metrics.rmse(predicted, truth, 2, 1) * data.range()[1]);
    extras.put(prefix + "naive_rmse_close", Metrics.rmse(naive, truth, 2, 0) * data.range()[0]);
    extras.put(prefix + "naive_rmse_volume", Metrics.rmse(naive, truth, 2, 1) * data.range()[1]);
  }

  /** The next day's scaled levels; a change model's output is added to each window's last day. */
  private static float[] forecast(MultiLayerNetwork net, Examples part, boolean change) {
    float[] predicted =
        Training.predict(net, part.orderedBatches(EVAL_BATCH), part.size(), StockData.FEATURES);
    if (change) {
      float[] last = StockData.persistence(part);
      for (int i = 0; i < predicted.length; i++) {
        predicted[i] += last[i];
      }
    }
    return predicted;
  }

  static MultiLayerNetwork build(TrialContext ctx, int steps) {
    int size = ctx.integer("size");
    double dropout = ctx.number("lstm_dropout_rate");
    IUpdater updater =
        switch (ctx.option("optimizer", "adam")) {
          case "adam" -> new Adam(ctx.number("lstm_init_learning_rate"));
          case "rmsprop" -> new RmsProp(ctx.number("lstm_init_learning_rate"));
          default ->
              throw new IllegalArgumentException(
                  "objective option 'optimizer' must be adam or rmsprop but was '"
                      + ctx.option("optimizer", "")
                      + "'");
        };
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(ctx.seed())
            .updater(updater)
            .weightInit(WeightInit.XAVIER)
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .list()
            .layer(
                new LastTimeStep(
                    new LSTM.Builder()
                        .nIn(StockData.FEATURES)
                        .nOut(size)
                        .activation(Activation.TANH)
                        .dataFormat(RNNFormat.NWC)
                        .build()))
            // DL4J applies a layer's dropOut to its input, and takes the probability of KEEPING a
            // unit:
            // this is the tutorial's dropout on the LSTM output with keep_prob = 1 −
            // lstm_dropout_rate.
            .layer(
                new OutputLayer.Builder(LossFunction.MSE)
                    .nIn(size)
                    .nOut(StockData.FEATURES)
                    .activation(Activation.IDENTITY)
                    .dropOut(1 - dropout)
                    .build())
            .setInputType(InputType.recurrent(StockData.FEATURES, steps, RNNFormat.NWC))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
