package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.plan.UnknownActionException;
import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.ApacheHttpTransport;
import dev.switchboard.core.transport.Transport;
import java.lang.ref.Cleaner;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs actions: binds inputs, renders the request, sends it through the connector's chain (retry, rate
 * limit, auth, redirects, decompression, transport), decodes, paginates and maps the output. Thread-safe;
 * one engine serves many concurrent calls.
 *
 * <p>Each connector has a runtime, built on first use: its settings are read, its base URL rendered and
 * checked, its secrets resolved and registered with the {@link Redactor}, and its chain built (so its
 * rate-limit state, token cache and connection pool are shared by every call). Every {@link ActionError}
 * leaving the engine has been scrubbed of registered secrets.
 *
 * <p>Connectors can be {@link #replace replaced} and {@link #remove removed} while calls run: a call holds the
 * version of its connector it started on until it ends (a stream of pages until it is closed or read to its
 * end), the next calls use the new version, and the old version's runtime is closed (its connections, cached
 * tokens and secret registrations let go) when its last call ends. {@link #close} does the same for all.
 */
public final class Engine implements AutoCloseable {
  /** The most pages one call follows unless its pagination sets max_pages (polling feeds excepted): 100,000. */
  public static final int MAX_PAGES = 100_000;

  /** Lets go of a stream's hold on its connector when the stream is dropped without being closed or read to its end. */
  private static final Cleaner STREAMS = Cleaner.create();

  private final Redactor redactor;
  private final ConnectorRegistry registry;

  private Engine(Builder b) {
    this.redactor = b.redactor;
    RuntimeBuilder runtimes = new RuntimeBuilder(b.secrets, b.config, Optional.ofNullable(b.transport), b.redactor,
        Optional.ofNullable(b.requestLog), b.time, b.rateLimits);
    this.registry = new ConnectorRegistry(Objects.requireNonNull(b.catalog, "catalog"),
        connector -> runtimes.build(connector, connectorsInUse()));
  }

  /**
   * Starts an engine. Defaults: secrets and settings from the process environment, each connector's own
   * {@link ApacheHttpTransport} (with its timeouts and size cap), a new {@link Redactor}.
   *
   * @param catalog the actions this engine runs
   * @return a builder
   */
  public static Builder builder(Catalog catalog) {
    Builder b = new Builder();
    b.catalog = catalog;
    return b;
  }

  /** Returns the catalog this engine runs now (a snapshot: a later {@link #replace} makes a new one). */
  public Catalog catalog() {
    return registry.catalog();
  }

  /** Returns the connectors of the current catalog, whose secrets' variables no setting may read. */
  private Collection<ConnectorDefinition> connectorsInUse() {
    return registry.catalog().connectors().values();
  }

  /** Returns the registry of connector versions (for tests). */
  ConnectorRegistry registry() {
    return registry;
  }

  /** Returns the redactor that holds every secret this engine has resolved. */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Adds a connector, or replaces the one of the same name with its actions. Calls in flight finish on the
   * version they started on; calls that start after this returns use the new one. The old version's runtime is
   * closed when its last call ends. Nothing is resolved yet: a missing setting or secret is reported by the
   * first call.
   *
   * @param connector the connector with its actions, as loaded
   * @throws IllegalStateException when the engine is closed
   */
  public void replace(ConnectorDefinition connector) {
    registry.replace(Objects.requireNonNull(connector, "connector"));
  }

  /**
   * Removes a connector and its actions; calls in flight finish, later calls fail with
   * {@link UnknownActionException}. Its runtime is closed when its last call ends.
   *
   * @param connectorName the connector's name, such as {@code okta} or {@code okta@prod}
   * @return whether a connector of that name was there
   * @throws IllegalStateException when the engine is closed
   */
  public boolean remove(String connectorName) {
    return registry.remove(connectorName);
  }

  /**
   * Closes the engine: later calls fail with {@link IllegalStateException}; calls in flight finish, and each
   * connector's runtime is closed when its last call ends. Idempotent.
   */
  @Override
  public void close() {
    registry.close();
  }

  /**
   * Runs an action and returns its first page.
   *
   * @param reference the action, such as {@code okta.list_users}
   * @param inputs input names to JSON values
   * @return the first page (its {@link ActionResult#next()} tells whether more exist)
   * @throws ActionError for every failure, typed and scrubbed of secrets
   * @throws UnknownActionException when no action has that reference
   */
  public ActionResult call(String reference, Map<String, JsonNode> inputs) {
    return call(reference, inputs, CallOptions.DEFAULT);
  }

  /**
   * Runs an action and returns its first page, with options such as an observer of its exchanges.
   *
   * @param reference the action, such as {@code okta.list_users} or {@code okta@prod.list_users}
   * @param inputs input names to JSON values
   * @param options the call's options
   * @return the first page
   * @throws ActionError for every failure, typed and scrubbed of secrets
   * @throws UnknownActionException when no action has that reference
   */
  public ActionResult call(String reference, Map<String, JsonNode> inputs, CallOptions options) {
    return firstPage(registry.hold(catalog().require(reference)), inputs, options);
  }

  /**
   * Runs an action and follows its pagination lazily: each page is requested only when the stream asks for
   * it, so memory stays bounded by one page. Limit the stream to cap pages. Close the stream (or read it to its
   * end): until then it holds its connector's runtime open.
   *
   * @param plan the action; when its connector was replaced since the plan was had, the action of the same
   *     name in the current version runs
   * @param inputs input names to JSON values
   * @return the pages in order, at least one
   * @throws ActionError from the stream's operations for every failure (inputs are checked before the
   *     first request, so a bad input throws here)
   * @throws UnknownActionException when the action's connector, or the action, is no longer there
   */
  public Stream<ActionResult> pages(ActionPlan plan, Map<String, JsonNode> inputs) {
    return pages(plan, inputs, CallOptions.DEFAULT);
  }

  /**
   * Runs an action and follows its pagination lazily, with options such as an observer of its exchanges (each
   * page's and each retry's). As {@link #pages(ActionPlan, Map)} otherwise.
   *
   * @param plan the action
   * @param inputs input names to JSON values
   * @param options the call's options
   * @return the pages in order, at least one
   * @throws ActionError from the stream's operations for every failure
   * @throws UnknownActionException when the action's connector, or the action, is no longer there
   */
  public Stream<ActionResult> pages(ActionPlan plan, Map<String, JsonNode> inputs, CallOptions options) {
    Objects.requireNonNull(options, "options");
    ConnectorRegistry.Held held = registry.hold(plan);
    ConnectorVersion.Hold hold = held.hold();
    try {
      ObjectNode bound = bind(held.plan(), inputs);
      Iterator<ActionResult> walk = walk(hold, held.plan(), bound, options);
      Cleaner.Cleanable release = STREAMS.register(walk, hold::close);
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL), false)
          .onClose(release::clean);
    } catch (RuntimeException e) {
      hold.close();
      throw e;
    }
  }

  /** Runs an action on a version already held and returns its first page; lets go of the hold. */
  private ActionResult firstPage(ConnectorRegistry.Held held, Map<String, JsonNode> inputs, CallOptions options) {
    try (ConnectorVersion.Hold hold = held.hold()) {
      return walk(hold, held.plan(), bind(held.plan(), inputs), options).next();
    }
  }

  private ObjectNode bind(ActionPlan plan, Map<String, JsonNode> inputs) {
    try {
      return plan.bind(inputs);
    } catch (ActionError e) {
      throw e.scrubbed(redactor::scrub);
    }
  }

  /** Returns the pages of one call: a compound's single result, or a listing's walk; the hold is let go at the end. */
  private Iterator<ActionResult> walk(ConnectorVersion.Hold hold, ActionPlan plan, ObjectNode bound, CallOptions options) {
    if (plan.definition().compound()) {
      ConnectorVersion version = hold.version();
      CompoundRun run = new CompoundRun(plan, name -> version.action(name).orElseThrow(() -> new UnknownActionException(
          "no action named '" + plan.connector().name() + "." + name + "'")), (target, inputs) -> firstPage(
              new ConnectorRegistry.Held(version.hold().orElseThrow(), target), inputs, options), redactor);
      return new OneResult(() -> run.run(bound), hold::close);
    }
    return new PageWalk(plan, bound, hold::runtime, redactor, options.exchanges(), hold::close);
  }

  /** Configures an {@link Engine}. */
  public static final class Builder {
    private Catalog catalog;
    private SecretStore secrets = new EnvironmentSecretStore();
    private ConfigSource config = ConfigSource.environment(System.getenv());
    private Transport transport;
    private Redactor redactor = new Redactor();
    private Consumer<String> requestLog;
    private TimeSource time = TimeSource.SYSTEM;
    private RateLimitStore rateLimits = RateLimitStore.IN_MEMORY;

    private Builder() {}

    /**
     * Sets the clock retries and rate limits wait by (the real one by default), so that tests of waiting advance
     * a clock instead of sleeping.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder time(TimeSource value) {
      this.time = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets where rate-limit buckets live: in this process ({@link RateLimitStore#IN_MEMORY}, the default) or in a
     * store several processes share, so that together they pace as one client.
     *
     * @param value the store
     * @return this builder
     */
    public Builder rateLimits(RateLimitStore value) {
      this.rateLimits = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Reports every request sent on the wire, one line each (method, URL, status, time, request id), scrubbed
     * of secrets; headers are never included.
     *
     * @param sink where the lines go, such as stderr
     * @return this builder
     */
    public Builder requestLog(Consumer<String> sink) {
      this.requestLog = Objects.requireNonNull(sink);
      return this;
    }

    /** Sets where secrets are resolved. @param value the store (chain several with {@link SecretStore#chain}) @return this builder */
    public Builder secrets(SecretStore value) {
      this.secrets = Objects.requireNonNull(value);
      return this;
    }

    /** Sets where connector settings are read. @param value the source @return this builder */
    public Builder config(ConfigSource value) {
      this.config = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets one transport for every connector, replacing each connector's own HttpClient transport (whose
     * connect timeout, request timeout and size cap then no longer apply). For tests and instrumentation.
     *
     * @param value the transport
     * @return this builder
     */
    public Builder transport(Transport value) {
      this.transport = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the redactor secrets are registered with. @param value the redactor @return this builder */
    public Builder redactor(Redactor value) {
      this.redactor = Objects.requireNonNull(value);
      return this;
    }

    /** Builds the engine. @return the engine */
    public Engine build() {
      return new Engine(this);
    }
  }
}
