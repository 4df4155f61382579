package dev.switchboard.workspace;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One HTTP exchange of a run, as recorded: never headers, bodies or query strings (which may hold secrets).
 *
 * @param method the request method, such as {@code GET}
 * @param path the request path without its query, such as {@code /api/v1/users}
 * @param status the response status, 0 when none arrived
 * @param durationMs how long the exchange took, in milliseconds
 * @param requestId the upstream's request id (Okta's {@code X-Okta-Request-Id}), when sent
 * @param rateLimitRemaining the upstream's remaining rate limit ({@code X-Rate-Limit-Remaining}), when sent
 */
public record Exchange(String method, String path, int status, long durationMs, Optional<String> requestId,
    OptionalLong rateLimitRemaining) {}
