package dev.switchboard.mcp.tool;

import dev.switchboard.core.definition.Annotations;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.plan.ActionPlan;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Optional;

/**
 * One action served as an MCP tool.
 *
 * <p>Its name is {@code connector_action} ({@link #nameOf}), kept within {@code ^[a-zA-Z0-9_-]{1,64}$} (stricter
 * than MCP's own rule, as model APIs are; see {@link ToolCatalog#MAX_NAME_LENGTH}). A listing
 * ({@link dev.switchboard.core.agent.BudgetedPager#isListing}) takes {@code next_cursor} instead of its
 * action's own cursor input; a destructive tool that asks for confirmation takes {@code confirmation_token}.
 */
public final class ActionTool {
  private final ActionPlan plan;
  private final String name;
  private final boolean listing;
  private final boolean confirms;
  private final Optional<String> hiddenCursorInput;
  private final McpSchema.Tool descriptor;

  ActionTool(ActionPlan plan, String name, boolean listing, boolean confirms, Optional<String> hiddenCursorInput,
      McpSchema.Tool descriptor) {
    this.plan = plan;
    this.name = name;
    this.listing = listing;
    this.confirms = confirms;
    this.hiddenCursorInput = hiddenCursorInput;
    this.descriptor = descriptor;
  }

  /**
   * Returns the tool name of an action: {@code connector_action}, such as {@code okta_list_users}; for an instance
   * of a pack ({@code okta@prod}) {@code pack-instance_action}, such as {@code okta-prod_list_users} (tool names
   * cannot hold {@code @}, and connector names cannot hold {@code -}, so no connector's tools take these names).
   *
   * @param plan the action
   * @return the name
   */
  public static String nameOf(ActionPlan plan) {
    return plan.connector().name().replace(ConnectorInstance.SEPARATOR, '-') + "_" + plan.definition().name();
  }

  /** {@return the tool's name} */
  public String name() {
    return name;
  }

  /** {@return the action the tool runs} */
  public ActionPlan plan() {
    return plan;
  }

  /** {@return the action's annotations} */
  public Annotations annotations() {
    return plan.definition().annotations();
  }

  /** {@return whether the tool is a listing, cut to the output budget and continued with {@code next_cursor}} */
  public boolean listing() {
    return listing;
  }

  /** {@return whether the tool asks for confirmation before it runs (destructive, with confirmation on)} */
  public boolean confirms() {
    return confirms;
  }

  /** {@return the action's cursor input, which the tool hides in favour of {@code next_cursor}} */
  public Optional<String> hiddenCursorInput() {
    return hiddenCursorInput;
  }

  /** {@return the MCP tool descriptor sent in {@code tools/list}} */
  public McpSchema.Tool descriptor() {
    return descriptor;
  }
}
