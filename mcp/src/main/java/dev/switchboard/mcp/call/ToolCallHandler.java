package dev.switchboard.mcp.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.agent.AgentCursor;
import dev.switchboard.core.agent.BudgetedPage;
import dev.switchboard.core.agent.BudgetedPager;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.run.CallOptions;
import dev.switchboard.mcp.confirm.ConfirmationStore;
import dev.switchboard.mcp.confirm.RequestPreview;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.mcp.tool.ActionTool;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs tool calls. For each call: the arguments become the action's inputs and are checked against its schema
 * (a bad one is an {@code isError} result naming the field, and nothing is sent); a destructive tool is
 * confirmed (elicitation, or the two-step token); a listing goes through the {@link BudgetedPager}; anything
 * else runs once. Every failure is an {@code isError} result ({@link ToolResults}); none carries a stack trace,
 * and every message passes through the engine's redactor.
 *
 * <p>One line per call goes to the log (tool, outcome, milliseconds), never arguments or results. Thread-safe.
 */
public final class ToolCallHandler {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Engine engine;
  private final BudgetedPager pager;
  private final ConfirmationStore tokens;
  private final PrintWriter log;

  /**
   * Creates a handler.
   *
   * @param engine the engine that runs actions
   * @param pager the pager that cuts listings to the budget
   * @param tokens the store of confirmation tokens
   * @param log where one line per call goes (stderr for the CLI)
   */
  public ToolCallHandler(Engine engine, BudgetedPager pager, ConfirmationStore tokens, PrintWriter log) {
    this.engine = Objects.requireNonNull(engine);
    this.pager = Objects.requireNonNull(pager);
    this.tokens = Objects.requireNonNull(tokens);
    this.log = Objects.requireNonNull(log);
  }

  /**
   * Runs one call.
   *
   * @param tool the tool called
   * @param exchange the MCP exchange (client capabilities, session, elicitation)
   * @param request the call
   * @return the result; failures are results with {@code isError: true}
   */
  public CallToolResult call(ActionTool tool, McpSyncServerExchange exchange, CallToolRequest request) {
    return call(tool, exchange, request, CallOptions.DEFAULT);
  }

  /**
   * Runs one call with per-call options, such as an observer of its HTTP exchanges for a run record.
   *
   * @param tool the tool called
   * @param exchange the MCP exchange (client capabilities, session, elicitation)
   * @param request the call
   * @param options given to every upstream request the call makes
   * @return the result; failures are results with {@code isError: true}
   */
  public CallToolResult call(ActionTool tool, McpSyncServerExchange exchange, CallToolRequest request, CallOptions options) {
    long start = System.nanoTime();
    CallToolResult result;
    String outcome;
    try {
      Outcome o = run(tool, exchange, request, options);
      result = o.result;
      outcome = o.summary;
    } catch (ActionError e) {
      ActionError scrubbed = e.scrubbed(engine.redactor()::scrub);
      result = ToolResults.error(scrubbed);
      outcome = "error " + scrubbed.category().wireName() + scrubbed.field().map(f -> " (" + f + ")").orElse("");
    } catch (RuntimeException e) {
      log.println("switchboard mcp: " + tool.name() + ": internal error " + e.getClass().getName() + ": "
          + engine.redactor().scrub(String.valueOf(e.getMessage())));
      result = ToolResults.failure(ToolResults.INTERNAL, tool.plan().id() + " failed inside Switchboard (a bug, not your"
          + " input); the server's log has the details.");
      outcome = "error " + ToolResults.INTERNAL;
    }
    log.println("switchboard mcp: " + tool.name() + " " + outcome + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
    log.flush();
    return result;
  }

  private record Outcome(CallToolResult result, String summary) {}

  private Outcome run(ActionTool tool, McpSyncServerExchange exchange, CallToolRequest request, CallOptions options) {
    ActionPlan plan = tool.plan();
    ObjectNode arguments = request.arguments() == null ? F.objectNode()
        : McpJson.objectMapper().valueToTree(request.arguments());
    Optional<String> cursor = tool.listing() ? text(plan, arguments, AgentCursor.INPUT) : Optional.empty();
    Optional<String> token = tool.confirms() ? text(plan, arguments, ConfirmationStore.INPUT) : Optional.empty();
    tool.hiddenCursorInput().filter(arguments::has).ifPresent(c -> {
      throw ActionError.builder(ErrorCategory.VALIDATION, plan.id(), "input '" + c + "' is managed by Switchboard here: to"
          + " continue a listing, pass the next_cursor of the previous result").field(c).build();
    });
    Map<String, JsonNode> inputs = new LinkedHashMap<>();
    arguments.fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue()));
    ObjectNode bound = plan.bind(inputs);

    if (tool.confirms()) {
      String session = Objects.toString(exchange.sessionId(), "stdio");
      if (supportsElicitation(exchange)) {
        Optional<String> refused = elicit(tool, exchange, RequestPreview.of(plan, bound, engine.redactor()::scrub));
        if (refused.isPresent()) {
          return new Outcome(ToolResults.failure(ToolResults.NOT_CONFIRMED, refused.get()), "error " + ToolResults.NOT_CONFIRMED);
        }
      } else if (token.isPresent()) {
        tokens.redeem(token.get(), plan.id(), tool.name(), AgentCursor.digest(arguments), session);
      } else {
        RequestPreview preview = RequestPreview.of(plan, bound, engine.redactor()::scrub);
        String issued = tokens.issue(tool.name(), AgentCursor.digest(arguments), session);
        return new Outcome(ToolResults.confirmation(tool, preview, issued, tokens.ttl()), "awaits confirmation");
      }
    }

    if (tool.listing()) {
      BudgetedPage page = pager.fetch(plan, inputs, cursor, options);
      return new Outcome(ToolResults.listing(tool, page), "ok (" + page.items().size() + " items"
          + (page.truncated() ? ", truncated" : "") + ", " + page.requests() + (page.requests() == 1 ? " request)" : " requests)"));
    }
    try (Stream<ActionResult> pages = engine.pages(plan, inputs, options)) {
      Iterator<ActionResult> it = pages.iterator();
      ActionResult first = it.next();
      return new Outcome(ToolResults.single(tool, first), "ok (HTTP " + first.status() + ")");
    }
  }

  /** Removes a reserved argument, which must be a string. */
  private static Optional<String> text(ActionPlan plan, ObjectNode arguments, String name) {
    JsonNode value = arguments.remove(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ActionError.builder(ErrorCategory.VALIDATION, plan.id(), "input '" + name + "' must be a string, as a previous"
          + " result gave it; got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)).field(name).build();
    }
    return Optional.of(value.asText());
  }

  /**
   * Tells whether the client can be asked for a form (MCP elicitation, specification 2025-06-18 and later): it
   * declared {@code elicitation}, either empty (form mode, as in 2025-06-18) or with {@code form}.
   */
  static boolean supportsElicitation(McpSyncServerExchange exchange) {
    McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
    if (capabilities == null || capabilities.elicitation() == null) {
      return false;
    }
    McpSchema.ClientCapabilities.Elicitation e = capabilities.elicitation();
    return e.form() != null || e.url() == null;
  }

  /** Asks the client's user; returns why the call must not run, or empty when the user agreed. */
  private Optional<String> elicit(ActionTool tool, McpSyncServerExchange exchange, RequestPreview preview) {
    String message = tool.descriptor().title() + " would " + (preview.method().isPresent() ? "send " : "run ")
        + preview.requestLine() + " on " + preview.connector()
        + " with inputs " + ToolResults.json(preview.inputs()) + ". This is destructive. Run it?";
    Map<String, Object> confirm = new LinkedHashMap<>();
    confirm.put("type", "boolean");
    confirm.put("title", "Run " + tool.name());
    confirm.put("description", "Check to run " + tool.name() + " now.");
    confirm.put("default", false);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("confirm", confirm));
    schema.put("required", java.util.List.of("confirm"));
    McpSchema.ElicitResult answer;
    try {
      answer = exchange.createElicitation(McpSchema.ElicitFormRequest.builder(engine.redactor().scrub(message), schema).build());
    } catch (RuntimeException e) {
      return Optional.of("the user could not be asked to confirm " + tool.name() + " (" + engine.redactor().scrub(
          String.valueOf(e.getMessage())) + "); nothing was changed.");
    }
    if (answer == null || answer.action() != McpSchema.ElicitResult.Action.ACCEPT) {
      String what = answer == null ? "did not answer" : answer.action() == McpSchema.ElicitResult.Action.DECLINE ? "declined" : "cancelled";
      return Optional.of("the user " + what + " " + tool.name() + "; nothing was changed. Do not retry unless the user asks.");
    }
    Object checked = answer.content() == null ? null : answer.content().get("confirm");
    if (!Boolean.TRUE.equals(checked)) {
      return Optional.of("the user did not check 'confirm' for " + tool.name() + "; nothing was changed.");
    }
    return Optional.empty();
  }
}
