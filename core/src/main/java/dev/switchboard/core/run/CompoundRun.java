package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.Step;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.output.Jmespath;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.template.Escaper;
import dev.switchboard.core.transport.CallStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a compound action's steps in order: each step's condition is a JMESPath expression over the scope (the
 * inputs, then each named step's output); an action step runs another action of the connector with inputs built
 * from the scope; a fail step ends with an error; a result step ends with a value. The output is the result, or
 * the last action step's output, mapped by the compound's own output block. One instance per call.
 */
final class CompoundRun {
  private final ActionPlan plan;
  private final Function<String, ActionPlan> actions;
  private final BiFunction<ActionPlan, Map<String, JsonNode>, ActionResult> firstPage;
  private final Redactor redactor;
  private final List<String> done = new ArrayList<>();
  private JsonNode result = NullNode.getInstance();
  private String requestId;
  private int status = 200;
  private long requests;
  private long retries;
  private long limited;
  private long rateWait;
  private long backoff;

  /**
   * @param plan the compound action
   * @param actions finds an action of the same connector by its name, such as {@code get_user}
   * @param firstPage runs an action and returns its first page
   * @param redactor scrubs the result and every error
   */
  CompoundRun(ActionPlan plan, Function<String, ActionPlan> actions,
      BiFunction<ActionPlan, Map<String, JsonNode>, ActionResult> firstPage, Redactor redactor) {
    this.plan = plan;
    this.actions = actions;
    this.firstPage = firstPage;
    this.redactor = redactor;
  }

  /**
   * Runs the steps.
   *
   * @param bound the compound's bound inputs
   * @return its one result
   * @throws ActionError scrubbed, naming the step that failed and the steps that had already changed something
   */
  ActionResult run(ObjectNode bound) {
    long start = System.nanoTime();
    ObjectNode scope = bound.deepCopy();
    List<Step> steps = plan.definition().steps();
    try {
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        if (step.when().isPresent() && !truthy(search(i, step.when().get(), scope))) {
          continue;
        }
        int index = i;
        boolean end = step.kind().accept(new Step.Visitor<Boolean>() {
          @Override
          public Boolean run(Step.Run run) {
            runAction(index, step, run, scope);
            return false;
          }

          @Override
          public Boolean fail(Step.Fail fail) {
            throw CompoundRun.this.fail(fail, scope);
          }

          @Override
          public Boolean result(Step.Result value) {
            result = search(index, value.expression(), scope);
            return true;
          }
        });
        if (end) {
          break;
        }
      }
    } catch (ActionError e) {
      throw e.scrubbed(redactor::scrub);
    }
    JsonNode value = result == null ? NullNode.getInstance() : redactor.scrub(result);
    JsonNode output = plan.output().apply(value);
    return new ActionResult(plan.id(), status, Map.of(), value, output, Optional.ofNullable(requestId),
        (System.nanoTime() - start) / 1_000_000, 1, Optional.empty(), Optional.empty(),
        new CallStats.Snapshot(requests, retries, limited, rateWait, backoff));
  }

  private void runAction(int index, Step step, Step.Run run, ObjectNode scope) {
    ActionPlan target = actions.apply(run.action());
    JsonNode inputs = run.inputs().render(scope).orElseGet(JsonNodeFactory.instance::objectNode);
    Map<String, JsonNode> values = new LinkedHashMap<>();
    inputs.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    ActionResult page;
    try {
      page = firstPage.apply(target, values);
    } catch (ActionError e) {
      String before = done.isEmpty() ? "" : " after " + String.join(", ", done) + " succeeded (those changes stand)";
      throw ActionError.builder(e.category(), plan.id(), plan.id() + ": step " + (index + 1) + " (" + run.action() + ") failed"
              + before + ": " + e.getMessage())
          .status(e.status()).upstream(e.errorCode().orElse(null), e.errorSummary().orElse(null))
          .causes(e.errorCauses()).requestId(e.requestId().orElse(null)).field(e.field().orElse(null))
          .outcomeUnknown(e.outcomeUnknown()).cause(e).build();
    }
    done.add(run.action());
    result = page.output();
    status = page.status();
    requestId = page.requestId().orElse(requestId);
    requests += page.stats().requests();
    retries += page.stats().retries();
    limited += page.stats().rateLimited();
    rateWait += page.stats().rateLimitWaitMs();
    backoff += page.stats().backoffWaitMs();
    step.name().ifPresent(name -> scope.set(name, page.output()));
  }

  private ActionError fail(Step.Fail fail, ObjectNode scope) {
    ErrorCategory category = ErrorCategory.valueOf(fail.category().toUpperCase(Locale.ROOT));
    return ActionError.builder(category, plan.id(), plan.id() + ": " + fail.message().render(scope, Escaper.NONE)
        + (done.isEmpty() ? "" : " (" + String.join(", ", done) + " already ran)")).build();
  }

  private JsonNode search(int step, String expression, JsonNode scope) {
    try {
      return Jmespath.search(expression, scope);
    } catch (RuntimeException e) {
      throw ActionError.builder(ErrorCategory.BAD_DEFINITION, plan.id(), plan.id() + ": step " + (step + 1) + " of "
          + plan.definition().file() + ": the expression '" + expression + "' failed: " + e.getMessage()).build();
    }
  }

  /** JMESPath truthiness: false, null, "", [] and {} are false; everything else is true. */
  private static boolean truthy(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode() && !(value.isBoolean() && !value.booleanValue())
        && !(value.isTextual() && value.asText().isEmpty()) && !(value.isContainerNode() && value.isEmpty());
  }
}
