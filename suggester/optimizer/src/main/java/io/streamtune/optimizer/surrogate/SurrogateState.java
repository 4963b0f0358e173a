package io.streamtune.optimizer.surrogate;

import java.util.Arrays;

/**
 * What a surrogate learned that is costly to learn again: its fitted hyperparameters and how many
 * observations they were fitted to. A service keeps it with its state, so that a restarted instance
 * conditions on the same hyperparameters instead of fitting them from cold.
 *
 * @param kind the surrogate ({@code gp})
 * @param hyperparameters for {@code gp}: {@code θ = [log σf², log ℓ_1..ℓ_D, log σn²]}
 * @param fittedAt observations they were fitted to
 */
public record SurrogateState(String kind, double[] hyperparameters, int fittedAt) {

  public SurrogateState {
    hyperparameters = hyperparameters.clone();
    if (fittedAt < 1) {
      throw new IllegalArgumentException("fittedAt must be >= 1 but was " + fittedAt);
    }
  }

  @Override
  public double[] hyperparameters() {
    return hyperparameters.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SurrogateState s
        && s.kind.equals(kind)
        && s.fittedAt == fittedAt
        && Arrays.equals(s.hyperparameters, hyperparameters);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + fittedAt) + Arrays.hashCode(hyperparameters);
  }

  @Override
  public String toString() {
    return kind + Arrays.toString(hyperparameters) + "@" + fittedAt;
  }
}
