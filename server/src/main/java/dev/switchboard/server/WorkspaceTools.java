package dev.switchboard.server;

import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.tool.ActionTool;
import dev.switchboard.mcp.tool.ToolCatalog;
import dev.switchboard.mcp.tool.ToolSelection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's actions as MCP tools, named and described by the mcp module's {@link ToolCatalog} (destructive
 * tools confirm first, listings are cut to the {@link OutputBudget}): each connector's tools are described once per
 * compiled version of the connector, and shared by every key's MCP server and the studio. A tool whose name another
 * connector's tool has already is left out, with a line in the log, as is every tool of a connector whose action names
 * break MCP's rules. Thread-safe.
 */
final class WorkspaceTools {
  private final WorkspaceRuntime runtime;
  private final OutputBudget budget;
  private final PrintWriter log;
  private final Map<String, Described> described = new HashMap<>();
  /** The connector of each tool name described. */
  private final Map<String, String> owners = new HashMap<>();

  /** A connector's tools and the compiled version they describe. */
  private record Described(WorkspaceRuntime.Compiled compiled, Map<String, ActionTool> tools) {}

  WorkspaceTools(WorkspaceRuntime runtime, OutputBudget budget, PrintWriter log) {
    this.runtime = runtime;
    this.budget = budget;
    this.log = log;
  }

  /** {@return the output budget listings are cut to} */
  OutputBudget budget() {
    return budget;
  }

  /**
   * Returns a connector's tools as it is compiled now, compiling it first when needed.
   *
   * @param connector the connector
   * @return its tools by name, in its actions' order; empty when it does not exist or does not load
   */
  synchronized Map<String, ActionTool> of(String connector) {
    Optional<WorkspaceRuntime.Compiled> compiled = runtime.connector(connector);
    if (compiled.isEmpty()) {
      forget(connector);
      return Map.of();
    }
    Described known = described.get(connector);
    if (known != null && known.compiled() == compiled.get()) {
      return known.tools();
    }
    Map<String, ActionTool> tools = new LinkedHashMap<>();
    Catalog catalog = compiled.get().engine().catalog();
    try {
      if (!catalog.actions().isEmpty()) {
        for (ActionTool tool : ToolCatalog.of(catalog, ToolSelection.ALL, budget, Confirmation.ASK).tools()) {
          Optional<String> owner = owner(tool.name(), connector);
          if (owner.isPresent()) {
            log.println("switchboard serve: the tool " + tool.name() + " of connector '" + connector + "' is left out: connector '"
                + owner.get() + "' has a tool of that name; rename one of the actions");
            log.flush();
          } else {
            tools.put(tool.name(), tool);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      log.println("switchboard serve: the tools of connector '" + connector + "' cannot be listed: " + e.getMessage());
      log.flush();
    }
    Map<String, ActionTool> out = Collections.unmodifiableMap(tools);
    forget(connector);
    described.put(connector, new Described(compiled.get(), out));
    out.keySet().forEach(name -> owners.put(name, connector));
    return out;
  }

  /** Forgets a connector's tools (they are described again when next asked for). */
  synchronized void forget(String connector) {
    Described gone = described.remove(connector);
    if (gone != null) {
      gone.tools().keySet().forEach(owners::remove);
    }
  }

  /**
   * Returns every tool a selection keeps, compiling every connector not compiled yet (in parallel).
   *
   * @param selection a key's globs and read-only flag
   * @return the tools, by connector name and then in each connector's order
   */
  List<ActionTool> all(ToolSelection selection) {
    runtime.compileAll();
    List<ActionTool> out = new ArrayList<>();
    for (String connector : runtime.names()) {
      of(connector).values().stream().filter(t -> selection.selects(t.name(), t.annotations())).forEach(out::add);
    }
    return out;
  }

  private Optional<String> owner(String tool, String connector) {
    return Optional.ofNullable(owners.get(tool)).filter(owner -> !owner.equals(connector));
  }
}
