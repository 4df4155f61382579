package dev.switchboard.sandbox.logs;

import java.util.Objects;

/**
 * The HTTP request that caused an event, as the event's {@code client}, {@code request},
 * {@code transaction} and {@code debugContext} describe it.
 *
 * @param requestId the request's {@code X-Okta-Request-Id}, also the event's {@code transaction.id}
 * @param ipAddress the client's IP address
 * @param userAgent the {@code User-Agent} header, empty when absent
 * @param requestUri the request's path, e.g. {@code /api/v1/users}
 */
public record LogRequest(String requestId, String ipAddress, String userAgent, String requestUri) {

    /** For changes made through the Java API rather than HTTP. */
    public static final LogRequest INTERNAL = new LogRequest("internal", "127.0.0.1", "", "");

    /**
     * Checks the arguments.
     *
     * @param requestId as described on the record
     * @param ipAddress as described on the record
     * @param userAgent as described on the record
     * @param requestUri as described on the record
     */
    public LogRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(requestUri, "requestUri");
    }
}
