package dev.switchboard.server;

import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The workspace's connectors, compiled and ready to run: one {@link Engine} per connector, whose secrets are that
 * connector's credentials (decrypted when a connection is first made) and whose settings are its
 * {@code settings.yaml}; never the server's environment. A change replaces the connector in its engine
 * ({@link Engine#replace}): calls in flight finish on the old version. A connector that declares {@code sandbox: okta} and has no
 * settings and no credentials runs against the {@link EmbeddedOkta}. After a change only the connectors whose files,
 * settings or credentials changed are compiled again; calls in flight finish on the engine they started on. A
 * connector that no longer loads is left out, with a line in the log. Other instances' changes are picked up by
 * {@link #refreshIfChanged()}, which the server calls every few seconds. Thread-safe.
 */
final class WorkspaceRuntime implements AutoCloseable {
  /** One connector, compiled. */
  record Compiled(String name, String fingerprint, ConnectorDefinition definition, Engine engine, Map<String, Integer> actionVersions,
      Binding binding) {}

  private final Workspace workspace;
  private final PrintWriter log;
  private final EmbeddedOkta sandbox;
  private final RateLimitStore rateLimits;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, Compiled> connectors = Map.of();
  private volatile Catalog catalog = Catalog.of(List.of());
  private volatile String stamp = "";

  WorkspaceRuntime(Workspace workspace, PrintWriter log) {
    this(workspace, log, RateLimitStore.IN_MEMORY);
  }

  /**
   * @param rateLimits where the engines keep their rate-limit buckets: shared by the instances on PostgreSQL, in
   *     memory on SQLite
   */
  WorkspaceRuntime(Workspace workspace, PrintWriter log, RateLimitStore rateLimits) {
    this.workspace = workspace;
    this.log = log;
    this.sandbox = new EmbeddedOkta(log);
    this.rateLimits = rateLimits;
  }

  /** Adds what runs after the compiled connectors changed (the MCP endpoint refreshes its tools). */
  void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** {@return every compiled connector, by name} */
  Map<String, Compiled> connectors() {
    return connectors;
  }

  /** {@return one catalog of every compiled connector's actions, rebuilt only when a connector changed} */
  Catalog catalog() {
    return catalog;
  }

  /** {@return a compiled connector} */
  Optional<Compiled> connector(String name) {
    return Optional.ofNullable(connectors.get(name));
  }

  /** {@return the saved version of an action that runs, when it is saved} */
  OptionalInt actionVersion(String connector, String action) {
    Compiled c = connectors.get(connector);
    Integer v = c == null ? null : c.actionVersions().get(action);
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }

  /** {@return the plan of a compiled action} */
  Optional<ActionPlan> plan(String connector, String action) {
    return connector(connector).flatMap(c -> c.engine().catalog().find(connector + "." + action));
  }

  /** Reads the whole workspace and compiles what changed. */
  synchronized void reload() {
    String now = workspace.stamp();
    Map<String, List<Document>> files = new TreeMap<>();
    for (Document d : workspace.documents().all()) {
      files.computeIfAbsent(d.connector(), k -> new ArrayList<>()).add(d);
    }
    Map<String, List<Credential>> credentials = new HashMap<>();
    for (Credential c : workspace.credentials().listAll()) {
      credentials.computeIfAbsent(c.connector(), k -> new ArrayList<>()).add(c);
    }
    Map<String, Compiled> next = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<String, List<Document>> e : files.entrySet()) {
      Compiled c = compile(e.getKey(), e.getValue(), credentials.getOrDefault(e.getKey(), List.of()));
      if (c != null) {
        next.put(e.getKey(), c);
      }
      changed |= c != connectors.get(e.getKey());
    }
    changed |= !next.keySet().equals(connectors.keySet());
    for (Map.Entry<String, Compiled> gone : connectors.entrySet()) {
      if (!next.containsKey(gone.getKey())) {
        gone.getValue().engine().close();
      }
    }
    connectors = java.util.Collections.unmodifiableMap(next);
    if (changed) {
      catalog = Catalog.of(next.values().stream().map(Compiled::definition).toList());
    }
    stamp = now;
    if (changed) {
      listeners.forEach(Runnable::run);
    }
  }

  /** Reloads when the workspace changed since the last load (a cheap query), such as by another instance. */
  void refreshIfChanged() {
    if (!workspace.stamp().equals(stamp)) {
      reload();
    }
  }

  private Compiled compile(String name, List<Document> files, List<Credential> credentials) {
    StringBuilder fp = new StringBuilder();
    files.forEach(d -> fp.append(d.file()).append('@').append(d.version()).append(';'));
    credentials.forEach(c -> fp.append(c.name()).append('#').append(c.setAt().toEpochMilli()).append(';'));
    String fingerprint = fp.toString();
    Compiled old = connectors.get(name);
    if (old != null && old.fingerprint().equals(fingerprint)) {
      return old;
    }
    ConnectorDefinition definition;
    Map<String, String> texts = new TreeMap<>();
    files.forEach(d -> texts.put(d.file(), d.text()));
    try {
      definition = DefinitionCheck.load(name, texts);
    } catch (ApiProblem e) {
      log.println("switchboard serve: connector '" + name + "' does not load and is not served: " + e.getMessage());
      log.flush();
      if (old != null) {
        old.engine().close();
      }
      return null;
    }
    Map<String, String> settings = texts.containsKey(Document.SETTINGS_FILE)
        ? DefinitionCheck.settings(texts.get(Document.SETTINGS_FILE)) : Map.of();
    Map<String, Integer> versions = new HashMap<>();
    files.forEach(d -> d.action().ifPresent(a -> versions.put(a, d.version())));
    Binding binding = new Binding(settings, embedded(definition, settings, credentials.isEmpty()));
    Engine engine;
    if (old != null) {
      engine = old.engine();
      old.binding().replaceWith(binding);
      engine.replace(definition);
      binding = old.binding();
    } else {
      engine = engine(definition, binding);
    }
    return new Compiled(name, fingerprint, definition, engine, Map.copyOf(versions), binding);
  }

  private static boolean embedded(ConnectorDefinition definition, Map<String, String> settings, boolean noCredentials) {
    return definition.sandbox().filter("okta"::equals).isPresent() && settings.isEmpty() && noCredentials;
  }

  /** A connector's settings and whether it runs against the embedded sandbox; replaced when they change. */
  static final class Binding {
    private volatile Map<String, String> settings;
    private volatile boolean embedded;

    Binding(Map<String, String> settings, boolean embedded) {
      this.settings = Map.copyOf(settings);
      this.embedded = embedded;
    }

    void replaceWith(Binding other) {
      this.settings = other.settings;
      this.embedded = other.embedded;
    }
  }

  /**
   * Builds an engine for a connector that is not saved as it is (a test of an unsaved action), bound to the saved
   * connector's settings and credentials.
   */
  Engine engine(ConnectorDefinition definition, Map<String, String> settings, boolean noCredentials) {
    return engine(definition, new Binding(settings, embedded(definition, settings, noCredentials)));
  }

  private Engine engine(ConnectorDefinition definition, Binding binding) {
    String name = definition.name();
    SecretStore secrets = new SecretStore() {
      @Override
      public Optional<Secret> find(String secret) {
        if (binding.embedded) {
          return Optional.of(Secret.of(secret, sandbox.token(), "the embedded Okta sandbox"));
        }
        return workspace.credentials().reveal(name, secret);
      }

      @Override
      public String describe(String secret) {
        return "the workspace credential " + name + "/" + secret + " (PUT /api/connectors/" + name + "/credentials/" + secret + ")";
      }
    };
    ConfigSource config = new ConfigSource() {
      @Override
      public Optional<String> value(String connector, ConfigVariable variable) {
        if (binding.embedded && variable.name().equals("org_url")) {
          return Optional.of(sandbox.orgUrl());
        }
        return Optional.ofNullable(binding.settings.get(variable.name())).map(String::strip).filter(v -> !v.isEmpty());
      }

      @Override
      public String describe(String connector, ConfigVariable variable) {
        return "the setting " + variable.name() + " of connector " + name + " (PUT /api/connectors/" + name + "/settings)";
      }
    };
    return Engine.builder(Catalog.of(List.of(definition))).secrets(secrets).config(config).rateLimits(rateLimits).build();
  }

  /** {@return the settings of a connector as saved} */
  Map<String, String> settings(String connector) {
    return workspace.documents().find(connector, Document.SETTINGS_FILE).map(d -> DefinitionCheck.settings(d.text())).orElse(Map.of());
  }

  @Override
  public void close() {
    connectors.values().forEach(c -> c.engine().close());
    sandbox.close();
  }
}
