package dev.switchboard.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Adapter;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.FunctionArgument;
import io.burt.jmespath.function.FunctionRegistry;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one JMESPath runtime of Switchboard (https://jmespath.org/specification.html, evaluated by
 * io.burt:jmespath-jackson), with the standard functions plus {@code lower(string)} and {@code upper(string)}
 * (case-insensitive comparisons, such as Okta logins). Compiled expressions are cached; thread-safe.
 *
 * <p>Every evaluation of a compiled expression runs under a {@link BuildBudget}: an expression that would build a
 * value larger than the budget (as written out) or nested deeper than it allows fails with a
 * {@link JmespathLimitException} as soon as it passes it, and one nested too deeply to evaluate fails with an
 * {@link IllegalArgumentException}, never a {@link StackOverflowError}.
 */
public final class Jmespath {
  private static final JacksonRuntime RUNTIME = new BudgetedRuntime(new RuntimeConfiguration.Builder()
      .withFunctionRegistry(FunctionRegistry.defaultRegistry().extend(new CaseFunction("lower", true), new CaseFunction("upper", false)))
      .build());
  private static final Map<String, Expression<JsonNode>> CACHE = new ConcurrentHashMap<>();

  private Jmespath() {}

  /**
   * Compiles an expression (cached).
   *
   * @param expression the JMESPath text
   * @return the compiled expression; its evaluations run under a {@link BuildBudget} and fail with a
   *     {@link JmespathLimitException} past it, or an {@link IllegalArgumentException} when nested too deeply
   * @throws io.burt.jmespath.JmesPathException when it does not parse
   * @throws IllegalArgumentException when it nests too deeply to compile (a definition error, never a crash)
   */
  public static Expression<JsonNode> compile(String expression) {
    Expression<JsonNode> cached = CACHE.get(expression);
    if (cached != null) {
      return cached;
    }
    Expression<JsonNode> parsed;
    try {
      parsed = RUNTIME.compile(expression);
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("the expression nests too deeply");
    }
    Expression<JsonNode> compiled = new Budgeted(parsed);
    if (CACHE.size() < 10_000) {
      CACHE.put(expression, compiled);
    }
    return compiled;
  }

  /**
   * Evaluates an expression.
   *
   * @param expression the JMESPath text
   * @param input the data
   * @return the result (a null node for no match)
   * @throws RuntimeException (io.burt's type errors) when a function gets an argument of the wrong type
   */
  public static JsonNode search(String expression, JsonNode input) {
    return compile(expression).search(input);
  }

  /** A compiled expression whose every evaluation runs under this thread's {@link BuildBudget}. */
  private record Budgeted(Expression<JsonNode> parsed) implements Expression<JsonNode> {
    @Override
    public JsonNode search(JsonNode input) {
      BuildBudget budget = BuildBudget.enter(input);
      try {
        return parsed.search(input);
      } catch (StackOverflowError e) {
        throw new IllegalArgumentException("the expression or its input nests too deeply to evaluate");
      } finally {
        budget.leave();
      }
    }
  }

  /** Jackson's runtime with every value it builds, and every value {@code to_string} writes, checked by the budget. */
  private static final class BudgetedRuntime extends JacksonRuntime {
    BudgetedRuntime(RuntimeConfiguration configuration) {
      super(configuration);
    }

    @Override
    public JsonNode createArray(Collection<JsonNode> elements) {
      return BuildBudget.admit(super.createArray(elements));
    }

    @Override
    public JsonNode createObject(Map<JsonNode, JsonNode> object) {
      return BuildBudget.admit(super.createObject(object));
    }

    @Override
    public JsonNode createString(String text) {
      JsonNode string = super.createString(text);
      return text.length() < BuildBudget.SHORTEST_STRING_CHECKED ? string : BuildBudget.admit(string);
    }

    @Override
    public String toString(JsonNode value) {
      if (!value.isTextual()) {
        BuildBudget.checkWritten(value);
      }
      return super.toString(value);
    }
  }

  private static final class CaseFunction extends BaseFunction {
    private final boolean lower;

    CaseFunction(String name, boolean lower) {
      super(name, ArgumentConstraints.typeOf(JmesPathType.STRING));
      this.lower = lower;
    }

    @Override
    protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
      String text = runtime.toString(arguments.get(0).value());
      return runtime.createString(lower ? text.toLowerCase(Locale.ROOT) : text.toUpperCase(Locale.ROOT));
    }
  }
}
