package dev.switchboard.core.secret;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secrets from environment variables: secret {@code okta_api_token} is variable {@code OKTA_API_TOKEN}
 * (the name in upper case), and an instance's secret {@code okta_api_token@prod} is {@code OKTA_API_TOKEN_PROD}
 * ({@code @} becomes {@code _}). Values are trimmed; CR or LF inside are refused (see {@link Secret#of}).
 */
public final class EnvironmentSecretStore implements SecretStore {
  private final Map<String, String> environment;

  /** Reads the process environment. */
  public EnvironmentSecretStore() {
    this(System.getenv());
  }

  /**
   * Reads the given variables instead of the process environment (for tests).
   *
   * @param environment variable names to values
   */
  public EnvironmentSecretStore(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Returns the variable that holds a secret.
   *
   * @param name the secret's name
   * @return the variable's name, the secret's name in upper case with {@code @} as {@code _}
   */
  public static String variable(String name) {
    return name.toUpperCase(Locale.ROOT).replace('@', '_');
  }

  @Override
  public Optional<Secret> find(String name) {
    String raw = environment.get(variable(name));
    if (raw == null) {
      return Optional.empty();
    }
    return Optional.of(Secret.of(name, raw, "environment variable " + variable(name)));
  }

  @Override
  public String describe(String name) {
    return "environment variable " + variable(name);
  }
}
