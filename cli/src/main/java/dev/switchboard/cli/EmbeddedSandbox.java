package dev.switchboard.cli;

import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.sandbox.OktaSandbox;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded default: when a connector that names a built-in sandbox ({@code sandbox: okta}) has none of
 * its settings and secrets in the environment, an in-process sandbox stands in for the real service, a token
 * is created on it, and one line on stderr says so. When all are set, the real service is called; when only
 * some are, that is a configuration error naming the missing ones.
 */
final class EmbeddedSandbox implements AutoCloseable {
  /** Users seeded into the embedded sandbox. */
  static final int USERS = 1000;
  /** The seed of the embedded sandbox's generated users, fixed so that every run sees the same org. */
  static final long SEED = 42L;

  private final OktaSandbox sandbox;
  final ConfigSource config;
  final SecretStore secrets;

  private EmbeddedSandbox(OktaSandbox sandbox, ConfigSource config, SecretStore secrets) {
    this.sandbox = sandbox;
    this.config = config;
    this.secrets = secrets;
  }

  /**
   * Decides whether a connector runs against its sandbox, and starts one if so.
   *
   * @param connector the connector about to be used
   * @param env the process environment
   * @param stored whether a secret is in the encrypted secret store (by name), which counts as set; it throws a
   *     {@link SecretException} when the store cannot be read
   * @param err where the one-line notice goes
   * @return the sandbox wiring, or null when the real service is configured
   * @throws ActionError (configuration) when only some of the connector's variables are set, or some are and the
   *     secret store that might hold the others cannot be read (said so, never as a variable not set)
   */
  static EmbeddedSandbox startIfUnconfigured(ConnectorDefinition connector, Map<String, String> env,
      java.util.function.Predicate<String> stored, PrintWriter err) {
    if (connector.sandbox().filter("okta"::equals).isEmpty()) {
      return null;
    }
    List<String> set = new ArrayList<>();
    List<String> unset = new ArrayList<>();
    SecretException unreadable = null;
    for (String variable : variables(connector)) {
      String value = env.get(variable);
      boolean inStore = false;
      if ((value == null || value.isBlank()) && connector.auth() instanceof AuthConfig.ApiKey k
          && variable.equals(EnvironmentSecretStore.variable(k.secret()))) {
        try {
          inStore = stored.test(k.secret());
        } catch (SecretException e) {
          unreadable = e;
        }
      }
      if (value != null && !value.isBlank()) {
        set.add(variable);
      } else if (inStore) {
        set.add(variable + " (from the secret store)");
      } else {
        unset.add(variable);
      }
    }
    if (unset.isEmpty()) {
      return null;
    }
    if (!set.isEmpty() && unreadable != null) {
      throw ActionError.builder(ErrorCategory.CONFIGURATION, connector.name(), String.join(" and ", set)
          + (set.size() == 1 ? " is" : " are") + " set, but " + unreadable.getMessage() + " (so whether it holds "
          + String.join(" and ", unset) + " cannot be told: repair the store, or set " + String.join(" and ", unset) + ")").build();
    }
    if (!set.isEmpty()) {
      throw ActionError.builder(ErrorCategory.CONFIGURATION, connector.name(), String.join(" and ", set)
          + (set.size() == 1 ? " is" : " are") + " set but " + String.join(" and ", unset) + (unset.size() == 1 ? " is" : " are")
          + " not: set all of " + String.join(", ", variables(connector)) + " to call your " + connector.title()
          + " org, or none to use the embedded sandbox").build();
    }
    if (unreadable != null) {
      err.println("switchboard: note: " + Main.printable(unreadable.getMessage()) + " (not used: nothing of "
          + connector.title() + " is set)");
    }
    OktaSandbox sandbox = OktaSandbox.builder().port(0).users(USERS).seed(SEED).build();
    sandbox.start();
    String token = sandbox.createApiToken("Switchboard embedded run");
    String url = sandbox.orgUrl().toString();
    err.println("switchboard: " + String.join(" and ", unset) + " not set; using the embedded " + connector.title()
        + " sandbox at " + url + " (" + USERS + " generated users)");
    err.flush();
    MapSecretStore secrets = new MapSecretStore("the embedded sandbox");
    if (connector.auth() instanceof AuthConfig.ApiKey apiKey) {
      secrets.put(apiKey.secret(), token);
    }
    Map<String, String> settings = new java.util.HashMap<>();
    for (ConfigVariable v : connector.config().values()) {
      if (v.name().equals("org_url")) {
        settings.put(v.name(), url);
      }
    }
    return new EmbeddedSandbox(sandbox, ConfigSource.of(Map.of(connector.name(), settings)), secrets);
  }

  private static List<String> variables(ConnectorDefinition connector) {
    List<String> out = new ArrayList<>();
    connector.config().values().forEach(v -> v.env().ifPresent(out::add));
    if (connector.auth() instanceof AuthConfig.ApiKey apiKey) {
      out.add(EnvironmentSecretStore.variable(apiKey.secret()));
    }
    return out;
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
