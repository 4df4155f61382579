package dev.switchboard.core.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

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
  Response send(Request request, Duration timeout) throws IOException, InterruptedException;

  /**
   * Tells whether a failure to get a (whole) response may have come after the request, or part of it, reached the
   * server, so that the server may have acted on it. Only failures known to come before anything was sent say no:
   * connecting refused, timed out or unroutable ({@link ConnectException}, {@link NoRouteToHostException},
   * {@link HttpConnectTimeoutException}), an unknown host, a failed TLS handshake, and the call's budget running out
   * before sending ({@link CallTimeoutException}); anything else, a reset, a read timeout, a body cut short, a
   * malformed response or an interrupt while waiting, says yes.
   *
   * @param failure what {@link #send} threw, or what wraps it
   * @return false only when the request certainly did not reach the server
   */
  static boolean mayHaveReachedServer(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof CallTimeoutException || t instanceof HttpConnectTimeoutException || t instanceof ConnectException
          || t instanceof NoRouteToHostException || t instanceof UnknownHostException || t instanceof SSLHandshakeException) {
        return false;
      }
    }
    return true;
  }

  /** Releases what the transport holds, such as its pooled connections; by default nothing. Sending after it is an error. */
  @Override
  default void close() {}
}
