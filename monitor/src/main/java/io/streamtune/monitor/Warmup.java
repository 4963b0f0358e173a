package io.streamtune.monitor;

import io.streamtune.avro.StopDecision;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.SpecVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the monitor's hot path in-process before it reports ready: every stopping rule on a
 * synthetic study, and the records it reads and writes through their serdes. A fresh JVM otherwise
 * loads and compiles all of it while judging the first study's first epochs, which is exactly when
 * a late decision costs the most (the first trials are the references for all later ones).
 */
final class Warmup {

  private static final int ROUNDS = 200;

  private Warmup() {}

  /** Returns how many decisions were made, so the work cannot be optimised away. */
  static int run() {
    List<TrialCurve> completed = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      double[] losses = new double[20];
      for (int s = 0; s < losses.length; s++) {
        losses[s] = 0.3 + 0.05 * k + Math.exp(-0.3 * (s + 1));
      }
      completed.add(new TrialCurve("warm-t" + k, losses, 20, 0));
    }
    StudyCurves study = StudyCurves.of(completed);
    int stops = 0;
    for (String name : SpecVocabulary.STOPPING_RULES.keySet()) {
      StoppingRule rule = StoppingRules.create(name, Map.of());
      for (int round = 0; round < ROUNDS; round++) {
        double[] losses = new double[1 + round % 19];
        for (int s = 0; s < losses.length; s++) {
          losses[s] = 2 + Math.exp(-0.1 * (s + 1));
        }
        if (rule.evaluate(study, new TrialCurve("warm-x", losses, 20, 0)).stop()) {
          stops++;
        }
      }
    }
    StopDecision d =
        StopDecision.newBuilder()
            .setStudyId("warm")
            .setTrialId("warm-t0000")
            .setRule("median")
            .setStep(1)
            .setValue(1)
            .setThreshold(0)
            .build();
    for (int round = 0; round < ROUNDS; round++) {
      byte[] bytes = Topics.TRIAL_CONTROL.valueSerde().serializer().serialize("", d);
      Topics.TRIAL_CONTROL.valueSerde().deserializer().deserialize("", bytes);
    }
    return stops;
  }
}
