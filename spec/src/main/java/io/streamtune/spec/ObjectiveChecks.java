package io.streamtune.spec;

import io.streamtune.avro.ObjectiveSpec;
import java.util.List;
import java.util.Map;

/** The objective's part of {@link SpecValidation}: its name and the size of its options. */
final class ObjectiveChecks {

  private final List<String> problems;

  ObjectiveChecks(List<String> problems) {
    this.problems = problems;
  }

  void check(ObjectiveSpec objective) {
    if (objective == null) {
      problems.add("objective: required (for example 'objective: {name: branin}')");
      return;
    }
    String name = objective.getName();
    if (name == null || name.isBlank()) {
      problems.add("objective.name: required");
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
    options.forEach(this::option);
  }

  private void option(String key, String value) {
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
    } else if (value.length() > SpecLimits.MAX_OPTION_VALUE_LENGTH) {
      problems.add(
          path
              + ": at most "
              + SpecLimits.MAX_OPTION_VALUE_LENGTH
              + " characters but has "
              + value.length());
    }
  }
}
