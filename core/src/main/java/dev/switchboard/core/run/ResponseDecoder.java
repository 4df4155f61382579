package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.switchboard.core.auth.TokenRequestException;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ErrorDecoder;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.ratelimit.RateLimitFields;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import dev.switchboard.core.transport.MalformedResponseException;
import dev.switchboard.core.transport.Response;
import dev.switchboard.core.transport.ResponseCutShortException;
import dev.switchboard.core.transport.ResponseTooLargeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;

/**
 * The one place that turns a response (or a failure to get one) into an {@link ActionResult} body or a typed
 * {@link ActionError}. One per connector: its {@link ErrorDecoder} reads the service's error bodies (declared in
 * {@code errors:}, else the common shapes), its {@link RateLimitFields} read the rate-limit reset for hints, and its
 * request-id header names the request for support. An HTML or other body in no known shape is reported with its
 * status, content type and a short excerpt.
 */
final class ResponseDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT_CHARS = 160;
  private static final List<String> COMMON_REQUEST_ID_HEADERS = List.of("x-request-id", "request-id", "x-correlation-id");
  private static final Set<String> COMMON_KEPT_HEADERS = Set.of("content-type", "date", "etag", "link", "location", "retry-after");

  private final ErrorDecoder errors;
  private final RateLimitFields rateLimit;
  private final List<String> requestIdHeaders;
  private final Set<String> keptHeaders;

  /**
   * @param errors reads the service's error bodies
   * @param rateLimit reads its rate-limit headers (for the reset named in a 429's message)
   * @param requestIdHeader the header of its request id, when it declares one
   */
  ResponseDecoder(ErrorDecoder errors, RateLimitFields rateLimit, Optional<String> requestIdHeader) {
    this.errors = errors;
    this.rateLimit = rateLimit;
    List<String> ids = new ArrayList<>();
    requestIdHeader.ifPresent(h -> ids.add(h.toLowerCase(Locale.ROOT)));
    COMMON_REQUEST_ID_HEADERS.stream().filter(h -> !ids.contains(h)).forEach(ids::add);
    this.requestIdHeaders = List.copyOf(ids);
    Set<String> kept = new HashSet<>(COMMON_KEPT_HEADERS);
    kept.addAll(ids);
    kept.addAll(rateLimit.names());
    this.keptHeaders = Set.copyOf(kept);
  }

  /** Returns the decoder of a connector's declarations. */
  static ResponseDecoder of(ConnectorDefinition connector) {
    return new ResponseDecoder(JmesPathErrorDecoder.of(connector.errors()), connector.transport().rateLimit(), connector.requestIdHeader());
  }

  /** Returns the headers of a response that an {@link ActionResult} keeps. */
  Map<String, List<String>> keptHeaders(Response response) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    response.headers().forEach((k, v) -> {
      if (keptHeaders.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * Returns the service's request id: the declared header, else a common one, else the first header whose name ends
   * in {@code -request-id} or {@code -requestid} (services that prefix their own name, such as
   * {@code X-Amzn-RequestId} or {@code x-ms-request-id}).
   */
  Optional<String> requestId(Response response) {
    for (String header : requestIdHeaders) {
      Optional<String> id = response.header(header);
      if (id.isPresent()) {
        return id;
      }
    }
    for (Map.Entry<String, List<String>> e : response.headers().entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if ((name.endsWith("-request-id") || name.endsWith("-requestid")) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * Decodes a successful body, or throws the error the response stands for.
   *
   * @param plan the action
   * @param auth how the connector authenticates, for hints (never a secret); asked only on an error
   * @param response the response
   * @param scrub removes secrets from text; a body's excerpt in an error is scrubbed whole, before it is cut
   * @return the JSON body (a null node when empty)
   * @throws ActionError for a status of 300 or more, or a 2xx body that is not JSON
   */
  JsonNode decode(ActionPlan plan, Supplier<String> auth, Response response, UnaryOperator<String> scrub) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      if (response.body().length == 0 || status == 204) {
        return NullNode.getInstance();
      }
      String type = response.mediaType();
      boolean jsonType = type.isEmpty() || type.equals("application/json") || type.endsWith("+json");
      if (jsonType) {
        try {
          return JSON.readTree(response.body());
        } catch (IOException e) {
          // fall through to the non-JSON report
        }
      }
      throw ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": " + service(plan) + " answered "
              + status + " with " + (jsonType ? "a body that is not valid JSON" : "content type " + type + ", not JSON")
              + "; first bytes: " + excerpt(response.body(), scrub))
          .status(status).requestId(requestId(response).orElse(null)).build();
    }
    throw error(plan, auth.get(), response, scrub);
  }

  private ActionError error(ActionPlan plan, String auth, Response response, UnaryOperator<String> scrub) {
    int status = response.status();
    JsonNode body;
    try {
      body = response.body().length == 0 ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    Optional<UpstreamError> read = errors.decode(body);
    String code = read.flatMap(UpstreamError::code).orElse(null);
    String summary = read.flatMap(UpstreamError::message).orElse(null);
    List<String> causes = read.map(UpstreamError::causes).orElse(List.of());
    String requestId = requestId(response).or(() -> read.flatMap(UpstreamError::requestId)).orElse(null);
    ErrorCategory category = read.flatMap(UpstreamError::category).orElseGet(() -> category(status));
    StringBuilder message = new StringBuilder(plan.id()).append(": ").append(service(plan)).append(" answered ").append(status);
    if (code != null) {
      message.append(' ').append(code);
    }
    if (summary != null) {
      message.append(" \"").append(summary).append('"');
    } else if (read.isEmpty() && response.body().length > 0) {
      message.append(body == null
              ? " with content type " + (response.mediaType().isEmpty() ? "(none)" : response.mediaType()) + ", not an error body"
              : " with a JSON body in no error shape known to connector '" + plan.connector().name()
                  + "' (it can declare its shape under errors:)")
          .append("; first bytes: ").append(excerpt(response.body(), scrub));
    }
    if (!causes.isEmpty()) {
      message.append(" (").append(String.join("; ", causes)).append(')');
    }
    message.append('.');
    String hint = hint(plan, auth, category, response);
    if (!hint.isEmpty()) {
      message.append(' ').append(hint);
    }
    if (code != null && plan.definition().errorHints().containsKey(code)) {
      message.append(' ').append(plan.definition().errorHints().get(code).strip());
    }
    if (requestId != null) {
      message.append(" Request id: ").append(requestId).append('.');
    }
    return ActionError.builder(category, plan.id(), message.toString())
        .status(status).upstream(code, summary).causes(causes).requestId(requestId).build();
  }

  /** The category a status stands for, when the service's code does not say. */
  private static ErrorCategory category(int status) {
    return switch (status) {
      case 400, 405, 406, 411, 413, 414, 415, 422 -> ErrorCategory.VALIDATION;
      case 401 -> ErrorCategory.AUTH;
      case 403 -> ErrorCategory.PERMISSION;
      case 404, 410 -> ErrorCategory.NOT_FOUND;
      case 409, 412 -> ErrorCategory.CONFLICT;
      case 429 -> ErrorCategory.RATE_LIMITED;
      case 408, 504 -> ErrorCategory.TIMEOUT;
      default -> ErrorCategory.UPSTREAM;
    };
  }

  private String hint(ActionPlan plan, String auth, ErrorCategory category, Response response) {
    String connector = plan.connector().name();
    return switch (category) {
      case AUTH -> "Connector '" + connector + "' sends " + auth + "; check that the credential is right, not revoked"
          + " or expired, and of the kind that scheme expects (an OAuth access token is not an API token). Not retried.";
      case PERMISSION -> "The credential of connector '" + connector + "' is valid but lacks the permission or scope for this call.";
      case CONFLICT -> "The resource's current state does not allow this; check it first.";
      case RATE_LIMITED -> {
        long reset = rateLimit.read(response, System.currentTimeMillis()).resetEpochSeconds();
        yield reset > 0 ? "The rate limit resets at " + Instant.ofEpochSecond(reset) + "." : "";
      }
      default -> response.status() >= 300 && response.status() < 400
          ? "Redirects are not followed, so credentials stay with " + plan.connector().name() + "'s host"
              + response.header("location").map(l -> "; it pointed to " + originOf(l)).orElse("") + "."
          : "";
    };
  }

  /**
   * Maps a failure to get any response.
   *
   * @param plan the action
   * @param uri the URI that was requested
   * @param e the failure
   * @param call the call it ended, for what it tried (attempts, time spent)
   * @return the typed error
   */
  static ActionError failure(ActionPlan plan, URI uri, IOException e, CallContext call) {
    String target = uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    if (e instanceof CallTimeoutException) {
      return ActionError.builder(ErrorCategory.TIMEOUT, plan.id(), plan.id() + ": " + e.getMessage()
          + " (the connector's timeouts.call_ms)").cause(e).build();
    }
    if (e instanceof TokenRequestException token) {
      ErrorCategory category = token.status() >= 500 ? ErrorCategory.UPSTREAM : ErrorCategory.AUTH;
      return ActionError.builder(category, plan.id(), plan.id() + ": " + e.getMessage()
          + ". Connector '" + plan.connector().name() + "' could not get an access token; check its client id, key or secret and scopes.")
          .status(token.status()).upstream(token.error(), null).cause(e).build();
    }
    if (e instanceof MalformedResponseException malformed && malformed.status() == 0) {
      return ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": " + service(plan) + " at " + target
          + " answered with something that is not valid HTTP/1.1 (" + e.getMessage() + ")").cause(e).build();
    }
    if (e instanceof MalformedResponseException malformed) {
      return ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": " + service(plan) + " answered "
          + malformed.status() + " but " + e.getMessage()).status(malformed.status()).cause(e).build();
    }
    if (e instanceof HttpConnectTimeoutException) {
      return ActionError.builder(ErrorCategory.TIMEOUT, plan.id(), plan.id() + ": connecting to " + target + " timed out").cause(e).build();
    }
    if (e instanceof HttpTimeoutException) {
      return ActionError.builder(ErrorCategory.TIMEOUT, plan.id(), plan.id() + ": " + service(plan) + " at " + target
          + " did not answer in time: " + TimeoutReport.of(plan.connector().transport(), call)).cause(e).build();
    }
    if (e instanceof ResponseCutShortException cut) {
      return ActionError.builder(ErrorCategory.NETWORK, plan.id(), plan.id() + ": " + service(plan) + " at " + target + " answered "
          + cut.status() + " but " + e.getMessage()).status(cut.status()).cause(e).build();
    }
    if (e instanceof ResponseTooLargeException tooLarge) {
      return ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": the response is larger than the cap of "
          + tooLarge.capBytes() + " bytes; ask for a smaller page (a lower limit)").cause(e).build();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause;
    if (root instanceof UnknownHostException) {
      cause = "unknown host " + uri.getHost() + " (check the org URL)";
    } else if (root instanceof SSLException) {
      cause = "TLS failed: " + root.getMessage();
    } else if (root instanceof ConnectException || e instanceof ConnectException) {
      cause = "connection refused";
    } else {
      cause = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
    return ActionError.builder(ErrorCategory.NETWORK, plan.id(), plan.id() + ": cannot reach " + target + ": " + cause).cause(e).build();
  }

  private static String service(ActionPlan plan) {
    return plan.connector().title();
  }

  private static String originOf(String location) {
    try {
      URI uri = URI.create(location.strip());
      return uri.getHost() == null ? "a relative location" : uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return "an invalid location";
    }
  }

  private static final int EXCERPT_SCRUB_MARGIN = 4096;

  /**
   * Returns the first bytes of a body as one line of text, for error messages. The text is scrubbed before its
   * whitespace is collapsed and it is cut, so a secret that straddles the cut or holds runs of spaces shows no part
   * of itself; the slice read reaches {@value #EXCERPT_SCRUB_MARGIN} bytes past what can be shown for the same
   * reason.
   */
  static String excerpt(byte[] body, UnaryOperator<String> scrub) {
    String text = scrub.apply(new String(body, 0, Math.min(body.length, EXCERPT_CHARS * 4 + EXCERPT_SCRUB_MARGIN),
            StandardCharsets.UTF_8))
        .replaceAll("\\s+", " ").strip();
    if (text.length() > EXCERPT_CHARS) {
      text = text.substring(0, EXCERPT_CHARS) + "...";
    }
    return "\"" + text + "\"";
  }
}
