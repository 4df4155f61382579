package dev.switchboard.workspace;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One call of an action through REST, MCP or the studio, as recorded.
 *
 * @param id the run's id ({@link RunRepository#newId()})
 * @param startedAt when the call started
 * @param connector the connector's name
 * @param action the action's name
 * @param actionVersion the version of the action's file that ran; empty for an unsaved action (a test)
 * @param caller the name of the access key that called
 * @param channel how: {@code rest}, {@code mcp}, {@code test} or {@code studio}
 * @param inputs the inputs as compact JSON, secrets already redacted
 * @param outcome {@code ok} or {@code error}; {@code running} while the call is in flight
 * @param errorCategory the error's category (such as {@code not_found}) when the outcome is an error
 * @param errorMessage the error's message, scrubbed of secrets, when the outcome is an error
 * @param status the last upstream status, when a response arrived
 * @param exchanges each HTTP exchange, in order
 * @param outputExcerpt the output as compact JSON, cut to {@value #MAX_EXCERPT_BYTES} bytes; empty on error
 * @param outputTruncated whether the excerpt was cut
 * @param durationMs how long the call took, in milliseconds
 */
public record Run(String id, Instant startedAt, String connector, String action, OptionalInt actionVersion,
    String caller, String channel, String inputs, String outcome, Optional<String> errorCategory,
    Optional<String> errorMessage, OptionalInt status, List<Exchange> exchanges, String outputExcerpt,
    boolean outputTruncated, long durationMs) {
  /** The most bytes of output kept: 64 KB. */
  public static final int MAX_EXCERPT_BYTES = 64 * 1024;
  /** The outcome of a call that succeeded. */
  public static final String OK = "ok";
  /** The outcome of a call that failed. */
  public static final String ERROR = "error";
  /** The outcome of a call still in flight (its start is written, its end not yet). */
  public static final String RUNNING = "running";

  /** Copies the exchanges. */
  public Run {
    exchanges = List.copyOf(exchanges);
  }

  /**
   * Cuts an output to the excerpt kept, on a character boundary.
   *
   * @param output the whole output as compact JSON
   * @return at most {@value #MAX_EXCERPT_BYTES} bytes of it
   */
  public static String excerpt(String output) {
    byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_EXCERPT_BYTES) {
      return output;
    }
    int end = MAX_EXCERPT_BYTES;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
