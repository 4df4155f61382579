package dev.switchboard.core.auth;

import java.io.IOException;

/**
 * An OAuth 2.0 token endpoint refused to issue an access token (RFC 6749 section 5.2). The message holds
 * the endpoint's {@code error} and {@code error_description}, never the client secret or assertion.
 */
public final class TokenRequestException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;

  /**
   * Creates the exception.
   *
   * @param message what the endpoint said
   * @param status the HTTP status of the token response
   * @param error the OAuth {@code error} code, such as {@code invalid_client}, or null
   */
  public TokenRequestException(String message, int status, String error) {
    super(message);
    this.status = status;
    this.error = error;
  }

  /** Returns the HTTP status of the token response. */
  public int status() {
    return status;
  }

  /** Returns the OAuth {@code error} code, such as {@code invalid_client}, or null. */
  public String error() {
    return error;
  }
}
