package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a connector's transport fields ({@code rate_limit}, {@code retry}, {@code timeouts},
 * {@code max_response_bytes}, {@code allowed_hosts}) into {@link TransportSettings}.
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
    boolean headers = rate.flatMap(r -> r.text("headers")).map("okta"::equals).orElse(d.rateLimitHeaders());
    int concurrent = rate.map(r -> (int) r.number("max_concurrent", d.maxConcurrent())).orElse(d.maxConcurrent());
    RetryPolicy retry = m.mapping("retry").map(r -> new RetryPolicy(
        (int) r.number("max_attempts", d.retry().maxAttempts()),
        Duration.ofMillis(r.number("initial_backoff_ms", d.retry().initialBackoff().toMillis())),
        Duration.ofMillis(r.number("max_backoff_ms", d.retry().maxBackoff().toMillis())),
        r.text("headers").map("okta"::equals).orElse(false))).orElse(d.retry());
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
    return new TransportSettings(headers, concurrent, retry, connect, request, call, maxBytes, List.copyOf(hosts));
  }
}
