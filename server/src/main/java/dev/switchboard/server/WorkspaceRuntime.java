package dev.switchboard.server;

import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.DefinitionCache;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.FileVersion;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The workspace's connectors, compiled and ready to run: one {@link Engine} per connector, whose secrets are that
 * connector's credentials (decrypted when a connection is first made) and whose settings are its
 * {@code settings.yaml}; never the server's environment. A connector that declares {@code sandbox: okta} and has no
 * settings and no credentials runs against the {@link EmbeddedOkta}.
 *
 * <p>Connectors are compiled when first needed (a call, a test, the first {@code tools/list} that shows them) and,
 * from {@link #warmUp()} on, by background threads, one connector per core at a time; so the server listens at
 * once however large the workspace. A change replaces only the connector it touched: a save hands over the
 * definition it checked ({@link #saved}), which is not loaded again; its engine is kept ({@link Engine#replace}), so
 * calls in flight finish on the old version. Loading goes through a {@link DefinitionCache} per connector, so a
 * connector loaded again reads only the files that changed. A connector that no longer loads is left out, with a line
 * in the log. Other instances' changes are picked up by {@link #refreshIfChanged()} (a cheap query; then only the
 * versions of files are read, and only connectors whose files, settings or credentials changed are compiled again).
 * Thread-safe.
 */
final class WorkspaceRuntime implements AutoCloseable {
  /** The most connectors whose last load is kept for the next one. */
  static final int CACHED_CONNECTORS = 64;

  /** One connector, compiled. */
  record Compiled(String name, String fingerprint, ConnectorDefinition definition, Engine engine, Map<String, Integer> actionVersions,
      Binding binding) {}

  private final Workspace workspace;
  private final PrintWriter log;
  private final EmbeddedOkta sandbox;
  private final RateLimitStore rateLimits;
  private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, DefinitionCache> caches = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, DefinitionCache> eldest) {
      return size() > CACHED_CONNECTORS;
    }
  };
  private final ExecutorService warmers;
  private volatile Map<String, Slot> slots = Map.of();
  private volatile String stamp = "";
  private volatile boolean closed;
  private volatile boolean warming;

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
    AtomicInteger n = new AtomicInteger();
    this.warmers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "switchboard-compile-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Adds what runs after connectors changed, given their names (the MCP endpoint refreshes their tools). */
  void onChange(Consumer<Set<String>> listener) {
    listeners.add(listener);
  }

  /** {@return the names of the workspace's connectors, sorted, whether they load or not} */
  Set<String> names() {
    return new TreeSet<>(slots.keySet());
  }

  /**
   * Returns a compiled connector, compiling it first when needed.
   *
   * @param name the connector
   * @return the connector, or empty when there is none or it does not load
   */
  Optional<Compiled> connector(String name) {
    while (true) {
      Slot slot = slots.get(name);
      if (slot == null) {
        return Optional.empty();
      }
      Optional<Compiled> c = slot.compiled();
      if (!slot.retired()) {
        return c;
      }
      // replaced while compiling: take the current one
    }
  }

  /** Compiles every connector not compiled yet, in parallel (the background threads and the caller), and waits. */
  void compileAll() {
    Collection<Slot> all = slots.values();
    all.forEach(s -> s.warm(warmers));
    all.forEach(Slot::compiled);
  }

  /** Starts compiling in the background every connector not compiled yet. */
  void warmUp() {
    warming = true;
    slots.values().forEach(s -> s.warm(warmers));
  }

  /** {@return the saved version of an action that runs, when it is saved} */
  OptionalInt actionVersion(String connector, String action) {
    Slot slot = slots.get(connector);
    Compiled c = slot == null ? null : slot.done();
    Integer v = c == null ? null : c.actionVersions().get(action);
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }

  /**
   * Checks a connector's files with changes applied, as the engine will load them, through the connector's cache.
   *
   * @param connector the connector
   * @param current its current files
   * @param changes files to replace (a text) or remove (empty)
   * @return the definition and the files checked
   * @throws ApiProblem 422 listing the problems
   */
  DefinitionCheck.Checked check(String connector, List<Document> current, Map<String, Optional<String>> changes) {
    return DefinitionCheck.check(connector, current, changes, cache(connector));
  }

  private DefinitionCache cache(String connector) {
    synchronized (caches) {
      return caches.computeIfAbsent(connector, k -> new DefinitionCache());
    }
  }

  /**
   * Reads one connector again after this instance changed it (a save, settings, a credential, a deletion) and
   * compiles it now; then tells the listeners.
   *
   * @param name the connector
   * @param checked the files a save checked and their definition, used when they are what is saved now
   */
  synchronized void changed(String name, Optional<DefinitionCheck.Checked> checked) {
    List<Document> files = workspace.documents().files(name);
    List<Credential> credentials = files.isEmpty() ? List.of() : workspace.credentials().list(name);
    Map<String, Slot> next = new HashMap<>(slots);
    Slot old = files.isEmpty() ? next.remove(name) : next.put(name, new Slot(name, fingerprint(versions(files), credentials),
        old(name)));
    Slot now = next.get(name);
    slots = Map.copyOf(next);
    if (now != null) {
      Map<String, String> texts = DefinitionCheck.definitionFiles(texts(files));
      now.compileWith(files, credentials, checked.filter(c -> c.files().equals(texts)).map(DefinitionCheck.Checked::definition));
    } else if (old != null) {
      old.retire().ifPresent(c -> c.engine().close());
    }
    tell(Set.of(name));
  }

  private Slot old(String name) {
    return slots.get(name);
  }

  /** Reads which files and credentials the workspace holds (not their texts) and replaces the connectors that changed. */
  synchronized void reload() {
    String now = workspace.stamp();
    Map<String, List<FileVersion>> files = new TreeMap<>();
    for (FileVersion f : workspace.documents().versions()) {
      files.computeIfAbsent(f.connector(), k -> new ArrayList<>()).add(f);
    }
    Map<String, List<Credential>> credentials = new HashMap<>();
    for (Credential c : workspace.credentials().listAll()) {
      credentials.computeIfAbsent(c.connector(), k -> new ArrayList<>()).add(c);
    }
    Map<String, Slot> before = slots;
    Map<String, Slot> next = new HashMap<>();
    Set<String> changed = new TreeSet<>();
    files.forEach((name, versions) -> {
      String fingerprint = fingerprint(versions, credentials.getOrDefault(name, List.of()));
      Slot old = before.get(name);
      if (old != null && old.fingerprint.equals(fingerprint)) {
        next.put(name, old);
      } else {
        next.put(name, new Slot(name, fingerprint, old));
        changed.add(name);
      }
    });
    for (Map.Entry<String, Slot> gone : before.entrySet()) {
      if (!next.containsKey(gone.getKey())) {
        changed.add(gone.getKey());
        gone.getValue().retire().ifPresent(c -> c.engine().close());
      }
    }
    slots = Map.copyOf(next);
    stamp = now;
    if (!changed.isEmpty()) {
      if (warming) {
        changed.stream().map(next::get).filter(Objects::nonNull).forEach(s -> s.warm(warmers));
      }
      tell(changed);
    }
  }

  /** Reloads when the workspace changed since the last load (a cheap query), such as by another instance. */
  void refreshIfChanged() {
    if (!workspace.stamp().equals(stamp)) {
      reload();
    }
  }

  private void tell(Set<String> changed) {
    listeners.forEach(l -> l.accept(changed));
  }

  private static List<FileVersion> versions(List<Document> files) {
    return files.stream().map(d -> new FileVersion(d.connector(), d.file(), d.version())).toList();
  }

  private static Map<String, String> texts(List<Document> files) {
    Map<String, String> texts = new TreeMap<>();
    files.forEach(d -> texts.put(d.file(), d.text()));
    return texts;
  }

  private static String fingerprint(List<FileVersion> files, List<Credential> credentials) {
    StringBuilder fp = new StringBuilder();
    files.forEach(d -> fp.append(d.file()).append('@').append(d.version()).append(';'));
    credentials.forEach(c -> fp.append(c.name()).append('#').append(c.setAt().toEpochMilli()).append(';'));
    return fp.toString();
  }

  /**
   * One connector as the workspace last held it: compiled once, when first needed, by whichever thread gets there
   * first (the others wait for it). When replaced it is retired: it compiles nothing more and hands its engine to
   * the connector that replaced it, so that calls in flight finish on the old version.
   */
  private final class Slot {
    final String name;
    final String fingerprint;
    private Slot previous;
    private boolean started;
    private boolean retired;
    private Optional<Compiled> compiled;

    Slot(String name, String fingerprint, Slot previous) {
      this.name = name;
      this.fingerprint = fingerprint;
      this.previous = previous;
    }

    /** Starts compiling this connector on a background thread, unless it is compiled or compiling. */
    void warm(ExecutorService pool) {
      synchronized (this) {
        if (started || closed) {
          return;
        }
      }
      pool.execute(() -> {
        try {
          compiled();
        } catch (RuntimeException e) {
          if (!closed) {
            log.println("switchboard serve: compiling connector '" + name + "' failed: " + e.getClass().getSimpleName()
                + "; it is tried again when next used");
            log.flush();
          }
        }
      });
    }

    /** {@return the compiled connector, compiling it first when no one has} */
    synchronized Optional<Compiled> compiled() {
      if (compiled == null) {
        started = true;
        List<Document> files = workspace.documents().files(name);
        compileWith(files, files.isEmpty() ? List.of() : workspace.credentials().list(name), Optional.empty());
      }
      return compiled;
    }

    /** {@return the compiled connector when it is compiled, without compiling it} */
    synchronized Compiled done() {
      return compiled == null ? null : compiled.orElse(null);
    }

    synchronized boolean retired() {
      return retired;
    }

    /** Compiles from these files, with the definition a save checked when there is one. */
    synchronized void compileWith(List<Document> files, List<Credential> credentials, Optional<ConnectorDefinition> checked) {
      started = true;
      if (compiled != null) {
        return; // compiled already, by a caller that got here first
      }
      Compiled before = previous == null ? null : previous.retire().orElse(null);
      previous = null;
      if (retired || closed || files.isEmpty()) {
        if (before != null) {
          before.engine().close();
        }
        compiled = Optional.empty();
        return;
      }
      compiled = Optional.ofNullable(compile(files, credentials, checked, before));
    }

    /** Retires this connector and hands over its compiled form (to be reused or closed by the caller). */
    synchronized Optional<Compiled> retire() {
      retired = true;
      Optional<Compiled> out = compiled == null ? Optional.empty() : compiled;
      compiled = Optional.empty();
      if (previous != null) {
        Optional<Compiled> older = previous.retire();
        previous = null;
        if (out.isEmpty()) {
          return older;
        }
        older.ifPresent(c -> c.engine().close());
      }
      return out;
    }

    private Compiled compile(List<Document> files, List<Credential> credentials, Optional<ConnectorDefinition> checked,
        Compiled old) {
      Map<String, String> texts = texts(files);
      ConnectorDefinition definition;
      try {
        definition = checked.isPresent() ? checked.get() : DefinitionCheck.load(name, texts, cache(name));
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
        knowCredentials(engine, name, credentials);
      } else {
        engine = engine(definition, binding);
      }
      return new Compiled(name, fingerprint(versions(files), credentials), definition, engine, Map.copyOf(versions), binding);
    }
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
    Engine engine = Engine.builder(Catalog.of(List.of(definition))).secrets(secrets).config(config).rateLimits(rateLimits).build();
    if (!binding.embedded) {
      knowCredentials(engine, name, workspace.credentials().list(name));
    }
    return engine;
  }

  /**
   * Registers a connector's credential values with its engine's redactor now, not when its first call connects: a
   * run's inputs are scrubbed before the call starts, so a credential typed into an input of the first call after a
   * change (or of any unsaved test, on its own engine) would otherwise be recorded as it is. A value the master key
   * cannot decrypt is left to the call, which reports it.
   */
  private void knowCredentials(Engine engine, String name, List<Credential> credentials) {
    for (Credential c : credentials) {
      try {
        workspace.credentials().reveal(name, c.name()).ifPresent(secret -> engine.redactor().register(secret.value()));
      } catch (RuntimeException e) {
        // the call that needs it reports it with the connector's words
      }
    }
  }

  /** {@return the settings of a connector as saved} */
  Map<String, String> settings(String connector) {
    return workspace.documents().find(connector, Document.SETTINGS_FILE).map(d -> DefinitionCheck.settings(d.text())).orElse(Map.of());
  }

  @Override
  public void close() {
    closed = true;
    warmers.shutdownNow();
    slots.values().forEach(s -> s.retire().ifPresent(c -> c.engine().close()));
    sandbox.close();
  }
}
