package io.streamtune.spec;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.ObjectiveSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objective's part of {@link SpecValidation}: its name, its options against {@link
 * ObjectiveCatalog}, and whether the space declares exactly the parameters it reads.
 */
final class ObjectiveChecks {

  private final List<String> problems;

  ObjectiveChecks(List<String> problems) {
    this.problems = problems;
  }

  /**
   * @param space the dimensions, or null when there are too many to look at (reported already)
   * @param unreadable dimensions the spec declares but that could not be read (already reported),
   *     which count as declared so that they are not reported again
   */
  void check(ObjectiveSpec objective, List<Dimension> space, Set<String> unreadable) {
    if (objective == null) {
      problems.add("objective: required (for example 'objective: {name: branin}')");
      return;
    }
    String name = objective.getName();
    ObjectiveCatalog.Entry entry = name == null ? null : ObjectiveCatalog.find(name).orElse(null);
    if (name == null || name.isBlank()) {
      problems.add("objective.name: required");
    } else if (entry == null) {
      problems.add(
          "objective.name: unknown objective "
              + Words.quote(name)
              + Words.suggestion(name, ObjectiveCatalog.names())
              + "; built-in: "
              + ObjectiveCatalog.names());
    }
    Map<String, String> options =
        objective.getOptions() == null ? Map.of() : objective.getOptions();
    if (options.size() > SpecLimits.MAX_OBJECTIVE_OPTIONS) {
      problems.add(
          "objective.options: at most "
              + SpecLimits.MAX_OBJECTIVE_OPTIONS
              + " options but has "
              + options.size());
      return;
    }
    options.forEach((key, value) -> option(entry, key, value));
    if (entry != null) {
      required(entry, options);
      if (space != null) {
        parameters(entry, space, unreadable);
      }
    }
  }

  private void option(ObjectiveCatalog.Entry entry, String key, String value) {
    if (key == null || key.length() > SpecLimits.MAX_NAME_LENGTH) {
      problems.add(
          "objective.options: a key must have 1 to "
              + SpecLimits.MAX_NAME_LENGTH
              + " characters but "
              + Words.quote(key)
              + " has "
              + (key == null ? 0 : key.length()));
      return;
    }
    String path = "objective.options." + key;
    if (value == null) {
      problems.add(path + ": needs a value");
      return;
    }
    if (value.length() > SpecLimits.MAX_OPTION_VALUE_LENGTH) {
      problems.add(
          path
              + ": at most "
              + SpecLimits.MAX_OPTION_VALUE_LENGTH
              + " characters but has "
              + value.length());
      return;
    }
    if (entry == null || entry.acceptsAnyOptions()) {
      return; // an unknown objective is reported once, by name; an external one's are its own
    }
    OptionRule rule = entry.rule(key);
    if (rule == null) {
      problems.add(
          path
              + ": unknown option of objective '"
              + entry.name()
              + "'"
              + Words.suggestion(key, entry.options())
              + "; allowed here: "
              + entry.options());
      return;
    }
    String error = rule.check(value);
    if (error != null) {
      problems.add(path + ": " + error);
    }
  }

  private void required(ObjectiveCatalog.Entry entry, Map<String, String> options) {
    for (String option : entry.requiredOptions()) {
      if (!options.containsKey(option)) {
        problems.add(
            "objective.options." + option + ": required by objective '" + entry.name() + "'");
      }
    }
    if (entry.splitsFractions()) {
      Double validation = fraction(options.get("validation_fraction"));
      Double test = fraction(options.get("test_fraction"));
      if (validation != null && test != null && validation + test >= 1) {
        problems.add(
            "objective.options: validation_fraction + test_fraction must be < 1 (the rest trains)"
                + " but is "
                + (validation + test));
      }
    }
  }

  /** A fraction option, its default (0.1) when absent, or null when invalid (reported already). */
  private static Double fraction(String value) {
    if (value == null) {
      return 0.1;
    }
    try {
      double x = Double.parseDouble(value);
      return Double.isFinite(x) ? x : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void parameters(ObjectiveCatalog.Entry entry, List<Dimension> space, Set<String> skip) {
    if (entry.acceptsAnyParameters()) {
      return;
    }
    Set<String> declared = new HashSet<>(skip);
    for (Dimension d : space) {
      if (d == null || d.getName() == null) {
        continue; // reported by the space checks
      }
      declared.add(d.getName());
      if (!entry.parameters().contains(d.getName())) {
        problems.add("space." + d.getName() + ": objective '" + entry.name() + "' does not use it");
      } else {
        kind(entry, d);
      }
    }
    for (String p : entry.parameters()) {
      if (!declared.contains(p)) {
        problems.add("space: objective '" + entry.name() + "' needs parameter '" + p + "'");
      }
    }
  }

  /** A number is read with Double.parseDouble, a category by its text (TrialContext). */
  private void kind(ObjectiveCatalog.Entry entry, Dimension d) {
    String path = "space." + d.getName();
    List<String> choices = entry.choices(d.getName());
    List<String> categories = d.getCategories() == null ? List.of() : d.getCategories();
    if (choices.isEmpty()) {
      if (d.getType() == DimensionType.CATEGORICAL) {
        for (String c : categories) {
          if (!isNumber(c)) {
            problems.add(
                path
                    + ".values: objective '"
                    + entry.name()
                    + "' reads this parameter as a number but "
                    + Words.quote(c)
                    + " is not one");
            return;
          }
        }
      }
      return;
    }
    if (d.getType() != DimensionType.CATEGORICAL) {
      problems.add(
          path
              + ".type: objective '"
              + entry.name()
              + "' reads this parameter as one of "
              + choices
              + ", so it must be categorical");
      return;
    }
    for (String c : categories) {
      if (!choices.contains(c)) {
        problems.add(
            path
                + ".values: objective '"
                + entry.name()
                + "' accepts "
                + choices
                + " but not "
                + Words.quote(c));
        return;
      }
    }
  }

  private static boolean isNumber(String s) {
    try {
      return s != null && Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
