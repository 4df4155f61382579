package dev.switchboard.sandbox.logs;

import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP request that caused an event, as the event's {@code client}, {@code request}, {@code transaction} and
 * {@code debugContext} describe it.
 *
 * @param requestId the request's {@code X-Okta-Request-Id}, also the event's {@code transaction.id}
 * @param ipAddress the client's IP address
 * @param userAgent the {@code User-Agent} header, empty when absent
 * @param requestUri the request's path, e.g. {@code /api/v1/users}
 * @param url the path and query as sent, e.g. {@code /api/v1/users?activate=false}
 * @param apiTokenId the id of the API token the request carried, {@code transaction.detail.requestApiTokenId}
 */
public record LogRequest(String requestId, String ipAddress, String userAgent, String requestUri, String url,
        Optional<String> apiTokenId) {

    /** For changes made through the Java API rather than HTTP, and for a seeded org's past. */
    public static final LogRequest INTERNAL = new LogRequest("internal", "127.0.0.1", "", "", "", Optional.empty());

    /**
     * Checks the arguments.
     *
     * @param requestId as described on the record
     * @param ipAddress as described on the record
     * @param userAgent as described on the record
     * @param requestUri as described on the record
     * @param url as described on the record
     * @param apiTokenId as described on the record
     */
    public LogRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiTokenId, "apiTokenId");
    }
}
