package dev.switchboard.core.auth;

import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.Request;
import java.io.IOException;

/**
 * Adds a connector's credentials to a request. One is made per connector when it is first used; it holds
 * resolved secrets (and, for OAuth, a cached access token), so it is never logged. Thread-safe.
 */
public interface Authenticator {
  /**
   * Adds credentials, fetching or refreshing them first when needed (an OAuth access token).
   *
   * @param request the request without credentials
   * @param call the call, whose deadline bounds a token request
   * @return the request with credentials
   * @throws IOException when a credential cannot be fetched ({@link TokenRequestException} when the token
   *     endpoint refuses)
   * @throws InterruptedException when interrupted
   */
  Request authenticate(Request request, CallContext call) throws IOException, InterruptedException;

  /**
   * Forgets a cached credential after the server refused it (a 401), so the next {@link #authenticate}
   * fetches a fresh one.
   *
   * @return true when a fresh credential can be had (so one retry is worth it), false for static credentials
   */
  default boolean invalidate() {
    return false;
  }

  /**
   * Describes how this authenticator authenticates, for error messages, without any secret, such as
   * {@code an API key in header Authorization with scheme SSWS from environment variable OKTA_API_TOKEN}.
   *
   * @return a short phrase
   */
  String describe();

  /** The authenticator of {@code auth: {type: none}}. */
  Authenticator NONE = new Authenticator() {
    @Override
    public Request authenticate(Request request, CallContext call) {
      return request;
    }

    @Override
    public String describe() {
      return "no credentials";
    }
  };
}
