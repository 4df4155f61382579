package dev.switchboard.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one JMESPath evaluation may build, checked as each value is made. A value's size is counted as it would be
 * written out (a subtree used twice counts twice, since JSON output, scrubbing and copying all expand it): one unit
 * per node, plus one per {@value #CHARS_PER_UNIT} characters of a string. A value over the limit, or nested deeper
 * than {@value #MAX_DEPTH}, ends the evaluation with a {@link JmespathLimitException}. The limit is
 * {@value #BASE_UNITS} units, or four times the input's size when that is more (measured only when the base is
 * passed, so ordinary evaluations never walk their input).
 *
 * <p>A key counts as a string does (an input's key can be long, and each copy of its object writes it again). Sizes
 * of the containers an evaluation built are remembered by identity (those of more than {@value #REMEMBERED_OVER}
 * units), so a value built from shared parts is sized in time proportional to the parts, not to what they expand to. One budget per evaluation, held by the evaluating thread.
 */
final class BuildBudget {
  /** The units any evaluation may build, whatever its input. */
  static final long BASE_UNITS = 1_000_000;
  /** Characters of a string per unit. */
  static final int CHARS_PER_UNIT = 16;
  /** Strings shorter than this are under any limit by themselves, so building one needs no check. */
  static final int SHORTEST_STRING_CHECKED = (int) ((BASE_UNITS - 1) * CHARS_PER_UNIT);
  /** The deepest nesting a built value may have (Jackson reads no deeper by default). */
  static final int MAX_DEPTH = 1000;
  /** Containers smaller than this are sized again when used; larger ones are remembered. */
  private static final long REMEMBERED_OVER = 64;

  /** Each thread's budget, reused from one evaluation to the next (an evaluation is thread-confined). */
  private static final ThreadLocal<BuildBudget> CURRENT = ThreadLocal.withInitial(BuildBudget::new);

  private JsonNode input;
  private int open;
  private long limit = BASE_UNITS;
  private boolean scaled;
  private Map<JsonNode, Long> sizes;

  private BuildBudget() {}

  /**
   * Starts an evaluation under this thread's budget; an evaluation inside another (a function's expression argument)
   * shares the outer one's. Every {@code enter} is followed by one {@link #leave()}.
   *
   * @param input the evaluation's input, whose size can raise the limit
   * @return the budget, to leave when the evaluation ends
   */
  static BuildBudget enter(JsonNode input) {
    BuildBudget budget = CURRENT.get();
    if (budget.open++ == 0) {
      budget.input = input;
      budget.limit = BASE_UNITS;
      budget.scaled = false;
      budget.sizes = null;
    }
    return budget;
  }

  /** Ends an evaluation started with {@link #enter}; the outermost one forgets what it measured. */
  void leave() {
    if (--open == 0) {
      input = null;
      sizes = null;
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
    if (budget.open > 0) {
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
    long size = size(built, 0);
    if (depth(size) > MAX_DEPTH) {
      throw new JmespathLimitException("the expression builds a value nested more than " + MAX_DEPTH + " deep");
    }
    if (units(size) > limit && !scaled) {
      scaled = true;
      limit = Math.max(BASE_UNITS, 4 * units(size(input, 0)));
    }
    if (units(size) > limit) {
      throw new JmespathLimitException(String.format(Locale.ROOT, "the expression builds more than %,d units (a node is"
          + " one, a string one more per %d characters, a part used twice counts twice; the limit is %,d or four times"
          + " the input); it likely repeats a value at each step, such as {a: @, b: @} or [@, @] in a pipe",
          limit, CHARS_PER_UNIT, BASE_UNITS));
    }
  }

  /** Bits of a packed size that hold the units; the depth is above them. */
  private static final int UNIT_BITS = 52;
  private static final long MAX_UNITS = (1L << UNIT_BITS) - 1;

  private static long pack(long units, long depth) {
    return (Math.min(depth, MAX_DEPTH + 1L) << UNIT_BITS) | Math.min(units, MAX_UNITS);
  }

  private static long units(long size) {
    return size & MAX_UNITS;
  }

  private static long depth(long size) {
    return size >>> UNIT_BITS;
  }

  /**
   * Returns a value's size in units and its depth, packed in one long (so sizing allocates nothing), stopping early
   * once it is deeper than the limit.
   */
  private long size(JsonNode node, int depth) {
    if (node == null || !node.isContainerNode()) {
      return pack(node != null && node.isTextual() ? 1 + node.textValue().length() / CHARS_PER_UNIT : 1, 1);
    }
    if (node.isEmpty()) {
      return pack(1, 1);
    }
    Long known = sizes == null ? null : sizes.get(node);
    if (known != null) {
      return known;
    }
    if (depth > MAX_DEPTH) {
      return pack(1, MAX_DEPTH + 1L);
    }
    long units = 1;
    long deepest = 0;
    for (JsonNode child : node) {
      long c = size(child, depth + 1);
      units = Math.min(MAX_UNITS, units + units(c));
      deepest = Math.max(deepest, depth(c));
    }
    if (node.isObject()) {
      for (var names = node.fieldNames(); names.hasNext(); ) {
        units = Math.min(MAX_UNITS, units + names.next().length() / CHARS_PER_UNIT);
      }
    }
    long size = pack(units, deepest + 1);
    if (units > REMEMBERED_OVER) {
      if (sizes == null) {
        sizes = new IdentityHashMap<>();
      }
      sizes.put(node, size);
    }
    return size;
  }
}
