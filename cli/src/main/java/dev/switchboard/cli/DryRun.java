package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Transport;
import dev.switchboard.mcp.confirm.RequestPreview;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code run --dry-run}: prints the request an action would send, and sends nothing. The action runs through the
 * engine as any call does (settings, base URL, secrets, authentication, every link of the chain), with a transport
 * that keeps the first request that reaches the wire instead of sending it, so what is printed is what would be
 * sent: the request line with the whole URL, every header, and the body, with secrets replaced by
 * {@value Redactor#MASK} (the redactor's registered values, and the whole credential of an authorization header).
 *
 * <p>A compound action ({@code steps:}) is listed step by step, since its later requests depend on the answers to
 * earlier ones, followed by the request of its first step. For a connector with OAuth client credentials, the first
 * request is the token request (the action's own follows with the token); the output says so.
 */
final class DryRun {
  private DryRun() {}

  /** What the transport throws instead of sending: the request as it would have gone. */
  private static final class Caught extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Request request;

    Caught(Request request) {
      super("dry run: not sent", null, false, false);
      this.request = request;
    }
  }

  /** {@return a transport that sends nothing: it keeps the first request and ends the call} */
  static Transport transport() {
    return (request, timeout) -> {
      throw new Caught(request);
    };
  }

  /**
   * Runs the action on an engine built with {@link #transport()} and prints what it would send.
   *
   * @param engine the engine, whose transport is {@link #transport()}
   * @param plan the action
   * @param inputs the inputs, already checked
   * @param bound the inputs with defaults, for the steps of a compound action
   * @param out where the request goes
   */
  static void print(Engine engine, ActionPlan plan, Map<String, JsonNode> inputs, ObjectNode bound, PrintWriter out) {
    Redactor redactor = engine.redactor();
    if (plan.definition().compound()) {
      RequestPreview preview = RequestPreview.of(plan, bound, redactor::scrub);
      out.println("# " + plan.id() + " runs these steps in order; the later requests depend on the answers to the earlier ones:");
      preview.steps().forEach(step -> out.println("#   " + step));
      out.println("# inputs: " + preview.inputs());
    }
    Optional<Request> first = firstRequest(engine, plan, inputs);
    if (first.isEmpty()) {
      out.println("# " + plan.id() + " would send no request with these inputs");
      out.flush();
      return;
    }
    if (plan.connector().auth() instanceof AuthConfig.OAuth2ClientCredentials) {
      out.println("# the first request fetches an OAuth access token; the action's own request follows with it");
    } else if (plan.definition().compound()) {
      out.println("# the first step's request:");
    }
    Request request = first.get();
    out.println(request.method() + " " + Main.printable(redactor.scrub(request.uri().toString())));
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      for (String value : header.getValue()) {
        out.println(header.getKey() + ": " + Main.printable(shown(plan, header.getKey(), value, redactor)));
      }
    }
    if (request.body().length > 0) {
      out.println();
      out.println(Main.printable(redactor.scrub(new String(request.body(), StandardCharsets.UTF_8))));
    }
    out.flush();
  }

  private static Optional<Request> firstRequest(Engine engine, ActionPlan plan, Map<String, JsonNode> inputs) {
    try (Stream<ActionResult> pages = engine.pages(plan, inputs)) {
      pages.findFirst();
      return Optional.empty();
    } catch (Caught caught) {
      return Optional.of(caught.request);
    }
  }

  /** A header's value as printed: scrubbed, and for a credential header only its scheme word. */
  private static String shown(ActionPlan plan, String name, String value, Redactor redactor) {
    boolean credential = name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
        || (plan.connector().auth() instanceof AuthConfig.ApiKey key && key.placement() == AuthConfig.Placement.HEADER
            && key.name().equalsIgnoreCase(name));
    if (!credential) {
      return redactor.scrub(value);
    }
    int space = value.indexOf(' ');
    String scheme = space > 0 ? value.substring(0, space) : "";
    boolean schemeWord = !scheme.isEmpty() && scheme.length() <= 20 && scheme.chars().allMatch(Character::isLetterOrDigit);
    return schemeWord ? scheme + " " + Redactor.MASK : Redactor.MASK;
  }
}
