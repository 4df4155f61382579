package dev.switchboard.core.transport;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One HTTP exchange of a call as a run record keeps it: every request sent on the wire is one (each retry and
 * each page of a listing too; token requests of OAuth are not). Holds no secret: no header, no query, no body, and
 * the path and request id are scrubbed of registered secrets before an observer sees them.
 *
 * @param method the request method, such as {@code GET}
 * @param path the raw (percent-encoded) path of the request URI, without its query, such as {@code /api/v1/users}
 * @param status the response status, or 0 when no response arrived
 * @param durationMs time from sending the request to reading the last byte of its body (or to the failure), in ms
 * @param requestId the service's request id from the response headers, when sent
 * @param rateLimitRemaining requests left in the rate-limit window the response reports, when it reports one
 * @param failure why no response arrived, such as {@code HttpTimeoutException: the exchange did not complete in
 *     time}; empty when one did
 */
public record Exchange(String method, String path, int status, long durationMs, Optional<String> requestId,
    OptionalLong rateLimitRemaining, Optional<String> failure) {}
