package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.auth.AuthContext;
import dev.switchboard.core.auth.AuthInterceptor;
import dev.switchboard.core.auth.Authenticator;
import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.paging.Paginator;
import dev.switchboard.core.definition.TransportSettings;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.ratelimit.RateLimitInterceptor;
import dev.switchboard.core.retry.RetryInterceptor;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.core.template.Escaper;
import dev.switchboard.core.template.TemplateException;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.DecompressionInterceptor;
import dev.switchboard.core.transport.ApacheHttpTransport;
import dev.switchboard.core.transport.Interceptor;
import dev.switchboard.core.transport.RedirectInterceptor;
import dev.switchboard.core.transport.RequestLog;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import dev.switchboard.core.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Pattern CONFIG_NAME = Pattern.compile("config\\.([A-Za-z0-9_]+)");

  private final Catalog catalog;
  private final SecretStore secrets;
  private final ConfigSource config;
  private final Transport transport;
  private final Redactor redactor;
  private final java.util.function.Consumer<String> requestLog;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  private Engine(Builder b) {
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.secrets = b.secrets;
    this.config = b.config;
    this.transport = b.transport;
    this.redactor = b.redactor;
    this.requestLog = b.requestLog;
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
   * @throws dev.switchboard.core.plan.UnknownActionException when no action has that reference
   */
  public ActionResult call(String reference, Map<String, JsonNode> inputs) {
    try (Stream<ActionResult> pages = pages(catalog.require(reference), inputs)) {
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
      return Stream.of(bound).map(b -> runCompound(plan, b));
    }
    Iterator<ActionResult> iterator = new PageIterator(plan, bound);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private final class PageIterator implements Iterator<ActionResult> {
    private final ActionPlan plan;
    private final ObjectNode bound;
    private Request pending;
    private Connection connection;
    private int page;
    private long items;
    private boolean lastEmpty;
    private ActionError deferred;
    private final Set<URI> seen = new java.util.HashSet<>();

    PageIterator(ActionPlan plan, ObjectNode bound) {
      this.plan = plan;
      this.bound = bound;
    }

    @Override
    public boolean hasNext() {
      return page == 0 || pending != null || deferred != null;
    }

    @Override
    public ActionResult next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (deferred != null) {
        ActionError e = deferred;
        deferred = null;
        throw e;
      }
      try {
        if (page == 0) {
          connection = connect(plan.connector());
          pending = plan.render(bound, connection.baseUrl, connection.config);
        }
        page++;
        Request request = pending;
        pending = null;
        PaginationConfig pagination = plan.definition().pagination();
        if (lastEmpty && pagination instanceof PaginationConfig.LinkHeader link && link.polling() && link.pollIntervalMs() > 0) {
          try {
            Thread.sleep(link.pollIntervalMs());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionError.builder(ErrorCategory.NETWORK, plan.id(), plan.id() + ": interrupted while polling").cause(e).build();
          }
        }
        TransportSettings settings = plan.connector().transport();
        CallContext call = CallContext.start(plan.definition().path().source(), plan.definition().annotations().idempotent(),
            settings.callTimeout());
        Response response;
        try {
          response = connection.pipeline.send(request, call);
        } catch (IOException e) {
          throw ResponseDecoder.failure(plan, request.uri(), e);
        } catch (IllegalArgumentException e) {
          throw ActionError.builder(ErrorCategory.VALIDATION, plan.id(), plan.id() + ": the request cannot be sent: "
              + redactor.scrub(String.valueOf(e.getMessage()))).build();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw ActionError.builder(ErrorCategory.NETWORK, plan.id(), plan.id() + ": interrupted").cause(e).build();
        }
        JsonNode body = redactor.scrub(ResponseDecoder.decode(plan, connection.authenticator::describe, response, redactor::scrub));
        if (!plan.output().recordsFound(body)) {
          throw ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": " + plan.connector().title() + " answered "
              + response.status() + " without the list of records the action expects (output.records: "
              + plan.definition().output().records().orElse("") + "); the body is " + (body.isObject() ? "an object" : body.isNull() ? "empty" : "not a list"))
              .status(response.status()).requestId(ResponseDecoder.requestId(response)).build();
        }
        int records = plan.output().count(body);
        Optional<Long> pageSize = pagination.limitParam().map(bound::get).filter(JsonNode::canConvertToLong).map(JsonNode::asLong);
        Optional<URI> next = plan.paginator().next(new Paginator.Page(request.uri(), response, body, records, pageSize));
        JsonNode output = plan.output().apply(body);
        items += records;
        lastEmpty = records == 0;
        PaginationConfig.Stop stop = pagination.stop();
        if (stop.maxItems().isPresent() && items >= stop.maxItems().getAsLong()) {
          long over = items - stop.maxItems().getAsLong();
          if (over > 0 && output.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode cut = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < output.size() - over; i++) {
              cut.add(output.get(i));
            }
            output = cut;
          }
          next = Optional.empty();
        }
        if ((stop.emptyPage() && records == 0) || stop.maxPages().stream().anyMatch(max -> page >= max)) {
          next = Optional.empty();
        }
        if (next.isPresent()) {
          URI uri = next.get();
          boolean polling = pagination instanceof PaginationConfig.LinkHeader link && link.polling();
          if (!ActionPlan.sameOrigin(uri, connection.baseUrl)) {
            deferred = ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": the next page link points to "
                + uri.getScheme() + "://" + uri.getRawAuthority() + ", outside the connector's "
                + connection.baseUrl.getScheme() + "://" + connection.baseUrl.getRawAuthority()
                + "; refused, so credentials are not sent there").status(response.status()).build().scrubbed(redactor::scrub);
          } else if (!polling && (uri.equals(request.uri()) || !seen.add(uri))) {
            deferred = ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id()
                + ": the next page link repeats a page already read; stopped to avoid a loop").status(response.status()).build();
          } else if (!polling && page >= MAX_PAGES) {
            deferred = ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": stopped after " + MAX_PAGES
                + " pages, the most one call follows; set pagination.max_pages or narrow the query").status(response.status()).build();
          } else {
            pending = "GET".equals(request.method()) ? request.withUri(uri) : new Request("GET", uri, request.headers(), new byte[0]);
          }
        }
        Optional<String> cursor = next.flatMap(plan.paginator()::cursor).map(redactor::scrub);
        return new ActionResult(plan.id(), response.status(), scrubbedHeaders(ResponseDecoder.keptHeaders(response)), body,
            output, Optional.ofNullable(ResponseDecoder.requestId(response)),
            response.durationNanos() / 1_000_000, page, next.map(Engine.this::scrubbedUri), cursor, call.stats().snapshot());
      } catch (ActionError e) {
        pending = null;
        throw e.scrubbed(redactor::scrub);
      }
    }
  }

  /** Returns the headers with secrets scrubbed from their values (a Link or Location may echo a query-placed key). */
  private Map<String, java.util.List<String>> scrubbedHeaders(Map<String, java.util.List<String>> headers) {
    boolean holdsSecret = headers.values().stream().flatMap(java.util.List::stream)
        .anyMatch(v -> !redactor.scrub(v).equals(v));
    if (!holdsSecret) {
      return headers;
    }
    Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
    headers.forEach((name, values) -> out.put(name, values.stream().map(redactor::scrub).toList()));
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * Returns the next page's URI as shown to callers: with any secret in it replaced by {@code %5BREDACTED%5D}
   * (the mask, percent-encoded so the URI stays valid). The engine follows the real one itself.
   */
  private URI scrubbedUri(URI uri) {
    String text = uri.toString();
    String clean = redactor.scrub(text);
    if (clean.equals(text)) {
      return uri;
    }
    return URI.create(clean.replace(Redactor.MASK, "%5BREDACTED%5D"));
  }

  private static JsonNode search(ActionPlan plan, int step, String expression, JsonNode scope) {
    try {
      return dev.switchboard.core.output.Jmespath.search(expression, scope);
    } catch (RuntimeException e) {
      throw ActionError.builder(ErrorCategory.BAD_DEFINITION, plan.id(), plan.id() + ": step " + (step + 1) + " of "
          + plan.definition().file() + ": the expression '" + expression + "' failed: " + e.getMessage()).build();
    }
  }

  private static boolean truthy(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode() && !(value.isBoolean() && !value.booleanValue())
        && !(value.isTextual() && value.asText().isEmpty()) && !(value.isContainerNode() && value.isEmpty());
  }

  /**
   * Runs a compound action's steps in order: each step's condition is a JMESPath expression over the scope
   * (the inputs, then each named step's output); an action step runs another action of the connector with
   * inputs built from the scope; a fail step ends with an error; a result step ends with a value. The output
   * is the result, or the last action step's output, mapped by the compound's own output block.
   */
  private ActionResult runCompound(ActionPlan plan, ObjectNode bound) {
    long start = System.nanoTime();
    ObjectNode scope = bound.deepCopy();
    JsonNode result = com.fasterxml.jackson.databind.node.NullNode.getInstance();
    String requestId = null;
    int status = 200;
    long requests = 0;
    long retries = 0;
    long limited = 0;
    long rateWait = 0;
    long backoff = 0;
    java.util.List<String> done = new java.util.ArrayList<>();
    java.util.List<dev.switchboard.core.definition.Step> steps = plan.definition().steps();
    try {
      for (int i = 0; i < steps.size(); i++) {
        dev.switchboard.core.definition.Step step = steps.get(i);
        if (step.when().isPresent() && !truthy(search(plan, i, step.when().get(), scope))) {
          continue;
        }
        if (step.kind() instanceof dev.switchboard.core.definition.Step.Run run) {
          ActionPlan target = catalog.require(plan.connector().name() + "." + run.action());
          JsonNode inputs = run.inputs().render(scope).orElseGet(JsonNodeFactory.instance::objectNode);
          Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
          inputs.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
          ActionResult page;
          try (Stream<ActionResult> pages = pages(target, values)) {
            page = pages.findFirst().orElseThrow();
          } catch (ActionError e) {
            String before = done.isEmpty() ? "" : " after " + String.join(", ", done) + " succeeded (those changes stand)";
            throw ActionError.builder(e.category(), plan.id(), plan.id() + ": step " + (i + 1) + " (" + run.action() + ") failed"
                    + before + ": " + e.getMessage())
                .status(e.status()).upstream(e.errorCode().orElse(null), e.errorSummary().orElse(null))
                .causes(e.errorCauses()).requestId(e.requestId().orElse(null)).field(e.field().orElse(null)).cause(e).build();
          }
          done.add(run.action());
          result = page.output();
          status = page.status();
          requestId = page.requestId().orElse(requestId);
          requests += page.stats().requests();
          retries += page.stats().retries();
          limited += page.stats().rateLimited();
          rateWait += page.stats().rateLimitWaitMs();
          backoff += page.stats().backoffWaitMs();
          if (step.name().isPresent()) {
            scope.set(step.name().get(), page.output());
          }
        } else if (step.kind() instanceof dev.switchboard.core.definition.Step.Fail fail) {
          ErrorCategory category = ErrorCategory.valueOf(fail.category().toUpperCase(Locale.ROOT));
          throw ActionError.builder(category, plan.id(), plan.id() + ": " + fail.message().render(scope, Escaper.NONE)
              + (done.isEmpty() ? "" : " (" + String.join(", ", done) + " already ran)")).build();
        } else if (step.kind() instanceof dev.switchboard.core.definition.Step.Result end) {
          result = search(plan, i, end.expression(), scope);
          break;
        }
      }
    } catch (ActionError e) {
      throw e.scrubbed(redactor::scrub);
    }
    JsonNode value = result == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : redactor.scrub(result);
    JsonNode output = plan.output().apply(value);
    return new ActionResult(plan.id(), status, Map.of(), value, output, Optional.ofNullable(requestId),
        (System.nanoTime() - start) / 1_000_000, 1, Optional.empty(), Optional.empty(),
        new dev.switchboard.core.transport.CallStats.Snapshot(requests, retries, limited, rateWait, backoff));
  }

  private Connection connect(ConnectorDefinition connector) {
    Connection existing = connections.get(connector.name());
    if (existing != null) {
      return existing;
    }
    String ref = connector.name();
    ObjectNode settings = JsonNodeFactory.instance.objectNode();
    for (ConfigVariable variable : connector.config().values()) {
      config.value(connector.name(), variable).ifPresent(v -> settings.put(variable.name(), v));
    }
    ObjectNode scope = JsonNodeFactory.instance.objectNode();
    scope.set("config", settings);
    for (String name : configNames(connector)) {
      if (!settings.has(name)) {
        ConfigVariable variable = connector.config().get(name);
        throw ActionError.builder(ErrorCategory.CONFIGURATION, ref, "connector '" + connector.name() + "' needs the setting '"
            + name + "'" + (variable.description().isEmpty() ? "" : " (" + variable.description() + ")") + ": set "
            + config.describe(connector.name(), variable) + variable.example().map(e -> ", for example " + e).orElse("")).build();
      }
    }
    URI baseUrl = baseUrl(connector, scope);
    TransportSettings t = connector.transport();
    Transport wire = transport != null ? transport
        : new ApacheHttpTransport(t.connectTimeout(), t.requestTimeout(), t.maxResponseBytes());
    Set<String> allowed = new LinkedHashSet<>(t.allowedHosts());
    Predicate<URI> allowedHost = uri -> ActionPlan.sameOrigin(uri, baseUrl)
        || (uri.getHost() != null && allowed.contains(uri.getHost().toLowerCase(Locale.ROOT))
            && "https".equalsIgnoreCase(uri.getScheme()));
    Authenticator authenticator;
    try {
      authenticator = new AuthContext(connector.name(), scope, secrets, redactor, wire, allowedHost).authenticator(connector.auth());
    } catch (SecretException | IllegalArgumentException e) {
      throw ActionError.builder(ErrorCategory.CONFIGURATION, ref, e.getMessage()).build();
    }
    Set<String> credentialHeaders = connector.auth() instanceof AuthConfig.ApiKey k && k.placement() == AuthConfig.Placement.HEADER
        ? Set.of(k.name()) : Set.of();
    RateLimitInterceptor rateLimit = new RateLimitInterceptor(t.maxConcurrent(), t.rateLimitHeaders(), 0);
    List<Interceptor> links = new java.util.ArrayList<>(List.of(
        new RetryInterceptor(t.retry(), rateLimit.clock()),
        rateLimit,
        new AuthInterceptor(authenticator),
        new RedirectInterceptor(baseUrl, allowedHost, credentialHeaders),
        new DecompressionInterceptor(t.maxResponseBytes())));
    if (requestLog != null) {
      links.add(new RequestLog(requestLog, redactor::scrub));
    }
    Interceptor.Pipeline pipeline = Interceptor.pipeline(links, wire);
    Connection created = new Connection(baseUrl, settings, authenticator, pipeline);
    Connection raced = connections.putIfAbsent(connector.name(), created);
    return raced == null ? created : raced;
  }

  private static Iterable<String> configNames(ConnectorDefinition connector) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = CONFIG_NAME.matcher(connector.baseUrl().source());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static URI baseUrl(ConnectorDefinition connector, ObjectNode scope) {
    String ref = connector.name();
    String text;
    try {
      text = connector.baseUrl().render(scope, Escaper.NONE).strip();
    } catch (TemplateException e) {
      throw ActionError.builder(ErrorCategory.BAD_DEFINITION, ref, "connector '" + ref + "': base_url: " + e.getMessage()).build();
    }
    String problem = dev.switchboard.core.definition.BaseUrl.problem(text);
    if (problem != null) {
      throw ActionError.builder(ErrorCategory.CONFIGURATION, ref, "connector '" + ref + "': " + problem).build();
    }
    return URI.create(text);
  }

  private record Connection(URI baseUrl, ObjectNode config, Authenticator authenticator, Interceptor.Pipeline pipeline) {}

  /** Configures an {@link Engine}. */
  public static final class Builder {
    private Catalog catalog;
    private SecretStore secrets = new EnvironmentSecretStore();
    private ConfigSource config = ConfigSource.environment(System.getenv());
    private Transport transport;
    private Redactor redactor = new Redactor();
    private java.util.function.Consumer<String> requestLog;

    private Builder() {}

    /**
     * Reports every request sent on the wire, one line each (method, URL, status, time, request id), scrubbed
     * of secrets; headers are never included.
     *
     * @param sink where the lines go, such as stderr
     * @return this builder
     */
    public Builder requestLog(java.util.function.Consumer<String> sink) {
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
