package dev.switchboard.cli;

import dev.switchboard.core.secret.EncryptedFileSecretStore;
import dev.switchboard.core.secret.SecretException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
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
    "Store: $SWITCHBOARD_HOME/secrets.json (default ~/.switchboard); key: $SWITCHBOARD_MASTER_KEY or $SWITCHBOARD_HOME/master.key (0600)."},
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

  static Path home(Map<String, String> env) {
    String home = env.get("SWITCHBOARD_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".switchboard");
  }

  static EncryptedFileSecretStore store(Map<String, String> env) {
    Path home = home(env);
    return new EncryptedFileSecretStore(home.resolve("secrets.json"), home.resolve("master.key"), env);
  }

  private static void checkName(String name) {
    if (!dev.switchboard.core.definition.DefinitionLoader.NAME.matcher(name).matches()) {
      throw new Main.UsageException("'" + name + "' is not a secret name; use lower-case letters, digits and '_', such as okta_api_token");
    }
  }

  /** Stores a secret read from a hidden prompt or stdin. */
  @Command(name = "set", mixinStandardHelpOptions = true, description = {
      "Stores a secret. The value is read from a hidden prompt on a terminal, otherwise from stdin (one line, trimmed; --multiline for a PEM key)."})
  static final class Set implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name, as connectors refer to it (e.g. okta_api_token).")
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
