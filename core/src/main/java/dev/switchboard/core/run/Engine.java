package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.plan.UnknownActionException;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.core.transport.ApacheHttpTransport;
import dev.switchboard.core.transport.Transport;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs actions: binds inputs, renders the request, sends it through the connector's chain (retry, rate
 * limit, auth, redirects, decompression, transport), decodes, paginates and maps the output. Thread-safe;
 * one engine serves many concurrent calls.
 *
 * <p>Each connector is resolved once, on first use: its settings are read, its base URL rendered and
 * checked, its secrets resolved and registered with the {@link Redactor}, and its chain built (so its
 * rate-limit state and token cache are shared by every call). Every {@link ActionError} leaving the engine
 * has been scrubbed of registered secrets.
 */
public final class Engine {
  /** The most pages one call follows unless its pagination sets max_pages (polling feeds excepted): 100,000. */
  public static final int MAX_PAGES = 100_000;

  private final Catalog catalog;
  private final Redactor redactor;
  private final RuntimeBuilder builder;
  private final Map<String, ConnectorRuntime> runtimes = new ConcurrentHashMap<>();

  private Engine(Builder b) {
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.redactor = b.redactor;
    this.builder = new RuntimeBuilder(b.secrets, b.config, Optional.ofNullable(b.transport), b.redactor,
        Optional.ofNullable(b.requestLog));
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

  /** Returns the catalog this engine runs. */
  public Catalog catalog() {
    return catalog;
  }

  /** Returns the redactor that holds every secret this engine has resolved. */
  public Redactor redactor() {
    return redactor;
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
    return firstPage(catalog.require(reference), inputs);
  }

  private ActionResult firstPage(ActionPlan plan, Map<String, JsonNode> inputs) {
    try (Stream<ActionResult> pages = pages(plan, inputs)) {
      return pages.findFirst().orElseThrow();
    }
  }

  /**
   * Runs an action and follows its pagination lazily: each page is requested only when the stream asks for
   * it, so memory stays bounded by one page. Limit the stream to cap pages.
   *
   * @param plan the action
   * @param inputs input names to JSON values
   * @return the pages in order, at least one
   * @throws ActionError from the stream's operations for every failure (inputs are checked before the
   *     first request, so a bad input throws here)
   */
  public Stream<ActionResult> pages(ActionPlan plan, Map<String, JsonNode> inputs) {
    ObjectNode bound;
    try {
      bound = plan.bind(inputs);
    } catch (ActionError e) {
      throw e.scrubbed(redactor::scrub);
    }
    if (plan.definition().compound()) {
      CompoundRun run = new CompoundRun(plan, name -> catalog.require(plan.connector().name() + "." + name), this::firstPage, redactor);
      return Stream.of(bound).map(run::run);
    }
    Iterator<ActionResult> iterator = new PageWalk(plan, bound, () -> connect(plan.connector()), redactor);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private ConnectorRuntime connect(ConnectorDefinition connector) {
    ConnectorRuntime existing = runtimes.get(connector.name());
    if (existing != null) {
      return existing;
    }
    ConnectorRuntime created = builder.build(connector);
    ConnectorRuntime raced = runtimes.putIfAbsent(connector.name(), created);
    return raced == null ? created : raced;
  }

  /** Configures an {@link Engine}. */
  public static final class Builder {
    private Catalog catalog;
    private SecretStore secrets = new EnvironmentSecretStore();
    private ConfigSource config = ConfigSource.environment(System.getenv());
    private Transport transport;
    private Redactor redactor = new Redactor();
    private Consumer<String> requestLog;

    private Builder() {}

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
