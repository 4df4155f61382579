package dev.switchboard.sandbox.ratelimit;

/**
 * The state of a bucket after counting one request: what the response's rate-limit headers say.
 *
 * @param bucket the name of the bucket that counted the request
 * @param limit {@code X-Rate-Limit-Limit}: requests allowed per window
 * @param remaining {@code X-Rate-Limit-Remaining}: requests left in the current window, never negative
 * @param resetEpochSeconds {@code X-Rate-Limit-Reset}: when the current window ends, in UTC epoch seconds
 *     (rounded up, so waiting until then is always enough)
 * @param allowed whether the request fits in the window; when false the answer is 429 E0000047
 */
public record RateLimitStatus(String bucket, int limit, int remaining, long resetEpochSeconds, boolean allowed) {
}
