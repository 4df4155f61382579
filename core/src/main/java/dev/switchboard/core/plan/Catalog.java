package dev.switchboard.core.plan;

import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.Names;
import java.util.ArrayList;
import java.util.Collections;
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
    for (ConnectorDefinition connector : definitions) {
      c.put(connector.name(), connector);
    }
    this.connectors = Collections.unmodifiableMap(c);
    this.actions = Collections.unmodifiableMap(compile(c.values(), Map.of()));
  }

  private Catalog(Map<String, ConnectorDefinition> connectors, Map<String, ActionPlan> actions) {
    this.connectors = Collections.unmodifiableMap(connectors);
    this.actions = Collections.unmodifiableMap(actions);
  }

  /** Compiles each connector's actions in order, reusing the plans given for connectors already compiled. */
  private static Map<String, ActionPlan> compile(Iterable<ConnectorDefinition> connectors, Map<String, List<ActionPlan>> compiled) {
    Map<String, ActionPlan> a = new LinkedHashMap<>();
    for (ConnectorDefinition connector : connectors) {
      List<ActionPlan> plans = compiled.get(connector.name());
      if (plans == null) {
        plans = connector.actions().stream().map(action -> new ActionPlan(connector, action)).toList();
      }
      plans.forEach(plan -> a.put(plan.id(), plan));
    }
    return a;
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

  /**
   * Returns a catalog where one connector is added or replaced; every other connector keeps its compiled plans
   * (the same objects), so that callers holding them still run them.
   *
   * @param connector the connector with its actions
   * @return a new catalog
   */
  public Catalog replace(ConnectorDefinition connector) {
    Map<String, ConnectorDefinition> c = new TreeMap<>(connectors);
    c.put(connector.name(), connector);
    return new Catalog(c, compile(c.values(), plansExcept(connector.name())));
  }

  /**
   * Returns a catalog without one connector; the others keep their compiled plans.
   *
   * @param name the connector's name
   * @return a new catalog (this one when no connector has that name)
   */
  public Catalog without(String name) {
    if (!connectors.containsKey(name)) {
      return this;
    }
    Map<String, ConnectorDefinition> c = new TreeMap<>(connectors);
    c.remove(name);
    return new Catalog(c, compile(c.values(), plansExcept(name)));
  }

  /**
   * Returns one connector's action plans by action name, internal actions (building blocks of compound
   * actions) included.
   *
   * @param connector the connector's name
   * @return the plans, empty when no connector has that name
   */
  public Map<String, ActionPlan> actionsOf(String connector) {
    Map<String, ActionPlan> out = new LinkedHashMap<>();
    for (ActionPlan plan : actions.values()) {
      if (plan.connector().name().equals(connector)) {
        out.put(plan.definition().name(), plan);
      }
    }
    return out;
  }

  private Map<String, List<ActionPlan>> plansExcept(String name) {
    Map<String, List<ActionPlan>> out = new LinkedHashMap<>();
    for (ActionPlan plan : actions.values()) {
      if (!plan.connector().name().equals(name)) {
        out.computeIfAbsent(plan.connector().name(), k -> new ArrayList<>()).add(plan);
      }
    }
    return out;
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
   * @param reference {@code connector.action}, such as {@code tix.get_ticket}
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
      message.append("; an action is named connector.action, such as ")
          .append(actions.isEmpty() ? "tix.get_ticket" : actions.keySet().iterator().next());
    }
    best.ifPresent(b -> message.append("; did you mean '").append(b).append("'?"));
    if (best.isEmpty()) {
      message.append('.');
    }
    message.append(actions.isEmpty() ? " No actions are loaded." : " Run 'switchboard actions' to see them all.");
    throw new UnknownActionException(message.toString());
  }
}
