package dev.switchboard.mcp.confirm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.Step;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.transport.Request;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a destructive call would do, shown before it runs. For an HTTP action: the method, the path and query as
 * the action renders them from the inputs (each value encoded as it would be on the wire), and the inputs. For a
 * compound action, whose later requests depend on earlier answers: its steps (each step's action with its
 * method and path template, condition, or failure), and the inputs. It holds no credentials (they are added
 * after rendering, by the connector's authenticator) and no base URL, and every text passes through the
 * engine's redactor.
 *
 * @param connector the connector's title, such as {@code Okta}
 * @param action the action reference, such as {@code okta.delete_user}
 * @param method the HTTP method; empty for a compound action
 * @param path the rendered path, without the connector's base URL; empty for a compound action
 * @param query the rendered query string, when there is one
 * @param steps a compound action's steps, one line each, such as
 *     {@code okta.delete_user_request: DELETE /api/v1/users/{{id}}}; empty for an HTTP action
 * @param inputs the bound inputs (given values plus defaults)
 */
public record RequestPreview(String connector, String action, Optional<String> method, Optional<String> path,
    Optional<String> query, List<String> steps, ObjectNode inputs) {

  /**
   * Renders the preview of a call.
   *
   * @param plan the action
   * @param bound the inputs from {@link ActionPlan#bind}
   * @param scrub the redactor's scrub function
   * @return the preview
   * @throws dev.switchboard.core.error.ActionError when an input cannot be placed where the action puts it (the
   *     same error the call itself would give)
   */
  public static RequestPreview of(ActionPlan plan, ObjectNode bound, UnaryOperator<String> scrub) {
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    bound.fields().forEachRemaining(e -> inputs.set(e.getKey(),
        e.getValue().isTextual() ? JsonNodeFactory.instance.textNode(scrub.apply(e.getValue().asText())) : e.getValue()));
    String connector = plan.connector().title();
    if (plan.definition().compound()) {
      List<String> steps = new ArrayList<>();
      for (Step step : plan.definition().steps()) {
        String when = step.when().map(w -> "if " + w + ": ").orElse("");
        if (step.kind() instanceof Step.Run run) {
          String target = plan.connector().actions().stream().filter(a -> a.name().equals(run.action())).findFirst()
              .map(RequestPreview::requestTemplate).orElse("");
          steps.add(when + plan.connector().name() + "." + run.action() + (target.isEmpty() ? "" : ": " + target));
        } else if (step.kind() instanceof Step.Fail fail) {
          steps.add(when + "stop with a " + fail.category() + " error");
        } else {
          steps.add(when + "return the result");
        }
      }
      return new RequestPreview(connector, plan.id(), Optional.empty(), Optional.empty(), Optional.empty(),
          List.copyOf(steps), inputs);
    }
    Request request = plan.render(bound, URI.create("https://" + plan.connector().name().replace('_', '-') + ".invalid"),
        JsonNodeFactory.instance.objectNode());
    return new RequestPreview(connector, plan.id(), Optional.of(plan.definition().method()),
        Optional.of(scrub.apply(request.uri().getRawPath())), Optional.ofNullable(request.uri().getRawQuery()).map(scrub),
        List.of(), inputs);
  }

  private static String requestTemplate(ActionDefinition action) {
    return action.compound() ? "" : action.method() + " " + action.path().source();
  }

  /**
   * {@return what the call would do, in one line: the request line, such as {@code DELETE /api/v1/users/00u1},
   * or for a compound action its steps}
   */
  public String requestLine() {
    if (method.isPresent()) {
      return method.get() + " " + path.orElse("") + query.map(q -> "?" + q).orElse("");
    }
    return "the steps of " + action + " (" + String.join("; ", steps) + ")";
  }

  /** {@return the preview as JSON: {@code {connector, action, method, path, query?, inputs}}, or {@code {connector, action, steps, inputs}}} */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("connector", connector);
    out.put("action", action);
    method.ifPresent(m -> out.put("method", m));
    path.ifPresent(p -> out.put("path", p));
    query.ifPresent(q -> out.put("query", q));
    if (!steps.isEmpty()) {
      ArrayNode list = out.putArray("steps");
      steps.forEach(list::add);
    }
    out.set("inputs", inputs.deepCopy());
    return out;
  }
}
