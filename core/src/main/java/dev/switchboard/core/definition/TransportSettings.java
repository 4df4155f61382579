package dev.switchboard.core.definition;

import dev.switchboard.core.ratelimit.RateLimitFields;
import dev.switchboard.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;

/**
 * A connector's transport settings: rate limiting, retries, timeouts, the response size cap and the hosts
 * other than its own that may be reached (the {@code rate_limit}, {@code retry}, {@code timeouts},
 * {@code max_response_bytes} and {@code allowed_hosts} fields of {@code connector.yaml}).
 *
 * @param rateLimit which response headers tell the rate-limit window and how they read ({@code rate_limit.headers})
 * @param maxConcurrent the most requests of this connector in flight at once ({@code rate_limit.max_concurrent})
 * @param retry the retry policy
 * @param connectTimeout the TCP and TLS connect timeout (default 10 s)
 * @param requestTimeout the time for one exchange, from sending the request to the last byte of its body (default
 *     20 s); an exchange that times out is sent once more at most
 * @param callTimeout the time for one call, retries and rate-limit waits included (default 60 s); for a
 *     listing, each page is one call
 * @param maxResponseBytes the largest response body, decoded, in bytes (default 10 MB)
 * @param allowedHosts hosts besides the base URL's that redirects and token endpoints may reach, without
 *     the connector's credentials (token endpoints excepted)
 */
public record TransportSettings(RateLimitFields rateLimit, int maxConcurrent, RetryPolicy retry, Duration connectTimeout,
    Duration requestTimeout, Duration callTimeout, long maxResponseBytes, List<String> allowedHosts) {
  /**
   * The defaults: pacing by the common rate-limit headers, 32 concurrent requests, the default retry policy, connect 10 s, one exchange
   * 20 s, one call 60 s (a server that never answers holds a call about 41 s: two exchanges and a backoff; MCP
   * clients commonly give a tool a minute), 10 MB.
   */
  public static final TransportSettings DEFAULT = new TransportSettings(RateLimitFields.STANDARD, 32, RetryPolicy.DEFAULT,
      Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60), 10L * 1024 * 1024, List.of());
}
