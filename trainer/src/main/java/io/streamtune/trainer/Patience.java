package io.streamtune.trainer;

import io.streamtune.avro.Direction;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.spec.EarlyStop;

/**
 * Trial-level patience for one attempt, as Keras's {@code EarlyStopping} counts it (tf.keras 2.x
 * {@code callbacks.py}: {@code _is_improvement}, {@code on_epoch_end}). Pure: it sees the values an
 * objective reports and says when to stop.
 *
 * <p>Notation: v_e is the metric after the e-th report, s = +1 when the metric is minimised and −1
 * when it is maximised, so s·v is a loss; δ = {@code min_delta} ≥ 0 and p = {@code patience} ≥ 1.
 * The reference r starts at +∞ and w at 0. A report improves iff s·v_e + δ < r, strictly, that is
 * by more than δ; then r = s·v_e and w = 0, else w = w + 1. Patience runs out with the report that
 * makes w = p. As in Keras, r moves only on an improvement, so a slow drift that adds up to more
 * than δ counts, where comparing each step with the last would not.
 *
 * <p>The best report b is the one with the lowest s·v (the first, on a tie). It is the reference's
 * report unless δ > 0 and a report improved by δ or less; {@code restore_best} reports v_b, the
 * value of "the epoch with the best value" that Keras's documentation promises, and restores it, as
 * tf.keras 2 did, only when patience ended the trial.
 *
 * <p>NaN and infinite values are never an improvement (Keras's comparison gives the same for NaN).
 * The runner fails a trial on such a value before asking, so this is only for callers that do not.
 */
final class Patience {

  private final int patience;
  private final double minDelta;
  private final double sign;
  private final boolean restoreBest;

  private double reference = Double.POSITIVE_INFINITY;
  private double referenceValue = Double.NaN;
  private int referenceEpoch;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private double bestValue = Double.NaN;
  private int bestEpoch;
  private int wait;
  private int stoppedAt;

  Patience(EarlyStopSpec spec, Direction direction) {
    if (spec.getPatience() < 1) {
      throw new IllegalArgumentException("patience must be >= 1 but was " + spec.getPatience());
    }
    if (!(spec.getMinDelta() >= 0) || Double.isInfinite(spec.getMinDelta())) {
      throw new IllegalArgumentException(
          "min_delta must be a finite number >= 0 but was " + spec.getMinDelta());
    }
    this.patience = spec.getPatience();
    this.minDelta = spec.getMinDelta();
    this.sign = direction == Direction.MAXIMIZE ? -1 : 1;
    this.restoreBest = spec.getRestoreBest();
  }

  /** The request's patience, or null when its early_stop is off. */
  static Patience of(TrialRequest request) {
    EarlyStopSpec spec = request.getEarlyStop();
    return EarlyStop.isOn(spec) ? new Patience(spec, request.getMetric().getDirection()) : null;
  }

  /**
   * Counts one report.
   *
   * @return whether patience has run out, with this report or before it
   */
  boolean exhausted(int epoch, double value) {
    if (stoppedAt > 0) {
      return true;
    }
    double loss = sign * value;
    if (Double.isFinite(loss) && loss < bestLoss) {
      bestLoss = loss;
      bestValue = value;
      bestEpoch = epoch;
    }
    if (Double.isFinite(loss) && loss + minDelta < reference) {
      reference = loss;
      referenceValue = value;
      referenceEpoch = epoch;
      wait = 0;
      return false;
    }
    wait++;
    if (wait >= patience) {
      stoppedAt = epoch;
    }
    return stoppedAt > 0;
  }

  /** The epoch with which patience ran out, 0 while it has not. */
  int stoppedAt() {
    return stoppedAt;
  }

  /**
   * The trial's value once patience ended it: its best epoch's with restore_best, else its last.
   */
  double value(double last) {
    return restoreBest && bestEpoch > 0 ? bestValue : last;
  }

  /** Why the trial ended, in the metric's own numbers. */
  String reason(String metric) {
    StringBuilder why =
        new StringBuilder("no improvement of more than ")
            .append(number(minDelta))
            .append(" in ")
            .append(metric)
            .append(" for ")
            .append(patience)
            .append(patience == 1 ? " epoch" : " epochs");
    if (referenceEpoch != bestEpoch && referenceEpoch > 0) {
      why.append(" over ")
          .append(number(referenceValue))
          .append(" at epoch ")
          .append(referenceEpoch);
    }
    if (bestEpoch > 0) {
      why.append("; best ").append(number(bestValue)).append(" at epoch ").append(bestEpoch);
      if (restoreBest) {
        why.append(", restored as the trial's value");
      }
    }
    return why.toString();
  }

  /** A number as the metric reported it: 0.412, 1.0E-4, 3 (not 3.0). */
  private static String number(double x) {
    String s = Double.toString(x);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
