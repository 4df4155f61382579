package dev.switchboard.core.auth;

import dev.switchboard.core.transport.Interceptor;
import dev.switchboard.core.transport.Response;
import java.io.IOException;

/**
 * Adds credentials to every request of a connector and, when the server answers 401 and the credential can
 * be renewed (an OAuth access token), renews it and sends the request once more. A static credential
 * (API key, basic, bearer) is never retried on a 401.
 */
public final class AuthInterceptor implements Interceptor {
  private final Authenticator authenticator;

  /**
   * Creates the link.
   *
   * @param authenticator the connector's authenticator
   */
  public AuthInterceptor(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    Response response = chain.proceed(authenticator.authenticate(chain.request(), chain.call()));
    if (response.status() == 401 && authenticator.invalidate()) {
      chain.call().stats().retried();
      response = chain.proceed(authenticator.authenticate(chain.request(), chain.call()));
    }
    return response;
  }
}
