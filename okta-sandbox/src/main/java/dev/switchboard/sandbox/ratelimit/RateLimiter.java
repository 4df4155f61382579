package dev.switchboard.sandbox.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per bucket in fixed windows; thread-safe.
 *
 * <p>A bucket's window opens with the first request after the previous window ended, so windows are not
 * aligned to the wall-clock minute, as Okta's are not (OKTA-WIRE.md "Rate limits"). A window of whole seconds
 * starts on the whole second of the request that opens it, so that it ends exactly at the whole second sent in
 * {@code X-Rate-Limit-Reset} (UTC epoch seconds): a client that waits for the advertised reset finds the new
 * window open then, neither earlier nor later. (Okta gives the reset to the second and documents it as the time
 * the limit resets; the sandbox makes that literal.) Other window lengths start at the request itself and
 * advertise their end rounded up to the next second. A request over the limit
 * is refused and not counted. Rules are tried most specific first ({@link RateLimitRule#specificity()}): exact
 * paths, then the longest prefix. Okta's concurrency limit is {@link ConcurrencyLimit}'s business.
 */
public final class RateLimiter {
    private final List<RateLimitRule> rules;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * A limiter over the given buckets.
     *
     * @param rules the buckets, in any order; a request that matches none is not limited
     * @param window the length of a window, at least 1 ms (Okta: one minute)
     * @param clock the clock windows are measured by
     * @throws IllegalArgumentException when the window is shorter than 1 ms
     */
    public RateLimiter(List<RateLimitRule> rules, Duration window, Clock clock) {
        List<RateLimitRule> ordered = new java.util.ArrayList<>(rules);
        ordered.sort(java.util.Comparator.comparingInt(RateLimitRule::specificity));
        this.rules = List.copyOf(ordered);
        this.windowMillis = window.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (windowMillis < 1) {
            throw new IllegalArgumentException("a rate-limit window lasts at least 1 ms: " + window);
        }
    }

    /**
     * Counts one request in the bucket of its method and path.
     *
     * @param method the request's HTTP method
     * @param path the request's path without query
     * @return the bucket's state after the request; {@link RateLimitStatus#allowed()} is false when the request
     *     is over the limit. A request no rule matches is allowed with a limit of {@link Integer#MAX_VALUE}.
     */
    public RateLimitStatus acquire(String method, String path) {
        RateLimitRule rule = null;
        for (RateLimitRule candidate : rules) {
            if (candidate.matches(method, path)) {
                rule = candidate;
                break;
            }
        }
        if (rule == null) {
            long reset = Math.floorDiv(clock.millis() + windowMillis + 999, 1000);
            return new RateLimitStatus("(none)", Integer.MAX_VALUE, Integer.MAX_VALUE, reset, true);
        }
        return windows.computeIfAbsent(rule.bucket(), name -> new Window()).count(rule, clock.millis(), windowMillis);
    }

    private static final class Window {
        private long endMillis = Long.MIN_VALUE;
        private int used;

        synchronized RateLimitStatus count(RateLimitRule rule, long nowMillis, long windowMillis) {
            if (nowMillis >= endMillis) {
                endMillis = windowMillis % 1000 == 0 ? Math.floorDiv(nowMillis, 1000) * 1000 + windowMillis : nowMillis + windowMillis;
                used = 0;
            }
            boolean allowed = used < rule.limit();
            if (allowed) {
                used++;
            }
            long resetSeconds = Math.floorDiv(endMillis + 999, 1000);
            return new RateLimitStatus(rule.bucket(), rule.limit(), rule.limit() - used, resetSeconds, allowed);
        }
    }
}
