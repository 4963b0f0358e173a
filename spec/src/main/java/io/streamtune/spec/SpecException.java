package io.streamtune.spec;

import java.util.List;

/**
 * A study spec was rejected. Every problem names the field it is about, as {@code path: message}.
 */
public final class SpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public SpecException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public SpecException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
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
