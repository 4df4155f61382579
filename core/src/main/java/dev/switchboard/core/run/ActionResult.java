package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.switchboard.core.transport.CallStats;

/**
 * The result of one successful request of an action (one page of a listing).
 *
 * @param action the action reference, such as {@code okta.list_users}
 * @param status the HTTP status (2xx)
 * @param headers the response headers that matter to callers, lower-case names: {@code content-type},
 *     {@code date}, {@code etag}, {@code link}, {@code location}, {@code x-okta-request-id} and
 *     {@code x-rate-limit-*}
 * @param body the response body as JSON (a null node for an empty body)
 * @param output the body after the action's output mapping: an array of records for a listing
 * @param requestId the service's request id ({@code X-Okta-Request-Id}), when sent
 * @param durationMs time from sending the request to reading its body, in milliseconds
 * @param page the 1-based page number within this call
 * @param next the next page's URI, empty on the last page
 * @param nextCursor the cursor to pass back as an input to continue later (Okta's {@code after}), when known
 * @param stats the run record of this page's request: requests sent, retries, 429s received, and time
 *     waited for rate limits and backoff
 */
public record ActionResult(
    String action,
    int status,
    Map<String, List<String>> headers,
    JsonNode body,
    JsonNode output,
    Optional<String> requestId,
    long durationMs,
    int page,
    Optional<URI> next,
    Optional<String> nextCursor,
    CallStats.Snapshot stats) {

  /** Tells whether the output is a list of records. */
  public boolean isList() {
    return output.isArray();
  }

  /** Tells whether a further page exists. */
  public boolean hasMore() {
    return next.isPresent();
  }
}
