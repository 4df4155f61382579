package dev.switchboard.core.auth;

import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.core.transport.Request;

/**
 * Adds a connector's credentials to a request. One is made per connector when it is first used; it holds
 * resolved secrets, so it is never logged. Thread-safe.
 */
public interface Authenticator {
  /**
   * Adds credentials.
   *
   * @param request the request without credentials
   * @return the request with them
   */
  Request authenticate(Request request);

  /**
   * Describes how this authenticator authenticates, for error messages, without any secret, such as
   * {@code an API key in header Authorization with scheme SSWS}.
   *
   * @return a short phrase
   */
  String describe();

  /**
   * Makes the authenticator an auth config declares, resolving its secrets now.
   *
   * @param config the connector's auth config
   * @param secrets where secrets are looked up
   * @param redactor where every resolved secret is registered for scrubbing
   * @param connector the connector's name, for error messages
   * @return the authenticator
   * @throws SecretException when a secret is missing or malformed; the message says where it was looked for
   */
  static Authenticator of(AuthConfig config, SecretStore secrets, Redactor redactor, String connector) {
    if (config instanceof AuthConfig.ApiKey apiKey) {
      Secret secret = secrets.find(apiKey.secret()).orElseThrow(() -> new SecretException(
          "connector '" + connector + "' needs the secret '" + apiKey.secret() + "': set "
              + secrets.describe(apiKey.secret())));
      redactor.register(secret.value());
      return new ApiKeyAuthenticator(apiKey, secret);
    }
    return new Authenticator() {
      @Override
      public Request authenticate(Request request) {
        return request;
      }

      @Override
      public String describe() {
        return "no credentials";
      }
    };
  }
}
