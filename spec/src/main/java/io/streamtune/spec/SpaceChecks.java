package io.streamtune.spec;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Prior;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The space's part of {@link SpecValidation}: each dimension's name, bounds and categories, then
 * the {@code x0} points against the dimensions that passed. Paths use the spec language's names
 * ({@code values} for the Avro field {@code categories}), as users read these messages.
 */
final class SpaceChecks {

  /** Integer bounds beyond 2^53 are not exact in the Avro double that carries them. */
  private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992.0;

  private final List<String> problems;
  private final Map<String, Dimension> valid = new LinkedHashMap<>();
  private final Set<String> declared = new HashSet<>();

  SpaceChecks(List<String> problems) {
    this.problems = problems;
  }

  /**
   * Checks every dimension, unless there are too many to look at.
   *
   * @param unreadable dimensions declared in YAML but not readable (reported already)
   */
  void checkSpace(List<Dimension> space, Set<String> unreadable) {
    declared.addAll(unreadable);
    if (space == null) {
      problems.add("space: required (a mapping from parameter name to its range)");
      return;
    }
    if (space.size() > SpecLimits.MAX_DIMENSIONS) {
      problems.add(tooManyDimensions(space.size()));
      return;
    }
    if (space.isEmpty() && unreadable.isEmpty()) {
      problems.add("space: must have at least one dimension, for example 'x: {type: real, ...}'");
    }
    for (int i = 0; i < space.size(); i++) {
      Dimension d = space.get(i);
      String name = d == null ? null : d.getName();
      if (name == null || name.isBlank()) {
        problems.add("space[" + i + "].name: required");
      } else if (name.length() > SpecLimits.MAX_NAME_LENGTH) {
        problems.add(
            "space["
                + i
                + "].name: at most "
                + SpecLimits.MAX_NAME_LENGTH
                + " characters but has "
                + name.length());
      } else if (!declared.add(name)) {
        problems.add("space." + name + ": duplicate dimension name");
      } else if (dimension("space." + name, d)) {
        valid.put(name, d);
      }
    }
  }

  static String tooManyDimensions(int n) {
    return "space: at most " + SpecLimits.MAX_DIMENSIONS + " dimensions but has " + n;
  }

  private boolean dimension(String path, Dimension d) {
    if (d.getType() == null) {
      problems.add(path + ".type: required");
      return false;
    }
    boolean ok = d.getType() == DimensionType.CATEGORICAL ? categorical(path, d) : numeric(path, d);
    if (ok) {
      try {
        OptimizerSpace.of(List.of(d)); // the optimizer's own checks, should this list fall behind
      } catch (IllegalArgumentException e) {
        problems.add(path + ": " + e.getMessage());
        return false;
      }
    }
    return ok;
  }

  private boolean numeric(String path, Dimension d) {
    double low = d.getLow();
    double high = d.getHigh();
    boolean finite = finite(path + ".low", low) & finite(path + ".high", high);
    if (!finite) {
      return false;
    }
    boolean integer = d.getType() == DimensionType.INTEGER;
    if (integer && (low != Math.rint(low) || high != Math.rint(high))) {
      problems.add(
          path + ": integer bounds must be whole numbers but were [" + low + ", " + high + "]");
      return false;
    }
    if (integer && Math.max(Math.abs(low), Math.abs(high)) > MAX_EXACT_INTEGER) {
      problems.add(
          path + ": integer bounds must be within ±2^53 but were [" + low + ", " + high + "]");
      return false;
    }
    if (integer ? low > high : low >= high) {
      problems.add(
          path + ": low (" + low + ") must be " + (integer ? "<=" : "<") + " high (" + high + ")");
      return false;
    }
    if (d.getPrior() == null) {
      problems.add(path + ".prior: required");
      return false;
    }
    if (d.getPrior() == Prior.LOG_UNIFORM && low <= 0) {
      problems.add(path + ".low: a log-uniform prior needs low > 0 but was " + low);
      return false;
    }
    return true;
  }

  private boolean finite(String path, double x) {
    if (!Double.isFinite(x)) {
      problems.add(path + ": must be a finite number but was " + x);
      return false;
    }
    return true;
  }

  private boolean categorical(String path, Dimension d) {
    List<String> values = d.getCategories();
    if (values == null || values.isEmpty()) {
      problems.add(path + ".values: required, a non-empty list such as [relu, sigmoid]");
      return false;
    }
    if (values.size() > SpecLimits.MAX_CATEGORIES) {
      problems.add(tooManyValues(path, values.size()));
      return false;
    }
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null) {
        problems.add(path + ".values[" + i + "]: required");
        ok = false;
      } else if (v.length() > SpecLimits.MAX_CATEGORY_LENGTH) {
        problems.add(
            path
                + ".values["
                + i
                + "]: at most "
                + SpecLimits.MAX_CATEGORY_LENGTH
                + " characters but has "
                + v.length());
        ok = false;
      } else if (!seen.add(v)) {
        duplicates.add(v);
      }
    }
    if (!duplicates.isEmpty()) {
      problems.add(path + ".values: duplicate categories " + duplicates);
      ok = false;
    }
    return ok;
  }

  static String tooManyValues(String path, int n) {
    return path + ".values: at most " + SpecLimits.MAX_CATEGORIES + " values but has " + n;
  }

  /**
   * Checks the default points against the dimensions that passed; a value of a rejected dimension
   * is not reported again.
   */
  void checkX0(List<Map<String, Object>> x0) {
    if (x0 == null) {
      return;
    }
    if (x0.size() > SpecLimits.MAX_X0_POINTS) {
      problems.add(tooManyPoints(x0.size()));
      return;
    }
    for (int i = 0; i < x0.size(); i++) {
      String path = "algorithm.x0[" + i + "]";
      Map<String, Object> point = x0.get(i);
      if (point == null) {
        problems.add(path + ": required");
        continue;
      }
      valid.forEach(
          (name, d) -> {
            Object v = point.get(name);
            String error =
                v == null ? "missing (every dimension needs a value)" : ParamValues.check(d, v);
            if (error != null) {
              problems.add(path + "." + name + ": " + error);
            }
          });
      for (String key : point.keySet()) {
        if (!declared.contains(key)) {
          problems.add(
              path
                  + "."
                  + Words.shortened(key)
                  + ": unknown field"
                  + Words.suggestion(key, declared)
                  + "; allowed here: "
                  + Words.sorted(declared));
        }
      }
    }
  }

  static String tooManyPoints(int n) {
    return "algorithm.x0: at most " + SpecLimits.MAX_X0_POINTS + " points but has " + n;
  }
}
