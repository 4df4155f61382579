package dev.switchboard.cli;

import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.Names;
import dev.switchboard.core.definition.SecretVariables;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.secret.EncryptedFileSecretStore;
import dev.switchboard.core.secret.SecretException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switchboard secrets set|list|rm}: the encrypted secret store ({@code $SWITCHBOARD_HOME/secrets.json},
 * AES-256-GCM, key from {@code SWITCHBOARD_MASTER_KEY} or {@code $SWITCHBOARD_HOME/master.key}). Values are
 * read from a hidden prompt or from stdin, never from the command line, and never printed.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = {
    "Manages the encrypted secret store (AES-256-GCM) that actions read secrets from after environment variables.",
    "Store: $SWITCHBOARD_HOME/secrets.json (default $HOME/.switchboard); key: $SWITCHBOARD_MASTER_KEY or $SWITCHBOARD_HOME/master.key (0600).",
    "An instance's secrets carry its name: okta_api_token@prod for okta@prod."},
    subcommands = {SecretsCommand.Set.class, SecretsCommand.ListNames.class, SecretsCommand.Remove.class})
final class SecretsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }

  static EncryptedFileSecretStore store(Map<String, String> env) {
    return new LocalSetup(env).store();
  }

  private static void checkName(String name) {
    int at = name.indexOf(ConnectorInstance.SEPARATOR);
    String secret = at < 0 ? name : name.substring(0, at);
    if (!DefinitionLoader.NAME.matcher(secret).matches()
        || (at >= 0 && !ConnectorInstance.NAME.matcher(name.substring(at + 1)).matches())) {
      throw new Main.UsageException("'" + name + "' is not a secret name; use lower-case letters, digits and '_', such as"
          + " okta_api_token, and for an instance add '@' and its name, such as okta_api_token@prod");
    }
  }

  /**
   * Checks a value against the connectors that use the secret: a key pasted with the scheme word its connector
   * adds itself ({@code SSWS 00ab...} for Okta) is refused, and a name no loaded connector uses gets a note (with the
   * closest name in use), since nothing would ever read it.
   */
  private static void checkUse(String name, String value, Map<String, String> env, PrintWriter err) {
    Catalog catalog;
    try {
      catalog = new LocalSetup(env).withInstances(new DefinitionsOption().catalog(env), new PrintWriter(Writer.nullWriter()));
    } catch (RuntimeException e) {
      return; // definitions that do not load are reported by the commands that use them
    }
    List<String> used = new ArrayList<>();
    for (ConnectorDefinition connector : catalog.connectors().values()) {
      String secret = secretOf(connector.auth()).orElse(null);
      if (secret == null) {
        continue;
      }
      used.add(secret);
      if (secret.equals(name) && connector.auth() instanceof AuthConfig.ApiKey key && !key.scheme().isEmpty()
          && value.strip().regionMatches(true, 0, key.scheme() + " ", 0, key.scheme().length() + 1)) {
        throw new Main.UsageException("the value starts with '" + key.scheme() + " ', which Switchboard adds itself ("
            + connector.name() + " sends " + key.name() + ": " + key.scheme() + " <key>): store only the key after '"
            + key.scheme() + " '; nothing was stored");
      }
    }
    if (!used.contains(name)) {
      err.println("switchboard: note: no loaded connector uses a secret named '" + name + "'"
          + Names.closest(name, used).map(c -> "; did you mean '" + c + "'?").orElse(used.isEmpty() ? "" : "; they use: "
              + String.join(", ", used.stream().sorted().distinct().toList())));
    }
  }

  /** Returns the secret an auth config reads, if any. */
  static Optional<String> secretOf(AuthConfig auth) {
    return SecretVariables.secretOf(auth);
  }

  /** Stores a secret read from a hidden prompt or stdin. */
  @Command(name = "set", mixinStandardHelpOptions = true, description = {
      "Stores a secret. The value is read from a hidden prompt on a terminal, otherwise from stdin (one line, trimmed; --multiline for a PEM key)."})
  static final class Set implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name, as connectors refer to it (e.g. okta_api_token; okta_api_token@prod for the instance okta@prod).")
    String name;

    @picocli.CommandLine.Option(names = "--multiline", description = "Accept a value of several lines, such as a PEM private key"
        + " (read from stdin to its end). Without it a value is one line.")
    boolean multiline;

    @Override
    public Integer call() throws IOException {
      checkName(name);
      String value;
      Console console = System.console();
      if (console != null && parent.main.env.get("SWITCHBOARD_SECRET_STDIN") == null) {
        char[] typed = console.readPassword("Value for %s (hidden): ", name);
        value = typed == null ? "" : new String(typed);
      } else {
        BufferedReader in = new BufferedReader(new InputStreamReader(parent.main.stdin, StandardCharsets.UTF_8));
        StringBuilder all = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
          all.append(line).append('\n');
        }
        value = all.toString();
      }
      if (value.isBlank()) {
        throw new Main.UsageException("no value given for secret '" + name + "'; type it at the prompt or pipe it on stdin");
      }
      if (!multiline && value.strip().contains("\n")) {
        throw new Main.UsageException("the value for secret '" + name + "' has several lines; a token is one line"
            + " (check what was piped), or pass --multiline for a PEM private key");
      }
      checkUse(name, value, parent.main.env, spec.commandLine().getErr());
      try {
        EncryptedFileSecretStore store = store(parent.main.env);
        store.put(name, value);
        spec.commandLine().getErr().println("stored secret '" + name + "' in " + store.file());
      } catch (SecretException e) {
        throw new Main.ConfigurationException(e.getMessage());
      }
      return 0;
    }
  }

  /** Lists the names of stored secrets. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the names of stored secrets (never their values).")
  static final class ListNames implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    SecretsCommand parent;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        store(parent.main.env).names().forEach(out::println);
      } catch (SecretException e) {
        throw new Main.ConfigurationException(e.getMessage());
      }
      return 0;
    }
  }

  /** Removes a secret. */
  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a stored secret.")
  static final class Remove implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @Override
    public Integer call() {
      checkName(name);
      boolean removed;
      try {
        removed = store(parent.main.env).remove(name);
      } catch (SecretException e) {
        throw new Main.ConfigurationException(e.getMessage());
      }
      if (!removed) {
        throw new Main.UsageException("no secret named '" + name + "' in the store; 'switchboard secrets list' shows them");
      }
      spec.commandLine().getErr().println("removed secret '" + name + "'");
      return 0;
    }
  }
}
