package dev.switchboard.sandbox.server;

import java.util.Objects;

/**
 * Sees every request the sandbox answers, after the answer is written: for recording traffic, or for checking
 * responses against Okta's OpenAPI description in tests. Called on the server's threads; must be thread-safe and
 * quick.
 */
@FunctionalInterface
public interface ExchangeObserver {
    /**
     * Observes one answered request.
     *
     * @param exchange the request and its answer
     */
    void observe(Exchange exchange);

    /**
     * One answered request.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param path the request's path without query, e.g. {@code /api/v1/users/00u1}
     * @param query the raw query string, empty when none
     * @param status the response's HTTP status
     * @param contentType the response's {@code Content-Type}, empty when none
     * @param body the response body as the sandbox wrote it, before any compression; empty for no body or a body
     *     the sandbox did not write as JSON (an injected HTML error page)
     * @param serverNanos how long the sandbox took, in nanoseconds, from routing the request to the end of its
     *     handlers (before the body is sent)
     */
    record Exchange(String method, String path, String query, int status, String contentType, byte[] body,
            long serverNanos) {
        /**
         * Checks the arguments.
         *
         * @param method as described on the record
         * @param path as described on the record
         * @param query as described on the record
         * @param status as described on the record
         * @param contentType as described on the record
         * @param body as described on the record
         */
        public Exchange {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
