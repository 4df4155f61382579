package dev.switchboard.core.run;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.plan.UnknownActionException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connectors an engine runs, each as its current {@link ConnectorVersion}, and the catalog they make. Readers
 * see one immutable snapshot; {@link #replace} and {@link #remove} swap in a new one and retire the version they
 * take out, whose runtime closes when its last call ends. Writers are serialized; reads never lock.
 */
final class ConnectorRegistry {
  /** The catalog and the current version of each of its connectors, by name. */
  private record Snapshot(Catalog catalog, Map<String, ConnectorVersion> versions) {}

  private final Function<ConnectorDefinition, ConnectorRuntime> build;
  private volatile Snapshot snapshot;
  private boolean closed;

  /**
   * @param catalog the connectors to start with
   * @param build makes a connector's runtime on its first use
   */
  ConnectorRegistry(Catalog catalog, Function<ConnectorDefinition, ConnectorRuntime> build) {
    this.build = build;
    Map<String, ConnectorVersion> versions = new HashMap<>();
    for (ConnectorDefinition connector : catalog.connectors().values()) {
      versions.put(connector.name(), version(catalog, connector));
    }
    this.snapshot = new Snapshot(catalog, Map.copyOf(versions));
  }

  /** Returns the current catalog. */
  Catalog catalog() {
    return snapshot.catalog();
  }

  /**
   * Holds the current version of an action's connector for one call, and the action as that version has it.
   *
   * @param plan the action as the caller knows it; when its connector has been replaced since, the action of the
   *     same name in the current version is run instead
   * @return the hold and the plan to run
   * @throws UnknownActionException when the action or its connector is no longer registered
   * @throws IllegalStateException when the engine is closed
   */
  Held hold(ActionPlan plan) {
    while (true) {
      Snapshot now = snapshot;
      ConnectorVersion version = now.versions().get(plan.connector().name());
      if (version == null) {
        if (closed) {
          throw new IllegalStateException("the engine is closed");
        }
        throw new UnknownActionException("no connector named '" + plan.connector().name() + "' is loaded (it was removed or"
            + " never added), so " + plan.id() + " cannot run");
      }
      ActionPlan current = version.definition() == plan.connector() ? plan
          : version.action(plan.definition().name()).orElseThrow(() -> new UnknownActionException("no action named '"
              + plan.id() + "': connector '" + plan.connector().name() + "' was replaced by a version without it"));
      Optional<ConnectorVersion.Hold> hold = version.hold();
      if (hold.isPresent()) {
        return new Held(hold.get(), current);
      }
      // retired between the read and the hold: the snapshot has moved on, read it again
    }
  }

  /**
   * Makes a connector current: a new one is added, one of the same name is replaced (calls in flight finish on
   * the version they hold; the next calls use this one).
   *
   * @param connector the connector with its actions
   * @throws IllegalStateException when the engine is closed
   */
  synchronized void replace(ConnectorDefinition connector) {
    requireOpen();
    Snapshot before = snapshot;
    Catalog catalog = before.catalog().replace(connector);
    Map<String, ConnectorVersion> versions = new HashMap<>(before.versions());
    ConnectorVersion old = versions.put(connector.name(), version(catalog, connector));
    snapshot = new Snapshot(catalog, Map.copyOf(versions));
    if (old != null) {
      old.retire();
    }
  }

  /**
   * Takes a connector out; calls in flight finish on it.
   *
   * @param name the connector's name
   * @return whether it was registered
   */
  synchronized boolean remove(String name) {
    requireOpen();
    Snapshot before = snapshot;
    if (!before.versions().containsKey(name)) {
      return false;
    }
    Map<String, ConnectorVersion> versions = new HashMap<>(before.versions());
    ConnectorVersion old = versions.remove(name);
    snapshot = new Snapshot(before.catalog().without(name), Map.copyOf(versions));
    old.retire();
    return true;
  }

  /** Takes every connector out; each runtime closes when its last call ends. Later calls fail. Idempotent. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Snapshot before = snapshot;
    snapshot = new Snapshot(before.catalog(), Map.of());
    before.versions().values().forEach(ConnectorVersion::retire);
  }

  /** Returns the current version of a connector (for tests). */
  Optional<ConnectorVersion> current(String name) {
    return Optional.ofNullable(snapshot.versions().get(name));
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
  }

  private ConnectorVersion version(Catalog catalog, ConnectorDefinition connector) {
    return new ConnectorVersion(connector, catalog.actionsOf(connector.name()), build);
  }

  /**
   * A call's hold on a connector version and the action to run on it.
   *
   * @param hold the hold, let go when the call ends
   * @param plan the action, as the held version has it
   */
  record Held(ConnectorVersion.Hold hold, ActionPlan plan) {}
}
