package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkHeader;
import static dev.switchboard.core.definition.FieldChecks.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ratelimit.RateLimitFields;
import dev.switchboard.core.retry.RetryPolicy;
import dev.switchboard.core.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a connector's transport fields ({@code rate_limit}, {@code retry}, {@code timeouts},
 * {@code max_response_bytes}, {@code allowed_hosts}) into {@link TransportSettings}. The schema checks their shape;
 * this checks header names and the templates of retry headers.
 */
final class TransportReader {
  private TransportReader() {}

  /**
   * Reads the transport fields of {@code connector.yaml}.
   *
   * @param m the connector's root mapping
   * @return the settings, with defaults for what is absent (the schema reports what is wrong)
   */
  static TransportSettings read(Mapping m) {
    TransportSettings d = TransportSettings.DEFAULT;
    Optional<Mapping> rate = m.mapping("rate_limit");
    RateLimitFields fields = rate.map(TransportReader::rateLimitFields).orElse(d.rateLimit());
    int concurrent = rate.map(r -> (int) r.number("max_concurrent", d.maxConcurrent())).orElse(d.maxConcurrent());
    RetryPolicy retry = m.mapping("retry").map(r -> new RetryPolicy(
        (int) r.number("max_attempts", d.retry().maxAttempts()),
        Duration.ofMillis(r.number("initial_backoff_ms", d.retry().initialBackoff().toMillis())),
        Duration.ofMillis(r.number("max_backoff_ms", d.retry().maxBackoff().toMillis())),
        retryHeaders(r))).orElse(d.retry());
    Optional<Mapping> t = m.mapping("timeouts");
    Duration connect = Duration.ofMillis(t.map(x -> x.number("connect_ms", d.connectTimeout().toMillis())).orElse(d.connectTimeout().toMillis()));
    Duration request = Duration.ofMillis(t.map(x -> x.number("request_ms", d.requestTimeout().toMillis())).orElse(d.requestTimeout().toMillis()));
    Duration call = Duration.ofMillis(t.map(x -> x.number("call_ms", d.callTimeout().toMillis())).orElse(d.callTimeout().toMillis()));
    long maxBytes = m.number("max_response_bytes", d.maxResponseBytes());
    List<String> hosts = new ArrayList<>();
    JsonNode allowed = m.raw("allowed_hosts");
    if (allowed != null && allowed.isArray()) {
      allowed.forEach(host -> hosts.add(host.asText().strip().toLowerCase(Locale.ROOT)));
    }
    return new TransportSettings(fields, concurrent, retry, connect, request, call, maxBytes, List.copyOf(hosts));
  }

  /** Reads {@code rate_limit.headers}: {@code standard} (the default), {@code none}, or the names of three headers. */
  private static RateLimitFields rateLimitFields(Mapping r) {
    Optional<Mapping> declared = r.mapping("headers");
    if (declared.isEmpty()) {
      return r.text("headers").map(h -> h.equals("none") ? RateLimitFields.NONE : RateLimitFields.STANDARD)
          .orElse(RateLimitFields.STANDARD);
    }
    Mapping h = declared.get();
    String[] names = new String[3];
    String[] keys = {"limit", "remaining", "reset"};
    for (int i = 0; i < keys.length; i++) {
      names[i] = h.text(keys[i]).orElse("");
      if (!names[i].isEmpty()) {
        checkHeader(h, keys[i], names[i], null);
      }
    }
    RateLimitFields.ResetFormat format = switch (h.text("reset_format").orElse("epoch_seconds")) {
      case "delta_seconds" -> RateLimitFields.ResetFormat.DELTA_SECONDS;
      case "http_date" -> RateLimitFields.ResetFormat.HTTP_DATE;
      default -> RateLimitFields.ResetFormat.EPOCH_SECONDS;
    };
    return RateLimitFields.declared(names[0], names[1], names[2], format, h.flag("zero_limit_is_concurrency", false));
  }

  /** Reads {@code retry.headers}: templates over {@code first_request_id} and {@code retry_count}. */
  private static Map<String, Template> retryHeaders(Mapping r) {
    Map<String, Template> out = new LinkedHashMap<>();
    r.textMap("headers").forEach((name, value) -> {
      if (checkHeader(r, "headers." + name, name, value)) {
        Template t = template(r, "headers." + name, value, RetryPolicy.HEADER_SCOPE, Set.of());
        if (t != null) {
          out.put(name, t);
        }
      }
    });
    return out;
  }
}
