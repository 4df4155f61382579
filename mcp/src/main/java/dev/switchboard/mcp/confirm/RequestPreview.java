package dev.switchboard.mcp.confirm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.transport.Request;
import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a destructive call would send, shown before it runs: the method, the path and query as the action
 * renders them from the inputs (each value encoded as it would be on the wire), and the inputs. It holds no
 * credentials (they are added after rendering, by the connector's authenticator) and no base URL, and every
 * text passes through the engine's redactor.
 *
 * @param connector the connector's title, such as {@code Okta}
 * @param method the HTTP method
 * @param path the rendered path, without the connector's base URL
 * @param query the rendered query string, when there is one
 * @param inputs the bound inputs (given values plus defaults)
 */
public record RequestPreview(String connector, String method, String path, Optional<String> query, ObjectNode inputs) {

  /**
   * Renders the preview of a call.
   *
   * @param plan the action
   * @param bound the inputs from {@link ActionPlan#bind}
   * @param scrub the redactor's scrub function
   * @return the preview
   * @throws dev.switchboard.core.run.ActionError when an input cannot be placed where the action puts it (the
   *     same error the call itself would give)
   */
  public static RequestPreview of(ActionPlan plan, ObjectNode bound, UnaryOperator<String> scrub) {
    Request request = plan.render(bound, URI.create("https://" + plan.connector().name().replace('_', '-') + ".invalid"),
        JsonNodeFactory.instance.objectNode());
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    bound.fields().forEachRemaining(e -> inputs.set(e.getKey(),
        e.getValue().isTextual() ? JsonNodeFactory.instance.textNode(scrub.apply(e.getValue().asText())) : e.getValue()));
    return new RequestPreview(plan.connector().title(), plan.definition().method(), scrub.apply(request.uri().getRawPath()),
        Optional.ofNullable(request.uri().getRawQuery()).map(scrub), inputs);
  }

  /** {@return the request line, such as {@code DELETE /api/v1/users/00u1}} */
  public String requestLine() {
    return method + " " + path + query.map(q -> "?" + q).orElse("");
  }

  /** {@return the preview as JSON: {@code {connector, method, path, query?, inputs}}} */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("connector", connector);
    out.put("method", method);
    out.put("path", path);
    query.ifPresent(q -> out.put("query", q));
    out.set("inputs", inputs.deepCopy());
    return out;
  }
}
