package io.streamtune.spec;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.Prior;
import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.List;

/**
 * The optimizer's {@link Space} for a spec's dimensions: the one translation from the wire's Avro
 * {@code Dimension} to the optimizer's. The suggester builds its optimizer over it, and the parser
 * checks {@code x0} values with its dimensions, so a spec accepts exactly the values the optimizer
 * does.
 */
public final class OptimizerSpace {

  private OptimizerSpace() {}

  /**
   * @throws IllegalArgumentException naming the dimension, if its bounds or categories are not a
   *     valid range (the parser never produces such a dimension)
   */
  public static Space of(List<Dimension> wire) {
    return new Space(
        wire.stream()
            .map(
                d ->
                    switch (d.getType()) {
                      case INTEGER ->
                          new IntegerDimension(
                              d.getName(),
                              (long) d.getLow(),
                              (long) d.getHigh(),
                              d.getPrior() == Prior.LOG_UNIFORM);
                      case REAL ->
                          new RealDimension(
                              d.getName(),
                              d.getLow(),
                              d.getHigh(),
                              d.getPrior() == Prior.LOG_UNIFORM
                                  ? RealDimension.Prior.LOG_UNIFORM
                                  : RealDimension.Prior.UNIFORM);
                      case CATEGORICAL -> new CategoricalDimension(d.getName(), d.getCategories());
                    })
            .toList());
  }
}
