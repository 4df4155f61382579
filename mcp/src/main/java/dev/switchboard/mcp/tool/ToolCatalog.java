package dev.switchboard.mcp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.agent.AgentCursor;
import dev.switchboard.core.agent.BudgetedPager;
import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.definition.Annotations;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.definition.Names;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.confirm.ConfirmationTokens;
import dev.switchboard.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools one server offers: the catalog's actions, selected by a {@link ToolSelection}, each described for
 * {@code tools/list}. Immutable.
 *
 * <p>Each descriptor carries the action's title (prefixed with its connector's title), its description (plus
 * a sentence on paging or confirmation where they apply), the input schema of
 * {@link ActionPlan#inputSchema()} (for a listing, the action's cursor input gives way to {@code next_cursor};
 * a tool that confirms gains {@code confirmation_token}), an output schema for its structured content, and the
 * annotations {@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint} from the action's
 * annotations and {@code openWorldHint: true} (every action reaches an outside service). Field meanings are
 * those of the MCP specification, revision 2025-06-18 and later ("Tools").
 */
public final class ToolCatalog {
  /**
   * The longest tool name served: 64. MCP allows 128 characters among {@code A-Z a-z 0-9 _ - .} (specification
   * 2025-11-25, "Tool names"), but clients pass tool names on to model APIs that accept only
   * {@code ^[a-zA-Z0-9_-]{1,64}$} (Anthropic's Messages API, OpenAI's function names), so names are kept to that.
   */
  public static final int MAX_NAME_LENGTH = 64;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAME_LENGTH + "}");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Map<String, ActionTool> tools;
  private final List<String> leftOut;

  private ToolCatalog(Map<String, ActionTool> tools, List<String> leftOut) {
    this.tools = tools;
    this.leftOut = leftOut;
  }

  /**
   * Describes and selects the catalog's actions.
   *
   * @param catalog the actions
   * @param selection which to offer
   * @param budget the output budget listings are cut to (for their descriptions)
   * @param confirmation whether destructive tools ask first
   * @return the tools, in catalog order
   * @throws IllegalArgumentException when two actions would share a tool name, a name breaks MCP's rules, an
   *     action has an input this server reserves ({@code next_cursor}, {@code confirmation_token}), a glob of the
   *     selection matches no tool, or the selection leaves no tool; the message names the culprit and the tools
   */
  public static ToolCatalog of(Catalog catalog, ToolSelection selection, OutputBudget budget, Confirmation confirmation) {
    Map<String, ActionPlan> byName = new LinkedHashMap<>();
    for (ActionPlan plan : catalog.actions()) {
      String name = ActionTool.nameOf(plan);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("action " + plan.id() + " would be the tool '" + name + "', which breaks MCP's"
            + " tool name rules (1 to " + MAX_NAME_LENGTH + " characters among A-Z a-z 0-9 _ -); shorten its names");
      }
      ActionPlan clash = byName.put(name, plan);
      if (clash != null) {
        throw new IllegalArgumentException("actions " + clash.id() + " and " + plan.id() + " would both be the tool '"
            + name + "'; rename one of them");
      }
    }
    for (String glob : selection.globs()) {
      if (byName.keySet().stream().noneMatch(n -> ToolSelection.matches(glob, n))) {
        throw new IllegalArgumentException("--tools '" + glob + "' matches no tool; the tools are: " + String.join(", ", byName.keySet()));
      }
    }
    Map<String, ActionTool> tools = new LinkedHashMap<>();
    List<String> leftOut = new ArrayList<>();
    for (Map.Entry<String, ActionPlan> e : byName.entrySet()) {
      if (selection.selects(e.getKey(), e.getValue().definition().annotations())) {
        tools.put(e.getKey(), describe(e.getKey(), e.getValue(), budget, confirmation));
      } else {
        leftOut.add(e.getKey());
      }
    }
    if (tools.isEmpty()) {
      throw new IllegalArgumentException("no tool is left to serve" + (selection.readOnly() ? " with --read-only" : "")
          + (selection.globs().isEmpty() ? "" : " among --tools " + String.join(", ", selection.globs()))
          + (byName.isEmpty() ? "; the catalog holds no actions" : "; the tools are: " + String.join(", ", byName.keySet())));
    }
    return new ToolCatalog(java.util.Collections.unmodifiableMap(tools), List.copyOf(leftOut));
  }

  /** {@return the tools, in catalog order} */
  public List<ActionTool> tools() {
    return List.copyOf(tools.values());
  }

  /**
   * Finds a tool.
   *
   * @param name the tool name
   * @return the tool, or empty
   */
  public Optional<ActionTool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  private static ActionTool describe(String name, ActionPlan plan, OutputBudget budget, Confirmation confirmation) {
    Annotations annotations = plan.definition().annotations();
    boolean listing = BudgetedPager.isListing(plan);
    boolean confirms = annotations.destructive() && confirmation == Confirmation.ASK;
    Optional<String> cursorInput = listing ? BudgetedPager.cursorInput(plan) : Optional.empty();

    ObjectNode input = plan.inputSchema();
    ObjectNode properties = (ObjectNode) input.get("properties");
    if (listing) {
      reserve(plan, properties, AgentCursor.INPUT);
      cursorInput.ifPresent(c -> {
        properties.remove(c);
        if (input.get("required") instanceof ArrayNode required) {
          for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(c)) {
              required.remove(i);
            }
          }
        }
      });
      properties.putObject(AgentCursor.INPUT).put("type", "string").put("description",
          "The next_cursor of a previous result of this tool, to continue where it stopped. Repeat that call's other"
              + " arguments unchanged. Leave it out to start from the beginning.");
    }
    if (confirms) {
      reserve(plan, properties, ConfirmationTokens.INPUT);
      properties.putObject(ConfirmationTokens.INPUT).put("type", "string").put("description",
          "The confirmation_token from this tool's preview, once the user has agreed to exactly what it shows. Leave it"
              + " out on the first call.");
    }

    StringBuilder description = new StringBuilder();
    ConnectorInstance.parse(plan.connector().name()).ifPresent(i -> description.append("On ").append(i.name())
        .append(", the '").append(i.instance()).append("' instance of ").append(i.pack())
        .append(" (its own service and credentials; the other instances' tools act elsewhere). "));
    description.append(plan.definition().description().strip());
    if (listing) {
      description.append("\n\nReturns at most ").append(budget.maxItems()).append(" items and ").append(budget.maxBytes())
          .append(" bytes per call. When the result says truncated, call again with the same arguments plus its next_cursor.");
    }
    if (confirms) {
      description.append("\n\nDestructive: nothing is changed until confirmed. Clients that support elicitation ask their"
          + " user; otherwise the first call returns the request it would send and a confirmation_token, to pass in a"
          + " second call with the same arguments once the user agrees.");
    }

    McpSchema.ToolAnnotations hints = new McpSchema.ToolAnnotations(plan.definition().title(), annotations.readOnly(),
        annotations.destructive(), annotations.idempotent(), true, null);
    McpSchema.Tool descriptor = McpSchema.Tool.builder()
        .name(name)
        .title(plan.connector().title() + ": " + plan.definition().title())
        .description(description.toString())
        .inputSchema(toMap(input))
        .outputSchema(toMap(outputSchema(listing, confirms)))
        .annotations(hints)
        .build();
    return new ActionTool(plan, name, listing, confirms, cursorInput, descriptor);
  }

  private static void reserve(ActionPlan plan, ObjectNode properties, String input) {
    if (properties.has(input)) {
      throw new IllegalArgumentException("action " + plan.id() + " has an input named '" + input + "', which the MCP"
          + " server reserves for itself; rename the input in " + plan.definition().file());
    }
  }

  /**
   * Returns the output schema of a tool's structured content.
   *
   * @param listing a listing: {@code {items, count, truncated, next_cursor?}}; otherwise {@code {result}}
   * @param confirms the tool may instead answer {@code {confirmation: {token, expires_in_seconds, request}}}
   * @return the schema, a JSON Schema object of type object; a failed call's {@code {error: {...}}} fits it too,
   *     since clients check structured content against it even when {@code isError} is true
   */
  static ObjectNode outputSchema(boolean listing, boolean confirms) {
    ObjectNode schema = F.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = F.arrayNode();
    if (listing) {
      properties.putObject("items").put("type", "array")
          .put("description", "The records, as the action's output mapping shapes them.");
      properties.putObject("count").put("type", "integer").put("minimum", 0).put("description", "How many items.");
      properties.putObject("truncated").put("type", "boolean")
          .put("description", "True when more records exist; pass next_cursor to get them.");
      properties.putObject(AgentCursor.INPUT).put("type", "string")
          .put("description", "Pass back as the next_cursor input, with the same other arguments, to continue.");
      required.add("items").add("count").add("truncated");
    } else {
      properties.putObject("result")
          .put("description", "The action's output: the response as its output mapping shapes it; null for an empty response.");
      required.add("result");
    }
    ObjectNode error = properties.putObject("error").put("type", "object")
        .put("description", "Present instead of a result when the call failed (isError is true): category (auth, permission,"
            + " not_found, validation, conflict, rate_limited, upstream, network, timeout, bad_definition, configuration,"
            + " not_confirmed, internal), message, and when known status, error_code, error_summary, error_causes,"
            + " request_id and field; outcome_unknown is true when the call may have taken effect although it failed"
            + " (check before calling again).");
    ObjectNode e = error.putObject("properties");
    e.putObject("category").put("type", "string");
    e.putObject("message").put("type", "string");
    e.putObject("retryable").put("type", "boolean");
    error.set("required", F.arrayNode().add("category").add("message"));
    ArrayNode anyOf = schema.putArray("anyOf");
    anyOf.addObject().set("required", required);
    anyOf.addObject().set("required", F.arrayNode().add("error"));
    if (!confirms) {
      return schema;
    }
    ObjectNode confirmationSchema = properties.putObject("confirmation").put("type", "object")
        .put("description", "Present instead of a result when the call awaits confirmation; nothing has been changed.");
    ObjectNode c = confirmationSchema.putObject("properties");
    c.putObject("token").put("type", "string").put("description", "Pass as confirmation_token, with the same arguments.");
    c.putObject("expires_in_seconds").put("type", "integer");
    c.putObject("request").put("type", "object").put("description", "What the call would do: connector, action, method, path, query and inputs; or, for a compound action, its steps and inputs.");
    confirmationSchema.set("required", F.arrayNode().add("token").add("expires_in_seconds").add("request"));
    anyOf.addObject().set("required", F.arrayNode().add("confirmation"));
    return schema;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(JsonNode node) {
    return McpJson.objectMapper().convertValue(node, Map.class);
  }

  /** {@return the tool names, for messages} */
  public List<String> names() {
    return new ArrayList<>(tools.keySet());
  }

  /** {@return the names of the catalog's actions as tools that the selection ({@code --tools}, {@code --read-only}) left out} */
  public List<String> leftOut() {
    return leftOut;
  }

  /**
   * Explains a call to a tool this server does not offer, as the CLI does for an unknown action: the closest
   * tool name when one is close, or that the selection left the tool out.
   *
   * @param name the name the client called
   * @return one or two sentences, such as {@code Unknown tool 'okta_list_user'; did you mean 'okta_list_users'?}
   */
  public String unknown(String name) {
    if (leftOut.contains(name)) {
      return "Tool '" + name + "' is not served here: this server was started with a selection (--tools or --read-only)"
          + " that leaves it out. tools/list gives the " + tools.size() + " tools it serves.";
    }
    Optional<String> best = Names.closest(name, tools.keySet());
    return "Unknown tool '" + name + "'" + best.map(b -> "; did you mean '" + b + "'?").orElse(".")
        + " tools/list gives the " + tools.size() + " tools this server serves.";
  }
}
