package dev.switchboard.core.retry;

import java.time.Duration;

/**
 * When and how a connector's requests are sent again: the {@code retry:} block of {@code connector.yaml}.
 *
 * @param maxAttempts the most times one request is sent, the first included (1 disables retries)
 * @param initialBackoff the first backoff, before jitter
 * @param maxBackoff the longest backoff
 * @param oktaRetryHeaders whether retries carry {@code X-Okta-Retry-For} (the first attempt's
 *     {@code X-Okta-Request-Id}) and {@code X-Okta-Retry-Count} (https://developer.okta.com/docs/reference/rl-best-practices/)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, boolean oktaRetryHeaders) {
  /** The default: 4 attempts, backoff from 500 ms doubling up to 30 s with ±50% jitter, no Okta headers. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), false);
}
