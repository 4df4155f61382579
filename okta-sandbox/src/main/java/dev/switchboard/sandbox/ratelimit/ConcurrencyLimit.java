package dev.switchboard.sandbox.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Okta's concurrent-request limit: about 75 requests of an org in flight at once; one more is answered 429
 * E0000047 with {@code X-Rate-Limit-Limit: 0} and {@code X-Rate-Limit-Remaining: 0} (OKTA-WIRE.md "Rate limits";
 * https://developer.okta.com/docs/reference/rl-additional-limits/#concurrent-rate-limits). Thread-safe.
 */
public final class ConcurrencyLimit {
    /** Okta's usual limit. */
    public static final int DEFAULT = 75;

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * A limit.
     *
     * @param limit requests allowed in flight at once, at least 1
     * @throws IllegalArgumentException when below 1
     */
    public ConcurrencyLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a concurrency limit allows at least 1 request: " + limit);
        }
        this.limit = limit;
    }

    /**
     * Admits a request if fewer than the limit are in flight; an admitted request must be {@link #release()}d.
     *
     * @return whether the request was admitted
     */
    public boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Ends an admitted request. */
    public void release() {
        inFlight.decrementAndGet();
    }

    /**
     * How many admitted requests are in flight.
     *
     * @return the count
     */
    public int inFlight() {
        return inFlight.get();
    }
}
