package dev.switchboard.core.transport;

import java.net.http.HttpTimeoutException;

/** The call's whole time budget ran out, while waiting (for a rate-limit reset, a backoff, a slot) or sending. */
public final class CallTimeoutException extends HttpTimeoutException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the call was waiting for when its budget ran out
   */
  public CallTimeoutException(String message) {
    super(message);
  }
}
