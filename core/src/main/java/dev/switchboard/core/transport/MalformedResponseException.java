package dev.switchboard.core.transport;

import java.io.IOException;

/** A response that arrived but cannot be read, such as a corrupt gzip body, or a response head that is not HTTP (status 0). */
public final class MalformedResponseException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /**
   * Creates the exception.
   *
   * @param message what could not be read
   * @param status the response's HTTP status, or 0 when not even a status line could be read
   */
  public MalformedResponseException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** Returns the HTTP status of the unreadable response. */
  public int status() {
    return status;
  }
}
