package dev.switchboard.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.core.template.Escaper;
import dev.switchboard.core.transport.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * What making an {@link Authenticator} needs: the connector's name and settings, its secret store, the
 * redactor every resolved secret is registered with, the transport for token requests, and the check that
 * a token endpoint is a host the connector may talk to.
 *
 * @param connector the connector's name, for messages
 * @param scope the template scope holding {@code config}
 * @param secrets where secrets are resolved
 * @param redactor where every resolved secret and issued token is registered
 * @param transport the transport for token requests (no interceptors)
 * @param allowedHost whether a URI's host may receive this connector's credentials
 */
public record AuthContext(String connector, JsonNode scope, SecretStore secrets, Redactor redactor,
    Transport transport, Predicate<URI> allowedHost) {

  /**
   * Makes the authenticator an auth config declares, resolving its secrets now.
   *
   * @param config the connector's auth config
   * @return the authenticator
   * @throws SecretException when a secret is missing or malformed; the message says where it was looked
   *     for, never the value
   * @throws IllegalArgumentException when a setting (token URL, client id) renders to something unusable;
   *     the message says which
   */
  public Authenticator authenticator(AuthConfig config) {
    return config.accept(new AuthConfig.Visitor<>() {
      @Override
      public Authenticator none(AuthConfig.None none) {
        return Authenticator.NONE;
      }

      @Override
      public Authenticator apiKey(AuthConfig.ApiKey apiKey) {
        return apiKeyAuthenticator(apiKey);
      }

      @Override
      public Authenticator basic(AuthConfig.Basic basic) {
        return basicAuthenticator(basic);
      }

      @Override
      public Authenticator bearer(AuthConfig.Bearer bearer) {
        return bearerAuthenticator(bearer);
      }

      @Override
      public Authenticator oauth2ClientCredentials(AuthConfig.OAuth2ClientCredentials oauth) {
        return clientCredentialsAuthenticator(oauth);
      }
    });
  }

  private Authenticator apiKeyAuthenticator(AuthConfig.ApiKey apiKey) {
    ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(apiKey, secret(apiKey.secret()));
    redactor.registerCredential(authenticator.sent());
    return authenticator;
  }

  private Authenticator bearerAuthenticator(AuthConfig.Bearer bearer) {
    Secret token = secret(bearer.secret()).singleLine();
    ApiKeyAuthenticator.refusePastedScheme(token.value(), "Bearer", "Authorization", token.origin());
    redactor.registerCredential("Bearer " + token.value());
    return new StaticHeaderAuthenticator(Escaper.HEADER_VALUE.escape("Bearer " + token.value()),
        "a bearer token from " + token.origin());
  }

  private Authenticator basicAuthenticator(AuthConfig.Basic basic) {
    Secret password = secret(basic.secret());
    String user = basic.username().render(scope, Escaper.NONE);
    if (user.contains(":")) {
      throw new IllegalArgumentException("connector '" + connector + "': a Basic auth user name may not contain ':' (RFC 7617)");
    }
    String encoded = Base64.getEncoder().encodeToString((user + ":" + password.value()).getBytes(StandardCharsets.UTF_8));
    redactor.register(encoded);
    redactor.registerCredential(user + ":" + password.value());
    return new StaticHeaderAuthenticator("Basic " + encoded, "HTTP Basic for user " + user + " with the password from " + password.origin());
  }

  private Authenticator clientCredentialsAuthenticator(AuthConfig.OAuth2ClientCredentials oauth) {
    String url = oauth.tokenUrl().render(scope, Escaper.NONE).strip();
    URI tokenUrl;
    try {
      tokenUrl = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("connector '" + connector + "': the token URL '" + url + "' is not a valid URL");
    }
    if (tokenUrl.getHost() == null || !allowedHost.test(tokenUrl)) {
      throw new IllegalArgumentException("connector '" + connector + "': the token URL " + url
          + " is not on the connector's host or its allowed_hosts; credentials are only sent there");
    }
    String clientId = oauth.clientId().render(scope, Escaper.NONE).strip();
    if (clientId.isEmpty()) {
      throw new IllegalArgumentException("connector '" + connector + "': the OAuth client id is empty");
    }
    String keyId = oauth.keyId().map(k -> k.render(scope, Escaper.NONE).strip()).filter(k -> !k.isEmpty()).orElse(null);
    return new ClientCredentialsAuthenticator(tokenUrl, clientId, oauth, keyId, secret(oauth.secret()), transport, redactor);
  }

  private Secret secret(String name) {
    Secret secret = secrets.find(name).orElseThrow(() -> new SecretException(
        "connector '" + connector + "' needs the secret '" + name + "': set " + secrets.describe(name)));
    redactor.register(secret.value());
    return secret;
  }
}
