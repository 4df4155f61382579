package dev.switchboard.core.definition;

import dev.switchboard.core.secret.EnvironmentSecretStore;
import java.util.Collection;
import java.util.Optional;

/**
 * The environment variables that hold secrets, which a setting's {@code env:} may not name (issue 11, point 10): a
 * setting is plain text a definition may put anywhere, even in a URL to its own host, so a secret reaches a request
 * only through an auth config. They are the variable of every secret an auth config names ({@code okta_api_token} is
 * read from {@code OKTA_API_TOKEN}, as {@link EnvironmentSecretStore} reads it) and every variable of Switchboard's
 * own, {@code SWITCHBOARD_*} (its master key and its MCP API key among them).
 */
public final class SecretVariables {
  /** The prefix of Switchboard's own variables. */
  public static final String OWN_PREFIX = "SWITCHBOARD_";

  private SecretVariables() {}

  /**
   * Returns the secret an auth config reads, if it reads one.
   *
   * @param auth the auth config
   * @return the secret's name, such as {@code okta_api_token}; empty for {@code type: none}
   */
  public static Optional<String> secretOf(AuthConfig auth) {
    return auth.accept(new AuthConfig.Visitor<Optional<String>>() {
      @Override
      public Optional<String> none(AuthConfig.None config) {
        return Optional.empty();
      }

      @Override
      public Optional<String> apiKey(AuthConfig.ApiKey config) {
        return Optional.of(config.secret());
      }

      @Override
      public Optional<String> basic(AuthConfig.Basic config) {
        return Optional.of(config.secret());
      }

      @Override
      public Optional<String> bearer(AuthConfig.Bearer config) {
        return Optional.of(config.secret());
      }

      @Override
      public Optional<String> oauth2ClientCredentials(AuthConfig.OAuth2ClientCredentials config) {
        return Optional.of(config.secret());
      }
    });
  }

  /**
   * Tells why a setting may not be read from a variable, if it may not.
   *
   * @param env the variable a setting's {@code env:} names, such as {@code OKTA_API_TOKEN}
   * @param connectors the connectors whose secrets are in use (the one being read, or every one of an engine)
   * @return the reason, naming the secret and its connector, or empty when the variable holds no secret
   */
  public static Optional<String> problem(String env, Collection<ConnectorDefinition> connectors) {
    if (env.startsWith(OWN_PREFIX)) {
      return own(env);
    }
    for (ConnectorDefinition connector : connectors) {
      Optional<String> found = problem(env, connector.name(), connector.auth());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * Tells why a setting of a connector being read may not be read from a variable, against its own auth config.
   *
   * @param env the variable
   * @param connector the connector's name
   * @param auth its auth config
   * @return the reason, or empty
   */
  static Optional<String> problem(String env, String connector, AuthConfig auth) {
    if (env.startsWith(OWN_PREFIX)) {
      return own(env);
    }
    return secretOf(auth).filter(secret -> EnvironmentSecretStore.variable(secret).equals(env))
        .map(secret -> "'" + env + "' holds the secret " + secret + " of connector '" + connector + "'; a secret reaches a"
            + " request only through auth:, never as a setting a definition could send anywhere: name another variable");
  }

  private static Optional<String> own(String env) {
    return Optional.of("'" + env + "' is one of Switchboard's own variables (" + OWN_PREFIX + "*), which hold its keys;"
        + " a setting may not read it: name another variable");
  }
}
