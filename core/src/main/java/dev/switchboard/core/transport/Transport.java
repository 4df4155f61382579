package dev.switchboard.core.transport;

import java.io.IOException;

/**
 * Sends one HTTP request and reads its response. Implementations are thread-safe.
 *
 * <p>This is the innermost link of the call chain; rate limiting, retries and recording wrap it. A transport
 * that holds resources (a connection pool) releases them on {@link #close}; its owner closes it once no request
 * is in flight.
 */
@FunctionalInterface
public interface Transport extends AutoCloseable {
  /**
   * Sends a request.
   *
   * @param request the request, authenticated
   * @param timeout the longest wait for the response headers (the transport's own per-request timeout
   *     applies too; the shorter wins)
   * @return the response, whatever its status
   * @throws IOException when no response arrives (connection refused, reset, unknown host) or the body
   *     is larger than the cap ({@link ResponseTooLargeException})
   * @throws java.net.http.HttpTimeoutException (an IOException) when the response does not arrive in time
   * @throws InterruptedException when the calling thread is interrupted
   */
  Response send(Request request, java.time.Duration timeout) throws IOException, InterruptedException;

  /** Releases what the transport holds, such as its pooled connections; by default nothing. Sending after it is an error. */
  @Override
  default void close() {}
}
