package dev.switchboard.core.run;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ActionError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The one place that turns a response (or a failure to get one) into an {@link ActionResult} body or a typed
 * {@link ActionError}, as Feign's ErrorDecoder does. Okta's error body
 * ({@code errorCode, errorSummary, errorCauses}; https://developer.okta.com/docs/reference/error-codes/) is
 * kept; an HTML or other non-JSON body is reported with its status, content type and a short excerpt.
 */
final class ResponseDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT_CHARS = 160;
  private static final Set<String> KEPT_HEADERS = Set.of("content-type", "date", "etag", "link", "location",
      "x-okta-request-id", "x-request-id", "x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset");

  private ResponseDecoder() {}

  /** Returns the headers of a response that an {@link ActionResult} keeps. */
  static Map<String, List<String>> keptHeaders(Response response) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    response.headers().forEach((k, v) -> {
      if (KEPT_HEADERS.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  static String requestId(Response response) {
    return response.header("x-okta-request-id").or(() -> response.header("x-request-id")).orElse(null);
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
  static JsonNode decode(ActionPlan plan, java.util.function.Supplier<String> auth, Response response,
      java.util.function.UnaryOperator<String> scrub) {
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
          .status(status).requestId(requestId(response)).build();
    }
    throw error(plan, auth.get(), response, scrub);
  }

  private static ActionError error(ActionPlan plan, String auth, Response response,
      java.util.function.UnaryOperator<String> scrub) {
    int status = response.status();
    String requestId = requestId(response);
    String code = null;
    String summary = null;
    List<String> causes = new ArrayList<>();
    JsonNode body = null;
    try {
      body = response.body().length == 0 ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body != null && body.isObject()) {
      code = text(body, "errorCode");
      summary = text(body, "errorSummary");
      if (summary == null) {
        summary = text(body, "error_description");
        code = code == null ? text(body, "error") : code;
      }
      for (JsonNode cause : body.path("errorCauses")) {
        String s = text(cause, "errorSummary");
        if (s != null) {
          causes.add(s);
        }
      }
    }
    ErrorCategory category = category(status, code);
    StringBuilder message = new StringBuilder(plan.id()).append(": ").append(service(plan)).append(" answered ").append(status);
    if (code != null) {
      message.append(' ').append(code);
    }
    if (summary != null) {
      message.append(" \"").append(summary).append('"');
    } else if (body == null && response.body().length > 0) {
      message.append(" with content type ").append(response.mediaType().isEmpty() ? "(none)" : response.mediaType())
          .append(", not an error body; first bytes: ").append(excerpt(response.body(), scrub));
    }
    if (!causes.isEmpty()) {
      message.append(" (").append(String.join("; ", causes)).append(')');
    }
    message.append('.');
    String hint = hint(plan, auth, category, response, code);
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

  private static ErrorCategory category(int status, String code) {
    if ("E0000005".equals(code) || "E0000011".equals(code)) {
      return ErrorCategory.AUTH;
    }
    if ("E0000038".equals(code) || "E0000016".equals(code) || "E0000112".equals(code)) {
      return ErrorCategory.CONFLICT;
    }
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

  private static String hint(ActionPlan plan, String auth, ErrorCategory category, Response response, String code) {
    String connector = plan.connector().name();
    return switch (category) {
      case AUTH -> "Connector '" + connector + "' sends " + auth + "; check that the credential is right, not revoked"
          + " or expired, and of the kind that scheme expects (an OAuth access token is not an API token). Not retried.";
      case PERMISSION -> "The credential of connector '" + connector + "' is valid but lacks the permission or scope for this call.";
      case CONFLICT -> "The resource's current state does not allow this; check it first (for a user, its status).";
      case RATE_LIMITED -> response.header("x-rate-limit-reset")
          .map(reset -> {
            try {
              return "The rate limit resets at " + Instant.ofEpochSecond(Long.parseLong(reset.strip())) + ".";
            } catch (NumberFormatException e) {
              return "";
            }
          }).orElse("");
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
    if (e instanceof dev.switchboard.core.transport.CallTimeoutException) {
      return ActionError.builder(ErrorCategory.TIMEOUT, plan.id(), plan.id() + ": " + e.getMessage()
          + " (the connector's timeouts.call_ms)").cause(e).build();
    }
    if (e instanceof dev.switchboard.core.auth.TokenRequestException token) {
      ErrorCategory category = token.status() >= 500 ? ErrorCategory.UPSTREAM : ErrorCategory.AUTH;
      return ActionError.builder(category, plan.id(), plan.id() + ": " + e.getMessage()
          + ". Connector '" + plan.connector().name() + "' could not get an access token; check its client id, key or secret and scopes.")
          .status(token.status()).upstream(token.error(), null).cause(e).build();
    }
    if (e instanceof dev.switchboard.core.transport.MalformedResponseException malformed && malformed.status() == 0) {
      return ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": " + service(plan) + " at " + target
          + " answered with something that is not valid HTTP/1.1 (" + e.getMessage() + ")").cause(e).build();
    }
    if (e instanceof dev.switchboard.core.transport.MalformedResponseException malformed) {
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
    if (e instanceof dev.switchboard.core.transport.ResponseCutShortException cut) {
      return ActionError.builder(ErrorCategory.NETWORK, plan.id(), plan.id() + ": " + service(plan) + " at " + target + " answered "
          + cut.status() + " but " + e.getMessage()).status(cut.status()).cause(e).build();
    }
    if (e instanceof dev.switchboard.core.transport.ResponseTooLargeException tooLarge) {
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

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static final int EXCERPT_SCRUB_MARGIN = 4096;

  /**
   * Returns the first bytes of a body as one line of text, for error messages. The text is scrubbed before its
   * whitespace is collapsed and it is cut, so a secret that straddles the cut or holds runs of spaces shows no part
   * of itself; the slice read reaches {@value #EXCERPT_SCRUB_MARGIN} bytes past what can be shown for the same
   * reason.
   */
  static String excerpt(byte[] body, java.util.function.UnaryOperator<String> scrub) {
    String text = scrub.apply(new String(body, 0, Math.min(body.length, EXCERPT_CHARS * 4 + EXCERPT_SCRUB_MARGIN),
            StandardCharsets.UTF_8))
        .replaceAll("\\s+", " ").strip();
    if (text.length() > EXCERPT_CHARS) {
      text = text.substring(0, EXCERPT_CHARS) + "...";
    }
    return "\"" + text + "\"";
  }
}
