package dev.switchboard.sandbox.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the sandbox injects so that clients can be tested against what real networks and Okta's front ends do.
 * Each is off by default; {@link #NONE} is a sandbox that behaves. Faults apply to {@code /api/v1} and
 * {@code /oauth2} requests; which requests fail is drawn from a random sequence seeded by the org's seed, so a
 * run is repeatable.
 *
 * @param latency added to every request before it is handled; {@link Duration#ZERO} for none
 * @param errorRate the fraction of requests (0 to 1) answered with a server error instead, alternately 500
 *     E0000009 and 503 (Okta's E0000010 "Service is in read only mode")
 * @param htmlErrors whether those injected errors are HTML pages ({@code text/html}, as a load balancer or proxy
 *     in front of Okta sends) rather than Okta's JSON error body
 * @param duplicateRateLimitHeaders whether every {@code X-Rate-Limit-*} header is sent twice, first with a looser
 *     value and then with the true one (OKTA-WIRE.md: "Headers may arrive duplicated: take the most conservative
 *     value")
 * @param gzip whether answers are gzip-compressed when the request's {@code Accept-Encoding} allows it, even in a
 *     sandbox built with compression off; compression is on by default (as Okta compresses its answers, see
 *     {@code JsonResponses}), so this matters only with {@code OktaSandbox.Builder.compression(false)}
 * @param dropRate the fraction of requests (0 to 1) whose connection is closed without any response
 */
public record Faults(Duration latency, double errorRate, boolean htmlErrors, boolean duplicateRateLimitHeaders,
        boolean gzip, double dropRate) {

    /** No faults. */
    public static final Faults NONE = new Faults(Duration.ZERO, 0, false, false, false, 0);

    /**
     * Checks the arguments.
     *
     * @param latency as described on the record
     * @param errorRate as described on the record
     * @param htmlErrors as described on the record
     * @param duplicateRateLimitHeaders as described on the record
     * @param gzip as described on the record
     * @param dropRate as described on the record
     * @throws IllegalArgumentException when the latency is negative or a rate is outside 0 to 1
     */
    public Faults {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative: " + latency);
        }
        checkRate("errorRate", errorRate);
        checkRate("dropRate", dropRate);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " is a fraction from 0 to 1: " + rate);
        }
    }

    /**
     * These faults with another latency.
     *
     * @param value the added latency
     * @return the faults
     */
    public Faults withLatency(Duration value) {
        return new Faults(value, errorRate, htmlErrors, duplicateRateLimitHeaders, gzip, dropRate);
    }

    /**
     * These faults with another error rate.
     *
     * @param value the fraction of requests answered 500 or 503
     * @return the faults
     */
    public Faults withErrorRate(double value) {
        return new Faults(latency, value, htmlErrors, duplicateRateLimitHeaders, gzip, dropRate);
    }

    /**
     * These faults with injected errors as HTML pages or not.
     *
     * @param value true for HTML pages
     * @return the faults
     */
    public Faults withHtmlErrors(boolean value) {
        return new Faults(latency, errorRate, value, duplicateRateLimitHeaders, gzip, dropRate);
    }

    /**
     * These faults with duplicated rate-limit headers or not.
     *
     * @param value true to duplicate them
     * @return the faults
     */
    public Faults withDuplicateRateLimitHeaders(boolean value) {
        return new Faults(latency, errorRate, htmlErrors, value, gzip, dropRate);
    }

    /**
     * These faults with gzip responses or not.
     *
     * @param value true to compress answers when the request accepts gzip, even with compression off
     * @return the faults
     */
    public Faults withGzip(boolean value) {
        return new Faults(latency, errorRate, htmlErrors, duplicateRateLimitHeaders, value, dropRate);
    }

    /**
     * These faults with another drop rate.
     *
     * @param value the fraction of requests whose connection is closed without a response
     * @return the faults
     */
    public Faults withDropRate(double value) {
        return new Faults(latency, errorRate, htmlErrors, duplicateRateLimitHeaders, gzip, value);
    }
}
