package dev.switchboard.cli;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.secret.EncryptedFileSecretStore;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.secret.SecretStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands read on this machine: the environment and the Switchboard home, which holds the settings
 * file ({@value ConfigFile#NAME}, see {@link ConfigFile}) and the encrypted secret store ({@code secrets.json},
 * {@code master.key}).
 *
 * <p>The home is {@code $SWITCHBOARD_HOME}, else {@code $HOME/.switchboard}; Java's {@code user.home} is used only
 * when {@code HOME} is not set (it can differ from {@code $HOME}, and the home must be the one the user's shell
 * means). Settings are read from the environment first (a setting's {@code env:} variable), then from the
 * settings file; secrets from the environment first, then from the store. Each instance declared in the settings
 * file ({@code okta@prod:}) joins the catalog as its pack's connector under the instance's name
 * ({@link ConnectorInstance}).
 */
final class LocalSetup {
  /** The variable naming the Switchboard home. */
  static final String HOME_VARIABLE = "SWITCHBOARD_HOME";

  private final Map<String, String> env;
  private final Path home;
  private final ConfigFile configFile;
  private Map<String, Map<String, String>> settings;

  LocalSetup(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.home = home(env);
    this.configFile = new ConfigFile(home.resolve(ConfigFile.NAME));
  }

  /**
   * Returns the Switchboard home for an environment.
   *
   * @param env the environment variables
   * @return {@code $SWITCHBOARD_HOME}, else {@code $HOME/.switchboard}, else {@code user.home}'s {@code .switchboard}
   */
  static Path home(Map<String, String> env) {
    String home = env.get(HOME_VARIABLE);
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    String user = env.get("HOME");
    if (user != null && !user.isBlank()) {
      return Path.of(user, ".switchboard");
    }
    return Path.of(System.getProperty("user.home"), ".switchboard");
  }

  /** {@return the environment variables the command sees} */
  Map<String, String> env() {
    return env;
  }

  /** {@return the settings file} */
  ConfigFile configFile() {
    return configFile;
  }

  /** {@return the encrypted secret store of the home} */
  EncryptedFileSecretStore store() {
    return new EncryptedFileSecretStore(home.resolve("secrets.json"), home.resolve("master.key"), env);
  }

  /** Returns the settings file's content, read once per command. */
  private Map<String, Map<String, String>> settings() {
    if (settings == null) {
      settings = configFile.read();
    }
    return settings;
  }

  /**
   * Returns one connector's or instance's settings in the settings file.
   *
   * @param connector the connector or instance name
   * @return setting names to values; empty when it has none there
   */
  Map<String, String> fileSettings(String connector) {
    return settings().getOrDefault(connector, Map.of());
  }

  /** {@return the instance names the settings file declares, such as okta@prod, sorted} */
  List<String> declaredInstances() {
    return settings().keySet().stream().filter(k -> k.indexOf(ConnectorInstance.SEPARATOR) >= 0).toList();
  }

  /**
   * Adds the declared instances to a catalog. An instance whose pack is not loaded, or whose name is not valid, is
   * left out with a note on stderr (it may belong to definitions given with --defs on another run).
   *
   * @param catalog the built-in connectors and the user's definitions
   * @param err where notes go
   * @return the catalog with each instance's connector
   */
  Catalog withInstances(Catalog catalog, PrintWriter err) {
    List<ConnectorDefinition> instances = new ArrayList<>();
    for (String name : declaredInstances()) {
      ConnectorInstance instance;
      try {
        instance = ConnectorInstance.parse(name).orElseThrow();
      } catch (IllegalArgumentException e) {
        err.println("switchboard: note: " + configFile.file() + " declares '" + name + "', which is not an instance name ("
            + e.getMessage() + "); ignored");
        continue;
      }
      ConnectorDefinition pack = catalog.connectors().get(instance.pack());
      if (pack == null || ConnectorInstance.parse(pack.name()).isPresent()) {
        err.println("switchboard: note: " + configFile.file() + " declares " + name + ", but no connector '" + instance.pack()
            + "' is loaded; ignored");
        continue;
      }
      instances.add(instance.of(pack));
    }
    err.flush();
    return instances.isEmpty() ? catalog : catalog.with(instances);
  }

  /** {@return where settings are read: the environment, then the settings file} */
  ConfigSource config() {
    Map<String, Map<String, String>> values = settings();
    return ConfigSource.environment(env).orElse(configFile.source(values));
  }

  /** {@return where secrets are read: the environment, then the secret store} */
  SecretStore secrets() {
    return SecretStore.chain(List.of(new EnvironmentSecretStore(env), store()));
  }

  /**
   * Tells whether the secret store holds a secret, without decrypting anything.
   *
   * @param secret the secret's name
   * @return whether the store holds it
   * @throws SecretException when the store cannot be read (never to be taken for "not set")
   */
  boolean stored(String secret) {
    return store().names().contains(secret);
  }

  /**
   * Reads settings and secrets for the connectors a command uses, starting the embedded sandbox for each that
   * {@link EmbeddedSandbox#standsIn}.
   *
   * @param connectors the connectors the command will call
   * @param err where the sandbox notices go
   * @return the sources, to close when the command ends (it stops the sandboxes)
   * @throws dev.switchboard.core.error.ActionError (configuration) when a connector has only some of its settings
   *     and secrets set
   */
  Sources sources(Collection<ConnectorDefinition> connectors, PrintWriter err) {
    ConfigSource config = config();
    SecretStore secrets = secrets();
    List<EmbeddedSandbox> sandboxes = new ArrayList<>();
    List<ConnectorDefinition> onSandbox = new ArrayList<>();
    try {
      for (ConnectorDefinition connector : connectors) {
        if (EmbeddedSandbox.standsIn(connector, this, err)) {
          EmbeddedSandbox sandbox = EmbeddedSandbox.start(connector, err);
          sandboxes.add(sandbox);
          onSandbox.add(connector);
          config = sandbox.config.orElse(config);
          secrets = SecretStore.chain(List.of(sandbox.secrets, secrets));
        }
      }
    } catch (RuntimeException e) {
      sandboxes.forEach(EmbeddedSandbox::close);
      throw e;
    }
    return new Sources(config, secrets, List.copyOf(onSandbox), sandboxes);
  }

  /**
   * Settings and secrets for an engine, with the embedded sandboxes started for it; closing stops them.
   *
   * @param config the settings
   * @param secrets the secrets
   * @param onSandbox the connectors that run on an embedded sandbox
   * @param sandboxes the sandboxes to stop
   */
  record Sources(ConfigSource config, SecretStore secrets, List<ConnectorDefinition> onSandbox,
      List<EmbeddedSandbox> sandboxes) implements AutoCloseable {
    @Override
    public void close() {
      sandboxes.forEach(EmbeddedSandbox::close);
    }
  }

  /**
   * Finds the connector of a name that may be an undeclared instance, to explain why it is unknown.
   *
   * @param catalog the catalog with its instances
   * @param connector the connector part of an action reference, such as {@code okta@staging}
   * @return a message saying that the instance is not declared, what is, and how to declare it; empty when the name
   *     is not an instance of a loaded pack
   */
  Optional<String> undeclaredInstance(Catalog catalog, String connector) {
    Optional<ConnectorInstance> instance;
    try {
      instance = ConnectorInstance.parse(connector);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (instance.isEmpty() || catalog.connectors().containsKey(connector)) {
      return Optional.empty();
    }
    ConnectorDefinition pack = catalog.connectors().get(instance.get().pack());
    if (pack == null) {
      return Optional.empty();
    }
    List<String> declared = catalog.connectors().keySet().stream().filter(n -> n.startsWith(pack.name() + ConnectorInstance.SEPARATOR)).toList();
    String how = pack.config().values().stream().findFirst()
        .map(v -> "with 'switchboard config set " + connector + "." + v.name() + " " + v.example().orElse("VALUE") + "'")
        .orElse("by adding the line '" + connector + ": {}' to " + configFile.file());
    return Optional.of("no instance " + connector + " is declared" + (declared.isEmpty() ? "" : " (declared: "
        + String.join(", ", declared) + ")") + "; declare it " + how);
  }
}
