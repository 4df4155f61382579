package dev.switchboard.core.auth;

import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.Request;

/**
 * Sends one fixed {@code Authorization} value: HTTP Basic (RFC 7617) or a static bearer token (RFC 6750).
 */
final class StaticHeaderAuthenticator implements Authenticator {
  private final String value;
  private final String description;

  StaticHeaderAuthenticator(String value, String description) {
    this.value = value;
    this.description = description;
  }

  @Override
  public Request authenticate(Request request, CallContext call) {
    return request.withHeader("Authorization", value);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "StaticHeaderAuthenticator[" + description + "]";
  }
}
