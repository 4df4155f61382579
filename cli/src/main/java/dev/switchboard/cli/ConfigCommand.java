package dev.switchboard.cli;

import dev.switchboard.core.definition.BaseUrl;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.definition.Names;
import dev.switchboard.core.plan.Catalog;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switchboard config set|get|list|unset}: the settings file of the Switchboard home ({@link ConfigFile}).
 * A key is {@code <connector>.<setting>} ({@code okta.org_url}) or {@code <pack>@<instance>.<setting>}
 * ({@code okta@prod.org_url}); setting an instance's key declares the instance. Keys are checked against the
 * loaded definitions (the setting must be declared under the connector's {@code config:}), and a value that would
 * make a bad base URL is refused before anything is written.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = {
    "Manages settings (not secrets) in $SWITCHBOARD_HOME/config.yaml (default $HOME/.switchboard), read after environment variables.",
    "A key is connector.setting (okta.org_url) or pack@instance.setting (okta@prod.org_url, which declares the instance okta@prod)."},
    subcommands = {ConfigCommand.Set.class, ConfigCommand.Get.class, ConfigCommand.ListSettings.class, ConfigCommand.Unset.class})
final class ConfigCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }

  /** A key read against the loaded definitions. */
  private record Key(String connector, ConnectorDefinition definition, ConfigVariable setting) {
    String text() {
      return connector + "." + setting.name();
    }
  }

  /**
   * Reads {@code connector.setting}: the connector must be loaded (or be an instance of a loaded pack) and declare
   * the setting.
   */
  private static Key key(String text, Catalog catalog) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new Main.UsageException("'" + text + "' is not a setting key; a key is connector.setting, such as okta.org_url,"
          + " or for an instance pack@instance.setting, such as okta@prod.org_url");
    }
    String connector = text.substring(0, dot);
    String name = text.substring(dot + 1);
    ConnectorDefinition definition = connector(connector, catalog);
    ConfigVariable setting = definition.config().get(name);
    if (setting == null) {
      List<String> known = new ArrayList<>(definition.config().keySet());
      String secretHint = SecretsCommand.secretOf(definition.auth())
          .filter(s -> name.contains("token") || name.contains("key") || name.contains("secret") || name.contains("password"))
          .map(s -> " Secrets are not settings: store it with 'switchboard secrets set " + s + "'.").orElse("");
      throw new Main.UsageException(connector + " has no setting '" + name + "'"
          + Names.closest(name, known).map(c -> "; did you mean '" + c + "'?").orElse(".")
          + (known.isEmpty() ? " It has no settings." : " Its settings: " + String.join(", ", known) + ".") + secretHint);
    }
    return new Key(connector, definition, setting);
  }

  private static ConnectorDefinition connector(String connector, Catalog catalog) {
    Optional<ConnectorInstance> instance;
    try {
      instance = ConnectorInstance.parse(connector);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
    String pack = instance.map(ConnectorInstance::pack).orElse(connector);
    ConnectorDefinition definition = catalog.connectors().get(pack);
    if (definition == null || ConnectorInstance.parse(definition.name()).isPresent()) {
      List<String> packs = catalog.connectors().keySet().stream().filter(n -> n.indexOf(ConnectorInstance.SEPARATOR) < 0).toList();
      throw new Main.UsageException("no connector named '" + pack + "'" + Names.closest(pack, packs).map(c -> "; did you mean '" + c + "'?")
          .orElse(".") + " Loaded connectors: " + String.join(", ", packs) + " (add yours with --defs DIR or $SWITCHBOARD_DEFS).");
    }
    return instance.map(i -> i.of(definition)).orElse(definition);
  }

  /**
   * Refuses a value that would make the connector's base URL unusable, when the base URL is that setting alone
   * (as Okta's {@code {{config.org_url}}}): not https, a query, or a path its actions repeat ({@code /api/v1}).
   */
  private static void checkValue(Key key, String value) {
    String template = key.definition().baseUrl().source().strip();
    if (!template.equals("{{config." + key.setting().name() + "}}") && !template.equals("{{ config." + key.setting().name() + " }}")) {
      return;
    }
    String problem = BaseUrl.problem(value);
    if (problem == null) {
      problem = BaseUrl.repeatedPath(URI.create(value.strip()), key.definition().actions()).orElse(null);
    }
    if (problem != null) {
      throw new Main.UsageException(key.text() + ": " + problem + "; nothing was written");
    }
  }

  /** Notes on stderr when the setting's environment variable is set, since it wins over the file. */
  private static void noteEnvironment(Key key, Map<String, String> env, PrintWriter err) {
    key.setting().env().filter(v -> env.get(v) != null && !env.get(v).isBlank()).ifPresent(v ->
        err.println("switchboard: note: " + v + " is set in this environment and wins over " + ConfigFile.NAME));
  }

  private static Catalog catalog(Main main, DefinitionsOption definitions) {
    return definitions.catalog(main.env);
  }

  /** Sets a setting. */
  @Command(name = "set", mixinStandardHelpOptions = true, description = {
      "Sets a setting, such as: switchboard config set okta@prod.org_url https://acme.okta.com",
      "Setting a key of pack@instance declares that instance (its actions become okta@prod.list_users...)."})
  static final class Set implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ConfigCommand parent;

    @Parameters(index = "0", paramLabel = "KEY", description = "connector.setting or pack@instance.setting, such as okta@prod.org_url.")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value (settings are not secrets; tokens go in 'switchboard secrets set').")
    String value;

    @Mixin
    DefinitionsOption definitions;

    @Override
    public Integer call() {
      Key k = key(key, catalog(parent.main, definitions));
      if (value.isBlank()) {
        throw new Main.UsageException("the value of " + k.text() + " is empty; to remove it, use 'switchboard config unset " + k.text() + "'");
      }
      checkValue(k, value);
      LocalSetup setup = new LocalSetup(parent.main.env);
      boolean declares = ConnectorInstance.parse(k.connector()).isPresent() && !setup.declaredInstances().contains(k.connector());
      setup.configFile().set(k.connector(), k.setting().name(), value.strip());
      PrintWriter err = spec.commandLine().getErr();
      err.println("set " + k.text() + " in " + setup.configFile().file()
          + (declares ? "; declared the instance " + k.connector() + " (run its actions as " + k.connector() + ".ACTION)" : ""));
      noteEnvironment(k, parent.main.env, err);
      return 0;
    }
  }

  /** Prints a setting's value. */
  @Command(name = "get", mixinStandardHelpOptions = true, description = "Prints a setting's value as commands see it: its environment variable if set, else the file's.")
  static final class Get implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ConfigCommand parent;

    @Parameters(index = "0", paramLabel = "KEY", description = "connector.setting or pack@instance.setting.")
    String key;

    @Mixin
    DefinitionsOption definitions;

    @Override
    public Integer call() {
      Key k = key(key, catalog(parent.main, definitions));
      LocalSetup setup = new LocalSetup(parent.main.env);
      Optional<String> fromEnv = k.setting().env().map(parent.main.env::get).filter(v -> !v.isBlank());
      Optional<String> value = fromEnv.or(() -> Optional.ofNullable(setup.fileSettings(k.connector()).get(k.setting().name())));
      if (value.isEmpty()) {
        throw new Main.ConfigurationException(k.text() + " is not set" + k.setting().env().map(v -> " (neither " + v + " nor")
            .orElse(" (not in") + " " + setup.configFile().file() + "); set it with 'switchboard config set " + k.text() + " "
            + k.setting().example().orElse("VALUE") + "'");
      }
      spec.commandLine().getOut().println(value.get());
      if (fromEnv.isPresent()) {
        spec.commandLine().getErr().println("switchboard: note: from the environment variable " + k.setting().env().orElseThrow());
      }
      return 0;
    }
  }

  /** Lists the settings in the file. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the settings in the file as KEY=VALUE, one a line.")
  static final class ListSettings implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ConfigCommand parent;

    @Override
    public Integer call() {
      LocalSetup setup = new LocalSetup(parent.main.env);
      PrintWriter out = spec.commandLine().getOut();
      Map<String, Map<String, String>> all = setup.configFile().read();
      all.forEach((connector, settings) -> settings.forEach((name, value) -> out.println(connector + "." + name + "=" + value)));
      all.forEach((connector, settings) -> {
        if (settings.isEmpty()) {
          spec.commandLine().getErr().println("switchboard: note: " + connector + " is declared with no settings");
        }
      });
      return 0;
    }
  }

  /** Removes a setting, or an instance. */
  @Command(name = "unset", mixinStandardHelpOptions = true, description = {
      "Removes a setting (KEY = connector.setting), or an instance and its settings (KEY = pack@instance).",
      "An instance's secrets stay in the secret store; 'switchboard secrets rm' removes them."})
  static final class Unset implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ConfigCommand parent;

    @Parameters(index = "0", paramLabel = "KEY", description = "connector.setting, or pack@instance to remove the instance.")
    String key;

    @Override
    public Integer call() {
      LocalSetup setup = new LocalSetup(parent.main.env);
      PrintWriter err = spec.commandLine().getErr();
      ConfigFile file = setup.configFile();
      int dot = key.indexOf('.');
      if (dot < 0) {
        if (!file.remove(key)) {
          throw new Main.UsageException(file.file() + " has no section '" + key + "'" + Names.closest(key, file.read().keySet())
              .map(c -> "; did you mean '" + c + "'?").orElse("") + "; 'switchboard config list' shows what it holds");
        }
        err.println("removed " + key + " from " + file.file()
            + (ConnectorInstance.parse(key).isPresent() ? "; its secrets, if any, stay in the secret store ('switchboard secrets list')" : ""));
        return 0;
      }
      String connector = key.substring(0, dot);
      String setting = key.substring(dot + 1);
      if (!file.unset(connector, setting)) {
        throw new Main.UsageException(key + " is not set in " + file.file() + "; 'switchboard config list' shows what is");
      }
      err.println("removed " + key + " from " + file.file());
      return 0;
    }
  }
}
