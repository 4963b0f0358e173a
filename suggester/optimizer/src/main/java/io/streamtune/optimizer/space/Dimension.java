package io.streamtune.optimizer.space;

import java.util.random.RandomGenerator;

/**
 * One named axis of a search space. Each dimension maps its values to and from a slice of the unit
 * cube, which is where samplers and surrogates work.
 */
public sealed interface Dimension permits IntegerDimension, RealDimension, CategoricalDimension {

  String name();

  /**
   * Number of unit-cube coordinates this dimension occupies (1, or the category count for one-hot).
   */
  int unitSize();

  /** Writes the unit-cube encoding of {@code value} into {@code out} starting at {@code offset}. */
  void toUnit(Object value, double[] out, int offset);

  /** Reads a value back from its unit-cube encoding, rounding and clipping as needed. */
  Object fromUnit(double[] u, int offset);

  /**
   * The value in this dimension's own type when {@code value} means one of its values in another
   * type (an {@code Integer} 3 for an integer dimension), otherwise {@code value} unchanged, for
   * {@link #check} to judge.
   */
  default Object canonical(Object value) {
    return value;
  }

  /** Draws a value from the dimension's prior. */
  Object sample(RandomGenerator rng);

  /**
   * Returns why {@code value} is not in this dimension, or null when it is. The reason does not
   * name the dimension, so that each caller can say where the value came from: {@link
   * Space#validate} prefixes the dimension's name, the spec parser a field path such as {@code
   * algorithm.x0[0].lr}.
   */
  String check(Object value);
}
