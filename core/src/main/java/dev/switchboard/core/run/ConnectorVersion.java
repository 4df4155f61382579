package dev.switchboard.core.run;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.plan.ActionPlan;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One registered version of a connector: its definition, its compiled actions, the {@link ConnectorRuntime}
 * built for it on first use, and a count of who holds it (the registry while the version is current, plus each
 * call in flight). A call {@link #hold holds} the version for as long as it runs; when the registry
 * {@link #retire retires} the version (the connector was replaced or removed), the runtime is closed as the
 * last holder lets go, so a call never sees a closed runtime. Thread-safe.
 */
final class ConnectorVersion {
  private final ConnectorDefinition definition;
  private final Map<String, ActionPlan> actions;
  private final Function<ConnectorDefinition, ConnectorRuntime> build;
  /** The registry's hold (while current) plus one per call; 0 means closed, and it never rises again. */
  private final AtomicInteger holders = new AtomicInteger(1);
  private final AtomicBoolean retired = new AtomicBoolean();
  private volatile ConnectorRuntime runtime;
  private boolean closed;

  /**
   * @param definition the connector
   * @param actions its compiled actions by name, internal ones included
   * @param build makes its runtime, on first use
   */
  ConnectorVersion(ConnectorDefinition definition, Map<String, ActionPlan> actions,
      Function<ConnectorDefinition, ConnectorRuntime> build) {
    this.definition = definition;
    this.actions = Map.copyOf(actions);
    this.build = build;
  }

  /** Returns the connector of this version. */
  ConnectorDefinition definition() {
    return definition;
  }

  /**
   * Finds an action of this version.
   *
   * @param name the action's name, such as {@code get_user}
   * @return its plan, or empty
   */
  Optional<ActionPlan> action(String name) {
    return Optional.ofNullable(actions.get(name));
  }

  /**
   * Holds this version for one call.
   *
   * @return the hold, to be let go exactly once when the call ends; empty when the version was retired and its
   *     last call has ended (the caller looks up the current version instead)
   */
  Optional<Hold> hold() {
    while (true) {
      int now = holders.get();
      if (now == 0) {
        return Optional.empty();
      }
      if (holders.compareAndSet(now, now + 1)) {
        return Optional.of(new Hold());
      }
    }
  }

  /** Lets go of the registry's hold; the runtime closes when the last call holding it ends. Once only. */
  void retire() {
    if (retired.compareAndSet(false, true)) {
      letGo();
    }
  }

  /** Returns whether the runtime has been built and closed (for tests). */
  synchronized boolean closed() {
    return closed;
  }

  private void letGo() {
    if (holders.decrementAndGet() == 0) {
      ConnectorRuntime built;
      synchronized (this) {
        closed = true;
        built = runtime;
        runtime = null;
      }
      if (built != null) {
        built.close();
      }
    }
  }

  /** One call's hold on a version: gives the version's runtime, built on first use, until it is let go. */
  final class Hold implements AutoCloseable {
    private final AtomicBoolean released = new AtomicBoolean();

    private Hold() {}

    /** Returns the version held. */
    ConnectorVersion version() {
      return ConnectorVersion.this;
    }

    /**
     * Returns the version's runtime, building it on first use.
     *
     * @return the runtime, open for as long as this hold is
     * @throws dev.switchboard.core.error.ActionError when the runtime cannot be built (a missing setting or
     *     secret); the next call tries again
     */
    ConnectorRuntime runtime() {
      ConnectorRuntime ready = runtime;
      if (ready != null) {
        return ready;
      }
      synchronized (ConnectorVersion.this) {
        if (closed || released.get()) {
          throw new IllegalStateException("connector '" + definition.name() + "' is no longer held by this call");
        }
        if (runtime == null) {
          runtime = build.apply(definition);
        }
        return runtime;
      }
    }

    /** Lets go of the version; the first call counts, later ones do nothing. */
    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        letGo();
      }
    }
  }
}
