package io.streamtune.spec;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Part of the contract between the suggester, which assigns each trial a bracket, and the monitor,
 * whose hyperband rule stops it by that bracket's rungs.
 *
 * <p>How many Hyperband brackets a budget supports and how often each should be drawn, so that the
 * suggester (which assigns brackets) and the replay simulator agree with the monitor's {@code
 * AshaRule.hyperband}.
 *
 * <p>Notation (Li et al., JMLR 2018, "Hyperband"; Optuna {@code HyperbandPruner}): r = min
 * resource, R = max resource, η = reduction factor. The number of brackets is B = ⌊log_η(R/r)⌋ + 1,
 * bracket b ∈ {0..B−1} is ASHA with early-stopping rate s = b, and it is drawn with weight
 * ⌈B·η^(B−1−b)/(B−b)⌉ (Hyperband's n_i: aggressive brackets start more trials), normalised.
 */
public final class HyperbandBrackets {

  private HyperbandBrackets() {}

  public static int count(int minResource, int maxResource, int eta) {
    if (minResource < 1 || maxResource < minResource || eta < 2) {
      throw new IllegalArgumentException(
          "need 1 <= min_resource <= max_resource and eta >= 2 but got "
              + minResource
              + ", "
              + maxResource
              + ", "
              + eta);
    }
    int b = 0;
    long step = minResource;
    while (step * eta <= maxResource) {
      step *= eta;
      b++;
    }
    return b + 1;
  }

  /** Unnormalised budget weight of bracket b among B. */
  public static double weight(int b, int brackets, int eta) {
    return Math.ceil(brackets * Math.pow(eta, brackets - 1 - b) / (brackets - b));
  }

  /**
   * The bracket of a trial, drawn with the weights above from a hash of its id (as Optuna hashes
   * the trial name): the same trial always lands in the same bracket, also after a restart.
   */
  public static int assign(String trialId, int brackets, int eta) {
    CRC32 crc = new CRC32();
    crc.update(trialId.getBytes(StandardCharsets.UTF_8));
    return draw(new Random(crc.getValue()), brackets, eta);
  }

  /** Draws a bracket with the weights above. */
  public static int draw(Random random, int brackets, int eta) {
    double total = 0;
    for (int b = 0; b < brackets; b++) {
      total += weight(b, brackets, eta);
    }
    double u = random.nextDouble() * total;
    for (int b = 0; b < brackets; b++) {
      u -= weight(b, brackets, eta);
      if (u < 0) {
        return b;
      }
    }
    return brackets - 1;
  }
}
