package dev.switchboard.core.ratelimit;

/**
 * What one response says about its rate-limit window, as read by a connector's {@link RateLimitFields}: the
 * figures in one form whatever the service's headers look like (a service's own {@code X-Rate-Limit-*}, GitHub's
 * {@code X-RateLimit-*}, the IETF draft's {@code RateLimit}...).
 *
 * @param limit requests allowed in the window, or -1 when not said
 * @param remaining requests left in the window, or -1 when not said
 * @param resetEpochSeconds when the window resets, on the server's clock, in UTC epoch seconds, or -1 when not said
 * @param serverDateMillis the response's {@code Date}, in epoch milliseconds (second resolution), or -1 when absent
 * @param concurrencyLimited whether the response is the service's concurrency limit rather than its window (a
 *     service that declares so, such as one answering 429 with limit and remaining 0): it says nothing of the window
 */
public record RateLimitHeaders(long limit, long remaining, long resetEpochSeconds, long serverDateMillis,
    boolean concurrencyLimited) {
  /**
   * Returns a read that found no window figures.
   *
   * @param serverDateMillis the response's {@code Date} in epoch milliseconds, or -1
   */
  public static RateLimitHeaders none(long serverDateMillis) {
    return new RateLimitHeaders(-1, -1, -1, serverDateMillis, false);
  }

  /** Tells whether the response carried a usable remaining count and reset time. */
  public boolean present() {
    return remaining >= 0 && resetEpochSeconds > 0;
  }
}
