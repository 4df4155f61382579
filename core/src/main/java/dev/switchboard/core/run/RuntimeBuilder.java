package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.auth.AuthContext;
import dev.switchboard.core.auth.AuthInterceptor;
import dev.switchboard.core.auth.Authenticator;
import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.definition.BaseUrl;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.SecretVariables;
import dev.switchboard.core.definition.TransportSettings;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.ratelimit.RateLimitFields;
import dev.switchboard.core.ratelimit.RateLimitInterceptor;
import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.core.retry.RetryInterceptor;
import dev.switchboard.core.retry.Retryer;
import dev.switchboard.core.retry.StandardRetryer;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.core.template.Escaper;
import dev.switchboard.core.template.TemplateException;
import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.ApacheHttpTransport;
import dev.switchboard.core.transport.DecompressionInterceptor;
import dev.switchboard.core.transport.ExchangeRecorder;
import dev.switchboard.core.transport.Interceptor;
import dev.switchboard.core.transport.RedirectInterceptor;
import dev.switchboard.core.transport.RequestLog;
import dev.switchboard.core.transport.Response;
import dev.switchboard.core.transport.Transport;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a connector ready to send, in named steps: read its settings ({@link #settings}), check that every
 * setting its base URL needs is there ({@link #requireSettings}), render and check the base URL
 * ({@link #baseUrl}), resolve its secrets into an authenticator (registering them with the redactor), and build
 * its chain. Thread-safe; holds only what every connector shares. The runtime owns the transport it made and
 * the redactor scope its secrets and tokens are registered through, and lets go of both when closed.
 */
final class RuntimeBuilder {
  private static final Pattern CONFIG_NAME = Pattern.compile("config\\.([A-Za-z0-9_]+)");

  private final SecretStore secrets;
  private final ConfigSource config;
  private final Optional<Transport> sharedTransport;
  private final Redactor redactor;
  private final Optional<Consumer<String>> requestLog;
  private final TimeSource time;
  private final RateLimitStore rateLimits;

  /**
   * @param secrets where secrets are resolved
   * @param config where settings are read
   * @param sharedTransport one transport for every connector (tests, instrumentation), or empty for each
   *     connector's own {@link ApacheHttpTransport}
   * @param redactor where every resolved secret is registered
   * @param requestLog where each request sent is reported, one scrubbed line each, if anywhere
   * @param time the clock retries and rate limits wait by
   * @param rateLimits where the connectors' rate-limit buckets live
   */
  RuntimeBuilder(SecretStore secrets, ConfigSource config, Optional<Transport> sharedTransport, Redactor redactor,
      Optional<Consumer<String>> requestLog, TimeSource time, RateLimitStore rateLimits) {
    this.secrets = secrets;
    this.config = config;
    this.sharedTransport = sharedTransport;
    this.redactor = redactor;
    this.requestLog = requestLog;
    this.time = time;
    this.rateLimits = rateLimits;
  }

  /**
   * Builds a connector's runtime.
   *
   * @param connector the connector
   * @param inUse the connectors of the engine now, whose secrets' variables no setting may read
   * @return the runtime
   * @throws ActionError (configuration) when a setting or secret is missing or unusable, naming it and where it
   *     is set; (bad_definition) when the base URL template cannot render or a setting would read a secret's variable
   */
  ConnectorRuntime build(ConnectorDefinition connector, Collection<ConnectorDefinition> inUse) {
    ObjectNode settings = settings(connector, inUse);
    requireSettings(connector, settings);
    ObjectNode scope = JsonNodeFactory.instance.objectNode();
    scope.set("config", settings);
    URI baseUrl = baseUrl(connector, scope);
    TransportSettings t = connector.transport();
    List<AutoCloseable> owned = new ArrayList<>();
    Redactor registrations = redactor.scope();
    Transport wire = sharedTransport.orElseGet(() -> {
      Transport own = new ApacheHttpTransport(t.connectTimeout(), t.requestTimeout(), t.maxResponseBytes());
      owned.add(own);
      return own;
    });
    owned.add(registrations);
    Predicate<URI> allowedHost = allowedHosts(baseUrl, t.allowedHosts());
    Authenticator authenticator;
    try {
      authenticator = new AuthContext(connector.name(), scope, secrets, registrations, wire, allowedHost).authenticator(connector.auth());
    } catch (SecretException | IllegalArgumentException e) {
      ConnectorRuntime.closeAll(owned);
      throw ActionError.builder(ErrorCategory.CONFIGURATION, connector.name(), e.getMessage()).build();
    }
    ResponseDecoder decoder = ResponseDecoder.of(connector);
    return new ConnectorRuntime(baseUrl, settings, authenticator,
        chain(connector, baseUrl, allowedHost, authenticator, wire, decoder), decoder, owned);
  }

  /**
   * Returns the connector's settings that are set, as a JSON object of strings. A setting whose variable holds a
   * secret in use (of any connector of the engine) is not read: that is a definition error.
   */
  private ObjectNode settings(ConnectorDefinition connector, Collection<ConnectorDefinition> inUse) {
    ObjectNode settings = JsonNodeFactory.instance.objectNode();
    for (ConfigVariable variable : connector.config().values()) {
      variable.env().flatMap(env -> SecretVariables.problem(env, inUse)).ifPresent(problem -> {
        throw ActionError.builder(ErrorCategory.BAD_DEFINITION, connector.name(), "connector '" + connector.name()
            + "': setting '" + variable.name() + "' is not read: " + problem).build();
      });
      config.value(connector.name(), variable).ifPresent(v -> settings.put(variable.name(), v));
    }
    return settings;
  }

  /**
   * Tells whether the base URL is made of settings alone (Okta's {@code {{config.org_url}}}): then a path in it came
   * from whoever set them, not from the definition's author, and a path the actions repeat is their mistake.
   */
  private static boolean wholeFromSettings(ConnectorDefinition connector) {
    return connector.baseUrl().source().replaceAll("\\{\\{[^}]*\\}\\}", "").isBlank();
  }

  /** Returns the settings the base URL template uses, in order. */
  private static Set<String> baseUrlSettings(ConnectorDefinition connector) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = CONFIG_NAME.matcher(connector.baseUrl().source());
    while (m.find()) {
      if (connector.config().containsKey(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Fails naming the first setting the base URL uses that is not set, and how to set it. */
  private void requireSettings(ConnectorDefinition connector, ObjectNode settings) {
    for (String name : baseUrlSettings(connector)) {
      if (!settings.has(name)) {
        ConfigVariable variable = connector.config().get(name);
        throw ActionError.builder(ErrorCategory.CONFIGURATION, connector.name(), "connector '" + connector.name()
            + "' needs the setting '" + name + "'" + (variable.description().isEmpty() ? "" : " (" + variable.description() + ")")
            + ": set " + config.describe(connector.name(), variable) + variable.example().map(e -> ", for example " + e).orElse("")).build();
      }
    }
  }

  /**
   * Renders the base URL and checks it (https, or http on loopback; a host; no query; a path that the actions'
   * paths do not repeat); a problem names the settings it was rendered from and where they are set.
   */
  private URI baseUrl(ConnectorDefinition connector, ObjectNode scope) {
    String ref = connector.name();
    String text;
    try {
      text = connector.baseUrl().render(scope, Escaper.NONE).strip();
    } catch (TemplateException e) {
      throw ActionError.builder(ErrorCategory.BAD_DEFINITION, ref, "connector '" + ref + "': base_url: " + e.getMessage()).build();
    }
    String problem = Optional.ofNullable(BaseUrl.problem(text))
        .or(() -> wholeFromSettings(connector) ? BaseUrl.repeatedPath(URI.create(text), connector.actions()) : Optional.empty())
        .orElse(null);
    if (problem != null) {
      List<String> from = new ArrayList<>();
      for (String name : baseUrlSettings(connector)) {
        from.add(config.describe(connector.name(), connector.config().get(name)));
      }
      throw ActionError.builder(ErrorCategory.CONFIGURATION, ref, "connector '" + ref + "': " + problem
          + (from.isEmpty() ? "" : "; the base URL comes from " + String.join(" and ", from))).build();
    }
    return URI.create(text);
  }

  /** Returns whether a URI may be reached: the base URL's origin, or an allowed host over https. */
  private static Predicate<URI> allowedHosts(URI baseUrl, List<String> hosts) {
    Set<String> allowed = new LinkedHashSet<>(hosts);
    return uri -> ActionPlan.sameOrigin(uri, baseUrl)
        || (uri.getHost() != null && allowed.contains(uri.getHost().toLowerCase(Locale.ROOT))
            && "https".equalsIgnoreCase(uri.getScheme()));
  }

  /** Returns the requests left in the rate-limit window a response reports, if it reports one. */
  private OptionalLong remaining(RateLimitFields fields, Response response) {
    long remaining = fields.read(response, time.epochMillis()).remaining();
    return remaining >= 0 ? OptionalLong.of(remaining) : OptionalLong.empty();
  }

  /** Builds the chain: retry, rate limit, auth, redirects, decompression, (request log), exchange recorder, transport. */
  private Interceptor.Pipeline chain(ConnectorDefinition connector, URI baseUrl, Predicate<URI> allowedHost,
      Authenticator authenticator, Transport wire, ResponseDecoder decoder) {
    TransportSettings t = connector.transport();
    Set<String> credentialHeaders = connector.auth() instanceof AuthConfig.ApiKey k && k.placement() == AuthConfig.Placement.HEADER
        ? Set.of(k.name()) : Set.of();
    String scope = RateLimitInterceptor.scopeOf(baseUrl);
    RateLimitInterceptor rateLimit = new RateLimitInterceptor(t.maxConcurrent(), t.rateLimit(), 0, time, rateLimits, scope);
    Retryer retryer = new StandardRetryer(t.retry(), rateLimit.clock(), t.rateLimit(), time);
    List<Interceptor> links = new ArrayList<>(List.of(
        new RetryInterceptor(retryer, t.retry().headers(), decoder::requestId, time),
        rateLimit,
        new AuthInterceptor(authenticator),
        new RedirectInterceptor(baseUrl, allowedHost, credentialHeaders),
        new DecompressionInterceptor(t.maxResponseBytes())));
    requestLog.ifPresent(sink -> links.add(new RequestLog(sink, redactor::scrub, decoder::requestId,
        response -> remaining(t.rateLimit(), response).stream().mapToObj(Long::toString).findFirst())));
    links.add(new ExchangeRecorder(redactor::scrub, decoder::requestId, response -> remaining(t.rateLimit(), response)));
    return Interceptor.pipeline(links, wire);
  }
}
