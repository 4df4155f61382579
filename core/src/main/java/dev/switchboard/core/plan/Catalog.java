package dev.switchboard.core.plan;

import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every known connector and its actions, compiled to {@link ActionPlan}s once. Immutable and thread-safe.
 */
public final class Catalog {
  /** Where built-in connector packs live on the class path (the {@code catalog} module's resources). */
  public static final String BUILT_IN_ROOT = "switchboard/connectors";

  private final Map<String, ConnectorDefinition> connectors;
  private final Map<String, ActionPlan> actions;

  private Catalog(List<ConnectorDefinition> definitions) {
    Map<String, ConnectorDefinition> c = new TreeMap<>();
    Map<String, ActionPlan> a = new LinkedHashMap<>();
    for (ConnectorDefinition connector : definitions) {
      c.put(connector.name(), connector);
    }
    for (ConnectorDefinition connector : c.values()) {
      for (ActionDefinition action : connector.actions()) {
        ActionPlan plan = new ActionPlan(connector, action);
        a.put(plan.id(), plan);
      }
    }
    this.connectors = java.util.Collections.unmodifiableMap(c);
    this.actions = java.util.Collections.unmodifiableMap(a);
  }

  /**
   * Compiles a catalog.
   *
   * @param definitions connectors with their actions; a later connector of the same name replaces an earlier one
   * @return the catalog
   */
  public static Catalog of(List<ConnectorDefinition> definitions) {
    return new Catalog(definitions);
  }

  /**
   * Loads the built-in connector packs from the class path ({@value #BUILT_IN_ROOT}).
   *
   * @return the catalog (empty when the catalog module is not on the class path)
   * @throws dev.switchboard.core.definition.DefinitionException when a packaged definition is invalid
   */
  public static Catalog builtIn() {
    return of(DefinitionLoader.loadClasspath(Catalog.class.getClassLoader(), BUILT_IN_ROOT));
  }

  /**
   * Returns a catalog with more connectors, which replace built-in ones of the same name.
   *
   * @param more the connectors to add
   * @return a new catalog
   */
  public Catalog with(List<ConnectorDefinition> more) {
    List<ConnectorDefinition> all = new ArrayList<>(connectors.values());
    all.addAll(more);
    return new Catalog(all);
  }

  /** Returns the connectors by name, sorted. */
  public Map<String, ConnectorDefinition> connectors() {
    return connectors;
  }

  /**
   * Returns every action plan callers may use, sorted by reference; internal actions (building blocks of
   * compound actions) are left out.
   */
  public List<ActionPlan> actions() {
    return actions.values().stream().filter(a -> !a.definition().internal()).toList();
  }

  /**
   * Finds an action.
   *
   * @param reference {@code connector.action}, such as {@code okta.list_users}
   * @return the plan, or empty
   */
  public Optional<ActionPlan> find(String reference) {
    return Optional.ofNullable(actions.get(reference));
  }

  /**
   * Finds an action or explains why there is none.
   *
   * @param reference {@code connector.action}
   * @return the plan
   * @throws UnknownActionException naming the closest known action
   */
  public ActionPlan require(String reference) {
    ActionPlan plan = actions.get(reference);
    if (plan != null) {
      return plan;
    }
    Optional<String> best = Names.closest(reference, actions().stream().map(ActionPlan::id).toList());
    StringBuilder message = new StringBuilder("no action named '").append(reference).append("'");
    if (!reference.contains(".")) {
      message.append("; an action is named connector.action, such as okta.list_users");
    }
    best.ifPresent(b -> message.append("; did you mean '").append(b).append("'?"));
    if (best.isEmpty()) {
      message.append('.');
    }
    message.append(actions.isEmpty() ? " No actions are loaded." : " Run 'switchboard actions' to see them all.");
    throw new UnknownActionException(message.toString());
  }
}
