package dev.switchboard.core.output;

/**
 * A JMESPath expression tried to build more than one evaluation may: a value of more than
 * {@value BuildBudget#BASE_UNITS} units (a node is one unit, a string one more per
 * {@value BuildBudget#CHARS_PER_UNIT} characters; counted as written out, so a subtree used twice counts twice), or
 * four times its input when that is more, or nested deeper than {@value BuildBudget#MAX_DEPTH}. It is a problem of the
 * definition (an output mapping, a step's condition), never of the call.
 */
public final class JmespathLimitException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  JmespathLimitException(String message) {
    super(message);
  }
}
