package dev.switchboard.core.transport;

import java.io.IOException;

/** A response body larger than the configured cap; reading stopped at the cap. */
public final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;
  private final long capBytes;

  /**
   * Creates the exception.
   *
   * @param capBytes the cap that was exceeded, in bytes
   */
  public ResponseTooLargeException(long capBytes) {
    super("the response body is larger than the cap of " + capBytes + " bytes");
    this.capBytes = capBytes;
  }

  /** Returns the cap that was exceeded, in bytes. */
  public long capBytes() {
    return capBytes;
  }
}
