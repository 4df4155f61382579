package dev.switchboard.core.retry;

import dev.switchboard.core.template.Template;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * When and how a connector's requests are sent again: the {@code retry:} block of {@code connector.yaml}.
 *
 * @param maxAttempts the most times one request is sent, the first included (1 disables retries)
 * @param initialBackoff the first backoff, before jitter
 * @param maxBackoff the longest backoff
 * @param headers headers added to every retry (not to the first attempt), by name: templates over
 *     {@code first_request_id} (the request id the service gave the first attempt, read from the connector's
 *     request-id header) and {@code retry_count} (1 on the first retry); a header whose template renders empty is
 *     left out. A service may ask for them to correlate retries, such as
 *     {@code X-Retry-For: {{first_request_id}}}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Map<String, Template> headers) {
  /** The names retry header templates may use. */
  public static final Set<String> HEADER_SCOPE = Set.of("first_request_id", "retry_count");

  /** The default: 4 attempts, backoff from 500 ms doubling up to 30 s with ±50% jitter, no retry headers. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), Map.of());

  /** Copies the headers, keeping their order. */
  public RetryPolicy {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
