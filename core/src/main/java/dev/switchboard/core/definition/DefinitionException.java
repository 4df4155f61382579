package dev.switchboard.core.definition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Definitions that cannot be loaded: every problem found, each with its file, line and field.
 *
 * <p>Loading reports all problems at once rather than stopping at the first, so a user can fix a
 * directory of definitions in one pass.
 */
public final class DefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem
   */
  public DefinitionException(List<Problem> problems) {
    super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in definitions:\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Returns every problem found, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
