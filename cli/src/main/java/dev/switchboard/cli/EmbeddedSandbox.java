package dev.switchboard.cli;

import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.secret.SecretStore;
import dev.switchboard.sandbox.OktaSandbox;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default: when a connector that names a built-in sandbox ({@code sandbox: okta}) has none of
 * its settings and secrets set (in the environment, the config file or the secret store), an in-process sandbox
 * stands in for the real service, a token is created on it, and one line on stderr says so. When all are set,
 * the real service is called; when only some are, that is a configuration error naming the missing ones.
 * Instances ({@code okta@prod}) have no sandbox: they always call their own service.
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
   * Tells whether a connector would run against its sandbox.
   *
   * @param connector the connector
   * @param setup where its settings and secrets would be found
   * @param err where a note goes when the secret store cannot be read but nothing else is set (the sandbox is used)
   * @return true when it names the Okta sandbox and none of its settings and secrets is set
   * @throws ActionError (configuration) when only some of them are set, naming which, or some are and the secret
   *     store that might hold the others cannot be read (said so, never as a variable not set)
   */
  static boolean standsIn(ConnectorDefinition connector, LocalSetup setup, PrintWriter err) {
    if (connector.sandbox().filter("okta"::equals).isEmpty()) {
      return false;
    }
    List<String> set = new ArrayList<>();
    List<String> unset = new ArrayList<>();
    List<String> all = new ArrayList<>();
    SecretException unreadable = null;
    Map<String, String> inFile = setup.fileSettings(connector.name());
    for (ConfigVariable v : connector.config().values()) {
      String label = v.env().orElse(connector.name() + "." + v.name());
      all.add(label);
      if (v.env().map(setup.env()::get).filter(s -> !s.isBlank()).isPresent()) {
        set.add(label);
      } else if (inFile.containsKey(v.name())) {
        set.add(label + " (as " + connector.name() + "." + v.name() + " in " + setup.configFile().file() + ")");
      } else if (v.env().isPresent()) {
        unset.add(label);
      }
    }
    if (connector.auth() instanceof AuthConfig.ApiKey apiKey) {
      String label = EnvironmentSecretStore.variable(apiKey.secret());
      all.add(label);
      String value = setup.env().get(label);
      boolean inStore = false;
      if (value == null || value.isBlank()) {
        try {
          inStore = setup.stored(apiKey.secret());
        } catch (SecretException e) {
          unreadable = e;
        }
      }
      if (value != null && !value.isBlank()) {
        set.add(label);
      } else if (inStore) {
        set.add(label + " (from the secret store)");
      } else {
        unset.add(label);
      }
    }
    if (unset.isEmpty()) {
      return false;
    }
    if (!set.isEmpty() && unreadable != null) {
      throw ActionError.builder(ErrorCategory.CONFIGURATION, connector.name(), String.join(" and ", set)
          + (set.size() == 1 ? " is" : " are") + " set, but " + unreadable.getMessage() + " (so whether it holds "
          + String.join(" and ", unset) + " cannot be told: repair the store, or set " + String.join(" and ", unset) + ")").build();
    }
    if (unreadable != null) {
      err.println("switchboard: note: " + Main.printable(unreadable.getMessage()) + " (not used: nothing of "
          + connector.title() + " is set)");
      err.flush();
    }
    if (!set.isEmpty()) {
      throw ActionError.builder(ErrorCategory.CONFIGURATION, connector.name(), String.join(" and ", set)
          + (set.size() == 1 ? " is" : " are") + " set but " + String.join(" and ", unset) + (unset.size() == 1 ? " is" : " are")
          + " not: set all of " + String.join(", ", all) + " to call your " + connector.title()
          + " org, or none to use the embedded sandbox").build();
    }
    return true;
  }

  /**
   * Starts the sandbox for a connector that {@link #standsIn}, creates a token on it, and says so on stderr.
   *
   * @param connector the connector
   * @param err where the one-line notice goes
   * @return the sandbox wiring: settings and secrets to put first, for this connector only
   */
  static EmbeddedSandbox start(ConnectorDefinition connector, PrintWriter err) {
    OktaSandbox sandbox = OktaSandbox.builder().port(0).users(USERS).seed(SEED).build();
    sandbox.start();
    String token = sandbox.createApiToken("Switchboard embedded run");
    String url = sandbox.orgUrl().toString();
    err.println("switchboard: " + String.join(" and ", variables(connector)) + " not set; using the embedded "
        + connector.title() + " sandbox at " + url + " (" + USERS + " generated users)");
    err.flush();
    MapSecretStore secrets = new MapSecretStore("the embedded sandbox");
    if (connector.auth() instanceof AuthConfig.ApiKey apiKey) {
      secrets.put(apiKey.secret(), token);
    }
    Map<String, String> settings = new HashMap<>();
    for (ConfigVariable v : connector.config().values()) {
      if (v.name().equals("org_url")) {
        settings.put(v.name(), url);
      }
    }
    return new EmbeddedSandbox(sandbox, ConfigSource.of(Map.of(connector.name(), settings)), secrets);
  }

  /** Returns the environment variables that would point a connector at its real service. */
  static List<String> variables(ConnectorDefinition connector) {
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
