package dev.switchboard.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one JMESPath evaluation may build, checked as each value is made. A value's size is counted as it would be
 * written out (a subtree used twice counts twice, since JSON output, scrubbing and copying all expand it): one unit
 * per node, plus one per {@value #CHARS_PER_UNIT} characters of a string. A value over the limit, or nested deeper
 * than {@value #MAX_DEPTH}, ends the evaluation with a {@link JmespathLimitException}. The limit is
 * {@value #BASE_UNITS} units, or four times the input's size when that is more (measured only when the base is
 * passed, so ordinary evaluations never walk their input).
 *
 * <p>Sizes of the containers an evaluation built are remembered by identity (those of more than
 * {@value #REMEMBERED_OVER} units), so a value built from shared parts is sized in time proportional to the parts, not
 * to what they expand to. One budget per evaluation, held by the evaluating thread.
 */
final class BuildBudget {
  /** The units any evaluation may build, whatever its input. */
  static final long BASE_UNITS = 1_000_000;
  /** Characters of a string per unit. */
  static final int CHARS_PER_UNIT = 16;
  /** The deepest nesting a built value may have (Jackson reads no deeper by default). */
  static final int MAX_DEPTH = 1000;
  /** Containers smaller than this are sized again when used; larger ones are remembered. */
  private static final long REMEMBERED_OVER = 64;

  private static final ThreadLocal<BuildBudget> CURRENT = new ThreadLocal<>();

  private final JsonNode input;
  private long limit = BASE_UNITS;
  private boolean scaled;
  private Map<JsonNode, long[]> sizes;

  private BuildBudget(JsonNode input) {
    this.input = input;
  }

  /**
   * Runs an evaluation under a budget; an evaluation inside another (a function's expression argument) shares it.
   *
   * @param input the evaluation's input, whose size can raise the limit
   * @param evaluation the evaluation
   * @param <T> its result type
   * @return its result
   */
  static <T> T within(JsonNode input, Supplier<T> evaluation) {
    if (CURRENT.get() != null) {
      return evaluation.get();
    }
    CURRENT.set(new BuildBudget(input));
    try {
      return evaluation.get();
    } finally {
      CURRENT.remove();
    }
  }

  /**
   * Admits a value just built, or ends the evaluation.
   *
   * @param built the value
   * @return the same value
   * @throws JmespathLimitException when it is over the limit
   */
  static JsonNode admit(JsonNode built) {
    BuildBudget budget = CURRENT.get();
    if (budget != null) {
      budget.check(built);
    }
    return built;
  }

  /**
   * Checks a value about to be written out whole (by {@code to_string}), which the evaluation may not have built.
   *
   * @param value the value
   * @throws JmespathLimitException when it is over the limit
   */
  static void checkWritten(JsonNode value) {
    admit(value);
  }

  private void check(JsonNode built) {
    long[] size = size(built, 0);
    if (size[1] > MAX_DEPTH) {
      throw new JmespathLimitException("the expression builds a value nested more than " + MAX_DEPTH + " deep");
    }
    if (size[0] > limit && !scaled) {
      scaled = true;
      limit = Math.max(BASE_UNITS, 4 * size(input, 0)[0]);
    }
    if (size[0] > limit) {
      throw new JmespathLimitException(String.format(Locale.ROOT, "the expression builds more than %,d units (a node is"
          + " one, a string one more per %d characters, a part used twice counts twice; the limit is %,d or four times"
          + " the input); it likely repeats a value at each step, such as {a: @, b: @} or [@, @] in a pipe",
          limit, CHARS_PER_UNIT, BASE_UNITS));
    }
  }

  /** Returns a value's size in units and its depth, stopping early once either is far over the limits. */
  private long[] size(JsonNode node, int depth) {
    if (node == null) {
      return new long[] {1, 1};
    }
    if (node.isTextual()) {
      return new long[] {1 + node.textValue().length() / CHARS_PER_UNIT, 1};
    }
    if (!node.isContainerNode() || node.isEmpty()) {
      return new long[] {1, 1};
    }
    long[] known = sizes == null ? null : sizes.get(node);
    if (known != null) {
      return known;
    }
    if (depth > MAX_DEPTH) {
      return new long[] {1, MAX_DEPTH + 1};
    }
    long units = 1;
    long deepest = 0;
    for (JsonNode child : node) {
      long[] c = size(child, depth + 1);
      units = saturatedAdd(units, c[0]);
      deepest = Math.max(deepest, c[1]);
    }
    if (node.isObject()) {
      for (var names = node.fieldNames(); names.hasNext(); ) {
        units = saturatedAdd(units, names.next().length() / CHARS_PER_UNIT);
      }
    }
    long[] size = {units, deepest + 1};
    if (units > REMEMBERED_OVER) {
      if (sizes == null) {
        sizes = new IdentityHashMap<>();
      }
      sizes.put(node, size);
    }
    return size;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
