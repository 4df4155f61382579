package dev.switchboard.server;

import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.workspace.ConnectorSummary;
import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.DocumentRepository;
import dev.switchboard.workspace.DocumentVersion;
import dev.switchboard.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules of connectors, actions and settings, shared by the REST API and the studio's pages: every save is
 * checked as the engine will load it first (a definition that does not load is an {@link ApiProblem} 422 listing
 * each problem with its file, line and field), carries the version it was based on (a stale one is the workspace's
 * {@code EditConflictException}), and is audited by the workspace in the same transaction. Callers check who may
 * call; {@code actor} is the access key's name. Thread-safe.
 */
public final class ConnectorService {
  private final Workspace workspace;
  private final WorkspaceRuntime runtime;
  private final WorkspaceChanges changed;

  ConnectorService(Workspace workspace, WorkspaceRuntime runtime, WorkspaceChanges changed) {
    this.workspace = workspace;
    this.runtime = runtime;
    this.changed = changed;
  }

  /**
   * A connector as saved.
   *
   * @param name its name
   * @param file its {@code connector.yaml}
   * @param settings its settings ({@code settings.yaml}), by name
   * @param settingsVersion the version of {@code settings.yaml}, 0 when it has none
   * @param actions its action files, sorted
   * @param credentials its credentials (names, last 4 characters, when; never a value)
   */
  public record Connector(String name, Document file, Map<String, String> settings, int settingsVersion, List<Document> actions,
      List<Credential> credentials) {}

  /**
   * A save's result.
   *
   * @param document the file as saved
   * @param created whether the save created the file
   */
  public record Saved(Document document, boolean created) {}

  /**
   * A connector's settings.
   *
   * @param connector the connector
   * @param version the version of {@code settings.yaml}, 0 when it has none
   * @param values the settings by name
   */
  public record Settings(String connector, int version, Map<String, String> values) {}

  /**
   * What a check without saving found.
   *
   * @param valid whether the connector loads with the changes
   * @param actions the names of its actions when it loads
   * @param problems each problem when it does not
   */
  public record Validation(boolean valid, List<String> actions, List<Problem> problems) {}

  /** {@return every connector's summary (version, who saved it, when, how many actions), sorted by name} */
  public List<ConnectorSummary> list() {
    return workspace.documents().summaries();
  }

  /** {@return the names of the built-in packs connectors can be made from} */
  public List<String> packs() {
    return Packs.names();
  }

  /**
   * Returns a connector as the server runs it: compiled from its saved files.
   *
   * @param name the connector
   * @return its definition, or empty when it does not exist or does not load
   */
  public Optional<ConnectorDefinition> compiled(String name) {
    return runtime.connector(name).map(WorkspaceRuntime.Compiled::definition);
  }

  /**
   * Returns the file name of an action.
   *
   * @param action the action's name
   * @return {@code actions/NAME.yaml}
   * @throws ApiProblem 400 (field {@code action}) for a name that is not lower-case letters, digits and '_'
   */
  public static String actionFile(String action) {
    if (!action.matches("[a-z][a-z0-9_]{0,63}")) {
      throw ApiProblem.badRequest("action", "action name '" + OriginGuard.quote(action).replace("'", "") + "' is not valid:"
          + " use lower-case letters, digits and '_', starting with a letter");
    }
    return Document.actionFile(action);
  }

  /**
   * Creates a connector from its {@code connector.yaml} or as an instance of a built-in pack.
   *
   * @param actor who
   * @param name the new connector's name
   * @param yaml the text of its {@code connector.yaml}, or empty with a pack
   * @param pack the pack to instantiate, or empty with yaml
   * @param settings settings to save with it (only names its {@code config:} declares)
   * @return the files created
   * @throws ApiProblem 400 for neither or both of yaml and pack or an unknown pack, 422 for a definition that does
   *     not load or an undeclared setting; the workspace's conflict when the name is taken
   */
  public List<Document> create(String actor, String name, Optional<String> yaml, Optional<String> pack, Map<String, String> settings) {
    if (yaml.isPresent() == pack.isPresent()) {
      throw ApiProblem.badRequest(yaml.isPresent() ? "pack" : "yaml", "give either 'yaml' (the connector.yaml text) or"
          + " 'pack' (a built-in pack to instantiate, one of " + Packs.names() + "), not " + (yaml.isPresent() ? "both" : "neither"));
    }
    if (!name.matches("[a-z][a-z0-9_]{0,63}(@[a-z0-9][a-z0-9_-]{0,31})?")) {
      throw ApiProblem.badRequest("name", "connector name '" + OriginGuard.quote(name).replace("'", "") + "' is not valid: use"
          + " lower-case letters, digits and '_', starting with a letter (up to 64), such as okta_prod");
    }
    if (workspace.documents().find(name, Document.CONNECTOR_FILE).isPresent()) {
      throw new ApiProblem(409, "name", "a connector named '" + name + "' already exists; choose another name, or change it"
          + " with PUT /api/connectors/" + name);
    }
    Map<String, String> files = new TreeMap<>();
    if (pack.isPresent()) {
      files.putAll(Packs.files(pack.get(), name).orElseThrow(() -> ApiProblem.badRequest("pack", "no built-in pack is named '"
          + pack.get() + "'; the packs are " + Packs.names())));
    } else {
      files.put(Document.CONNECTOR_FILE, yaml.get());
    }
    Map<String, Optional<String>> changes = new TreeMap<>();
    files.forEach((file, text) -> changes.put(file, Optional.of(text)));
    DefinitionCheck.Checked checked = runtime.check(name, List.of(), changes);
    if (!settings.isEmpty()) {
      files.put(Document.SETTINGS_FILE, DefinitionCheck.settingsText(checkedSettings(checked.definition(), settings)));
    }
    List<Document> created = workspace.documents().create(name, files, actor);
    changed.connector(name, Optional.of(checked));
    return created;
  }

  /**
   * Reads a connector.
   *
   * @param name the connector
   * @return it
   * @throws ApiProblem 404 when it does not exist
   */
  public Connector read(String name) {
    List<Document> files = workspace.documents().files(name);
    if (files.isEmpty()) {
      throw ApiProblem.notFound("connector '" + name + "' does not exist; GET /api/connectors lists them");
    }
    Document connector = files.stream().filter(f -> f.file().equals(Document.CONNECTOR_FILE)).findFirst().orElseThrow();
    Optional<Document> settings = files.stream().filter(f -> f.file().equals(Document.SETTINGS_FILE)).findFirst();
    return new Connector(name, connector, settings.map(s -> DefinitionCheck.settings(s.text())).orElse(Map.of()),
        settings.map(Document::version).orElse(0), files.stream().filter(f -> f.action().isPresent()).toList(),
        workspace.credentials().list(name));
  }

  /**
   * Reads one current file.
   *
   * @param connector the connector
   * @param file the file
   * @return it
   * @throws ApiProblem 404 when it does not exist
   */
  public Document file(String connector, String file) {
    return workspace.documents().find(connector, file).orElseThrow(() -> ApiProblem.notFound(connector + "/" + file + " does not exist"));
  }

  /**
   * Lists a connector's action files.
   *
   * @param connector the connector
   * @return its actions, sorted
   * @throws ApiProblem 404 when it does not exist
   */
  public List<Document> actions(String connector) {
    List<Document> files = workspace.documents().files(connector);
    if (files.isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    return files.stream().filter(f -> f.action().isPresent()).toList();
  }

  /**
   * Saves {@code connector.yaml} or an action, after loading the connector with the change as the engine will.
   *
   * @param actor who
   * @param connector the connector
   * @param file the file
   * @param yaml its new text
   * @param base the version the edit was based on, 0 to create
   * @return the saved file
   * @throws ApiProblem 404 for an action of a connector that does not exist, 422 for a definition that does not load;
   *     the workspace's {@code EditConflictException} for a stale base
   */
  public Saved save(String actor, String connector, String file, String yaml, int base) {
    List<Document> current = workspace.documents().files(connector);
    if (current.isEmpty() && !file.equals(Document.CONNECTOR_FILE)) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist; create it with POST /api/connectors first");
    }
    DefinitionCheck.Checked checked = runtime.check(connector, current, Map.of(file, Optional.of(yaml)));
    Document saved = workspace.documents().save(connector, file, yaml, base, actor);
    changed.connector(connector, Optional.of(checked));
    return new Saved(saved, base == 0 && saved.version() >= 1 && current.stream().noneMatch(d -> d.file().equals(file)));
  }

  /**
   * Deletes a file ({@code connector.yaml} deletes the whole connector); deleting an action is checked first.
   *
   * @param actor who
   * @param connector the connector
   * @param file the file
   * @param base the version the caller saw
   */
  public void delete(String actor, String connector, String file, int base) {
    Optional<DefinitionCheck.Checked> checked = Optional.empty();
    if (!file.equals(Document.CONNECTOR_FILE)) {
      checked = Optional.of(runtime.check(connector, workspace.documents().files(connector), Map.of(file, Optional.empty())));
    }
    workspace.documents().delete(connector, file, base, actor);
    changed.connector(connector, checked);
  }

  /**
   * Lists a file's versions, newest first.
   *
   * @param connector the connector
   * @param file the file
   * @return its versions
   * @throws ApiProblem 404 when it never existed
   */
  public List<DocumentVersion> history(String connector, String file) {
    List<DocumentVersion> items = workspace.documents().history(connector, file);
    if (items.isEmpty()) {
      throw ApiProblem.notFound(connector + "/" + file + " has never existed");
    }
    return items;
  }

  /** {@return one version of a file (the workspace's not-found when there is no such version)} */
  public Document version(String connector, String file, int version) {
    return workspace.documents().version(connector, file, version);
  }

  /** {@return the unified diff between two versions of a file} */
  public String diff(String connector, String file, int from, int to) {
    return workspace.documents().diff(connector, file, from, to);
  }

  /**
   * Restores an old version as a new one, after checking that the connector loads with it.
   *
   * @param actor who
   * @param connector the connector
   * @param file the file
   * @param version the version to restore
   * @param base the version the caller saw
   * @return the new current version
   */
  public Document restore(String actor, String connector, String file, int version, int base) {
    String text = workspace.documents().version(connector, file, version).text();
    Optional<DefinitionCheck.Checked> checked = Optional.empty();
    if (file.startsWith(Document.ACTIONS_DIR) || file.equals(Document.CONNECTOR_FILE)) {
      checked = Optional.of(runtime.check(connector, workspace.documents().files(connector), Map.of(file, Optional.of(text))));
    }
    Document restored = workspace.documents().restore(connector, file, version, base, actor);
    changed.connector(connector, checked);
    return restored;
  }

  /**
   * Reads a connector's settings.
   *
   * @param connector the connector
   * @return its settings
   * @throws ApiProblem 404 when it does not exist
   */
  public Settings settings(String connector) {
    if (workspace.documents().find(connector, Document.CONNECTOR_FILE).isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    Optional<Document> settings = workspace.documents().find(connector, Document.SETTINGS_FILE);
    return new Settings(connector, settings.map(Document::version).orElse(0),
        settings.map(s -> DefinitionCheck.settings(s.text())).orElse(Map.of()));
  }

  /**
   * Saves a connector's settings (all of them: a setting left out is removed).
   *
   * @param actor who
   * @param connector the connector
   * @param values the settings; only names its {@code config:} declares
   * @param base the version of {@code settings.yaml} the edit was based on, 0 when it had none
   * @return the saved settings
   * @throws ApiProblem 404 for an unknown connector, 422 (field {@code settings.NAME}) for an undeclared setting
   */
  public Settings saveSettings(String actor, String connector, Map<String, String> values, int base) {
    List<Document> files = workspace.documents().files(connector);
    if (files.isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    DefinitionCheck.Checked checked = runtime.check(connector, files, Map.of());
    String text = DefinitionCheck.settingsText(checkedSettings(checked.definition(), values));
    Document saved = workspace.documents().save(connector, Document.SETTINGS_FILE, text, base, actor);
    changed.connector(connector, Optional.of(checked));
    return new Settings(connector, saved.version(), DefinitionCheck.settings(saved.text()));
  }

  private static Map<String, String> checkedSettings(ConnectorDefinition definition, Map<String, String> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((name, value) -> {
      ConfigVariable declared = definition.config().get(name);
      if (declared == null) {
        throw new ApiProblem(422, "settings." + name, "connector '" + definition.name() + "' declares no setting '"
            + name + "'; it declares " + (definition.config().isEmpty() ? "none" : String.join(", ", definition.config().keySet())));
      }
      out.put(name, value);
    });
    return out;
  }

  /**
   * Checks a connector with changes, as the engine will load it, without saving.
   *
   * @param connector the connector
   * @param connectorYaml a new {@code connector.yaml}, or empty for the saved one
   * @param actions new action texts by action name
   * @return what was found
   * @throws ApiProblem 400 when the connector does not exist and no connector.yaml is given
   */
  public Validation validate(String connector, Optional<String> connectorYaml, Map<String, String> actions) {
    Map<String, Optional<String>> changes = new TreeMap<>();
    connectorYaml.ifPresent(y -> changes.put(Document.CONNECTOR_FILE, Optional.of(y)));
    actions.forEach((name, text) -> changes.put(Document.actionFile(name), Optional.of(text)));
    List<Document> current = workspace.documents().files(connector);
    if (current.isEmpty() && !changes.containsKey(Document.CONNECTOR_FILE)) {
      throw ApiProblem.badRequest("connector_yaml", "connector '" + connector + "' does not exist; give its connector_yaml to validate a new one");
    }
    try {
      ConnectorDefinition d = runtime.check(connector, current, changes).definition();
      return new Validation(true, d.actions().stream().map(a -> a.name()).toList(), List.of());
    } catch (ApiProblem p) {
      if (p.status() != 422) {
        throw p;
      }
      return new Validation(false, List.of(), p.problems());
    }
  }

  /**
   * Replaces every definition with a folder's (an import), after checking every connector as the engine loads it.
   *
   * @param actor who
   * @param folder connector to file to text
   * @return what changed
   */
  public DocumentRepository.ImportSummary replaceAll(String actor, Map<String, Map<String, String>> folder) {
    folder.forEach((connector, f) -> {
      if (!f.containsKey(Document.CONNECTOR_FILE)) {
        throw ApiProblem.badRequest("files." + connector, "the folder " + connector + "/ has no connector.yaml");
      }
      DefinitionCheck.load(connector, f);
      if (f.containsKey(Document.SETTINGS_FILE)) {
        DefinitionCheck.settings(f.get(Document.SETTINGS_FILE));
      }
    });
    DocumentRepository.ImportSummary summary = workspace.documents().replaceAll(folder, actor);
    changed.all();
    return summary;
  }

  /**
   * Returns every current file, for an export, and records the export in the audit log.
   *
   * @param actor who exports
   * @return every file
   */
  public List<Document> export(String actor) {
    List<Document> all = workspace.documents().all();
    workspace.audit().record(actor, "workspace.exported", "*", all.size() + (all.size() == 1 ? " file" : " files"));
    return all;
  }
}
