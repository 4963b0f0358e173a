package io.streamtune.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A study spec was rejected. Every problem names the field it is about, as {@code path: message}.
 * At most {@link SpecLimits#MAX_PROBLEMS} are kept, then a count of the rest.
 */
public final class SpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public SpecException(List<String> problems) {
    super(format(bounded(problems)));
    this.problems = bounded(problems);
  }

  public SpecException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }

  private static List<String> bounded(List<String> problems) {
    if (problems.size() <= SpecLimits.MAX_PROBLEMS) {
      return List.copyOf(problems);
    }
    List<String> kept = new ArrayList<>(problems.subList(0, SpecLimits.MAX_PROBLEMS));
    kept.add("(" + (problems.size() - SpecLimits.MAX_PROBLEMS) + " more problems not shown)");
    return List.copyOf(kept);
  }

  private static String format(List<String> problems) {
    if (problems.size() == 1) {
      return "Invalid study spec: " + problems.get(0);
    }
    return "Invalid study spec ("
        + problems.size()
        + " problems):\n  - "
        + String.join("\n  - ", problems);
  }
}
