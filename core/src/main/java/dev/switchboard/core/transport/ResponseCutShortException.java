package dev.switchboard.core.transport;

import java.io.IOException;

/**
 * A response whose status and headers arrived but whose body did not arrive whole: the connection was closed or
 * reset before its end (fewer bytes than its {@code Content-Length}, or a chunked body without its last chunk).
 * A network failure, retried like one for idempotent calls; unlike a refused connection, the server was reached.
 */
public final class ResponseCutShortException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /**
   * Creates the exception.
   *
   * @param status the response's HTTP status
   * @param cause the failure while reading the body
   */
  public ResponseCutShortException(int status, IOException cause) {
    super("the connection broke before the body was whole ("
        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")", cause);
    this.status = status;
  }

  /** Returns the HTTP status of the response whose body broke off. */
  public int status() {
    return status;
  }
}
