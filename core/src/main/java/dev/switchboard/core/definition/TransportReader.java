package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.positive;

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
   * @return the settings, with defaults for what is absent or wrong (wrong fields add problems)
   */
  static TransportSettings read(Mapping m) {
    TransportSettings d = TransportSettings.DEFAULT;
    boolean[] headers = {d.rateLimitHeaders()};
    int[] concurrent = {d.maxConcurrent()};
    m.mapping("rate_limit").ifPresent(r -> {
      r.allowOnly("headers", "max_concurrent");
      r.text("headers").ifPresent(h -> {
        switch (h) {
          case "okta" -> headers[0] = true;
          case "none" -> headers[0] = false;
          default -> r.problem("headers", "must be okta (X-Rate-Limit-* headers) or none, not '" + h + "'");
        }
      });
      concurrent[0] = (int) positive(r, "max_concurrent", d.maxConcurrent(), 10_000);
    });
    RetryPolicy[] retry = {d.retry()};
    m.mapping("retry").ifPresent(r -> {
      r.allowOnly("max_attempts", "initial_backoff_ms", "max_backoff_ms", "headers");
      boolean okta = false;
      Optional<String> h = r.text("headers");
      if (h.isPresent()) {
        if (h.get().equals("okta")) {
          okta = true;
        } else if (!h.get().equals("none")) {
          r.problem("headers", "must be okta (X-Okta-Retry-For and X-Okta-Retry-Count) or none, not '" + h.get() + "'");
        }
      }
      retry[0] = new RetryPolicy(
          (int) positive(r, "max_attempts", d.retry().maxAttempts(), 20),
          Duration.ofMillis(positive(r, "initial_backoff_ms", d.retry().initialBackoff().toMillis(), 600_000)),
          Duration.ofMillis(positive(r, "max_backoff_ms", d.retry().maxBackoff().toMillis(), 3_600_000)),
          okta);
    });
    long[] timeouts = {d.connectTimeout().toMillis(), d.requestTimeout().toMillis(), d.callTimeout().toMillis()};
    m.mapping("timeouts").ifPresent(t -> {
      t.allowOnly("connect_ms", "request_ms", "call_ms");
      timeouts[0] = positive(t, "connect_ms", timeouts[0], 3_600_000);
      timeouts[1] = positive(t, "request_ms", timeouts[1], 3_600_000);
      timeouts[2] = positive(t, "call_ms", timeouts[2], 86_400_000);
    });
    long maxBytes = positive(m, "max_response_bytes", d.maxResponseBytes(), Integer.MAX_VALUE - 8L); // one Java array
    List<String> hosts = new ArrayList<>();
    JsonNode allowed = m.raw("allowed_hosts");
    if (allowed != null && !allowed.isNull()) {
      if (!allowed.isArray()) {
        m.problem("allowed_hosts", "must be a list of host names, such as [login.example.com]");
      } else {
        for (JsonNode host : allowed) {
          String h = host.asText().strip().toLowerCase(Locale.ROOT);
          if (!h.matches("[a-z0-9.-]+|\\[[0-9a-f:]+\\]")) {
            m.problem("allowed_hosts", "'" + host.asText() + "' is not a host name (no scheme, port or path)");
          } else {
            hosts.add(h);
          }
        }
      }
    }
    return new TransportSettings(headers[0], concurrent[0], retry[0], Duration.ofMillis(timeouts[0]),
        Duration.ofMillis(timeouts[1]), Duration.ofMillis(timeouts[2]), maxBytes, List.copyOf(hosts));
  }
}
