package dev.switchboard.mcp.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.agent.AgentCursor;
import dev.switchboard.core.agent.BudgetedPage;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.mcp.confirm.ConfirmationTokens;
import dev.switchboard.mcp.confirm.RequestPreview;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.mcp.tool.ActionTool;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.List;

/**
 * The shapes of tool results. Each carries {@code structuredContent} (matching the tool's output schema, except
 * errors) and one text block that says the same for clients and models that read only text (MCP specification
 * 2025-06-18, "Structured Content": a tool returning structured content should also return it as text).
 *
 * <ul>
 *   <li>listing: {@code {items, count, truncated, next_cursor?}}; text: one summary line, then one compact JSON
 *       item per line;</li>
 *   <li>single: {@code {result}}; text: the result as compact JSON, or for an empty result ({@code null} or
 *       {@code {}}) a sentence saying that the action succeeded;</li>
 *   <li>confirmation: {@code {confirmation: {token, expires_in_seconds, request}}}; text: what would be sent and
 *       how to confirm;</li>
 *   <li>error ({@code isError: true}): {@code {error: {category, message, status?, error_code?, error_summary?,
 *       error_causes?, request_id?, field?, outcome_unknown?, retryable}}}; text: {@code Error (category): message}
 *       ({@code outcome_unknown: true} when the call may have taken effect: the message says to check before
 *       retrying, and it is never retryable). Categories are
 *       {@link dev.switchboard.core.error.ErrorCategory#wireName()}s, plus {@code not_confirmed} (a destructive call
 *       the user declined or could not be asked about) and {@code internal} (a bug; details only in the server's
 *       log).</li>
 * </ul>
 */
public final class ToolResults {
  /** The category of a destructive call that was not confirmed. */
  public static final String NOT_CONFIRMED = "not_confirmed";
  /** The category of an internal error. */
  public static final String INTERNAL = "internal";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ToolResults() {}

  /**
   * A listing's reply.
   *
   * @param tool the tool
   * @param page the budgeted page
   * @return the result
   */
  public static CallToolResult listing(ActionTool tool, BudgetedPage page) {
    ObjectNode structured = F.objectNode();
    structured.set("items", page.items());
    structured.put("count", page.items().size());
    structured.put("truncated", page.truncated());
    page.nextCursor().ifPresent(c -> structured.put(AgentCursor.INPUT, c));
    int n = page.items().size();
    StringBuilder text = new StringBuilder().append(n).append(n == 1 ? " item" : " items").append(" from ").append(tool.plan().id());
    if (!page.truncated() && page.nextCursor().isPresent()) {
      text.append("; that is all for now. To poll for newer ones later, call ").append(tool.name())
          .append(" with the same arguments plus \"next_cursor\": \"").append(page.nextCursor().get()).append("\".");
    } else if (!page.truncated()) {
      text.append("; that is all.");
    } else if (page.nextCursor().isPresent()) {
      text.append("; more exist. To continue, call ").append(tool.name())
          .append(" with the same arguments plus \"next_cursor\": \"").append(page.nextCursor().get()).append("\".");
    } else {
      text.append("; more exist, but this action cannot continue from here: narrow the arguments.");
    }
    for (JsonNode item : page.items()) {
      text.append('\n').append(json(item));
    }
    return CallToolResult.builder().content(List.of(new TextContent(text.toString()))).structuredContent(structured)
        .isError(false).build();
  }

  /**
   * A single result.
   *
   * @param tool the tool
   * @param result the action's result
   * @return the result
   */
  public static CallToolResult single(ActionTool tool, ActionResult result) {
    JsonNode output = result.output() == null || result.output().isMissingNode() ? NullNode.getInstance() : result.output();
    ObjectNode structured = F.objectNode();
    structured.set("result", output);
    String text = output.isNull() || (output.isObject() && output.isEmpty()) ? done(tool, result.status(), output) : json(output);
    return CallToolResult.builder().content(List.of(new TextContent(text))).structuredContent(structured).isError(false).build();
  }

  /**
   * Says what a call that answered nothing to show did: {@code null} (no content) or {@code {}} (how Okta answers a
   * lifecycle operation such as suspend) read as "nothing happened" to a model, when they are the service's
   * confirmation that the action was carried out.
   */
  static String done(ActionTool tool, int status, JsonNode output) {
    return "Done: " + tool.plan().definition().title() + " (" + tool.plan().id() + ") succeeded; "
        + tool.plan().connector().title() + " answered " + status + (output.isNull() ? " with no content" : " with an empty result {}")
        + ", its confirmation that the action was carried out.";
  }

  /**
   * The first step of a two-step destructive call: nothing was sent.
   *
   * @param tool the tool
   * @param preview what the call would send
   * @param token the one-time token
   * @param ttl how long the token lives
   * @return the result
   */
  public static CallToolResult confirmation(ActionTool tool, RequestPreview preview, String token, Duration ttl) {
    ObjectNode structured = F.objectNode();
    ObjectNode confirmation = structured.putObject("confirmation");
    confirmation.put("token", token);
    confirmation.put("expires_in_seconds", ttl.toSeconds());
    confirmation.set("request", preview.toJson());
    String text = "Confirmation needed; nothing has been changed. " + tool.name() + " would " + (preview.method().isPresent()
        ? "send " : "run ") + preview.requestLine() + " on " + preview.connector() + " with inputs " + json(preview.inputs()) + ". Show this to the user; if they agree,"
        + " call " + tool.name() + " again with the same arguments plus \"" + ConfirmationTokens.INPUT + "\": \"" + token
        + "\" within " + ttl.toSeconds() + " seconds. The token works once.";
    return CallToolResult.builder().content(List.of(new TextContent(text))).structuredContent(structured).isError(false).build();
  }

  /**
   * A failed call.
   *
   * @param error the error, already scrubbed of secrets
   * @return the result, {@code isError: true}
   */
  public static CallToolResult error(ActionError error) {
    ObjectNode body = F.objectNode();
    body.put("category", error.category().wireName());
    body.put("message", error.getMessage());
    if (error.status() > 0) {
      body.put("status", error.status());
    }
    error.errorCode().ifPresent(v -> body.put("error_code", v));
    error.errorSummary().ifPresent(v -> body.put("error_summary", v));
    if (!error.errorCauses().isEmpty()) {
      error.errorCauses().forEach(body.putArray("error_causes")::add);
    }
    error.requestId().ifPresent(v -> body.put("request_id", v));
    error.field().ifPresent(v -> body.put("field", v));
    if (error.outcomeUnknown()) {
      body.put("outcome_unknown", true);
    }
    body.put("retryable", error.retryable());
    return failure(body, "Error (" + error.category().wireName() + "): " + error.getMessage());
  }

  /**
   * A failure that is not an action's error: {@value #NOT_CONFIRMED} or {@value #INTERNAL}.
   *
   * @param category the category
   * @param message what happened and what to do, for a person or a model
   * @return the result, {@code isError: true}
   */
  public static CallToolResult failure(String category, String message) {
    ObjectNode body = F.objectNode();
    body.put("category", category);
    body.put("message", message);
    body.put("retryable", false);
    return failure(body, "Error (" + category + "): " + message);
  }

  private static CallToolResult failure(ObjectNode error, String text) {
    ObjectNode structured = F.objectNode();
    structured.set("error", error);
    return CallToolResult.builder().content(List.of(new TextContent(text))).structuredContent(structured).isError(true).build();
  }

  static String json(JsonNode node) {
    try {
      return McpJson.objectMapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree cannot be written", e);
    }
  }
}
