package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Connectors, their actions and settings, as the YAML files {@code --defs} reads: list, read, create (from YAML
 * or from a pack), save with the version an edit was based on, delete, versions, diff, restore, and validate
 * without saving. Every save is checked as the engine will load it first; a definition that does not load is a 422
 * listing each problem.
 */
final class ConnectorRoutes {
  private final Workspace workspace;
  private final WorkspaceRuntime runtime;
  private final WorkspaceChanges changed;

  ConnectorRoutes(Workspace workspace, WorkspaceRuntime runtime, WorkspaceChanges changed) {
    this.workspace = workspace;
    this.runtime = runtime;
    this.changed = changed;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get("/api/connectors", access.admin(this::list));
    routes.post("/api/connectors", access.admin(this::create));
    routes.get("/api/connectors/{connector}", access.admin(this::read));
    routes.put("/api/connectors/{connector}", access.admin((ctx, caller) -> save(ctx, Document.CONNECTOR_FILE)));
    routes.delete("/api/connectors/{connector}", access.admin((ctx, caller) -> delete(ctx, Document.CONNECTOR_FILE)));
    routes.get("/api/connectors/{connector}/versions", access.admin((ctx, caller) -> history(ctx, Document.CONNECTOR_FILE)));
    routes.get("/api/connectors/{connector}/versions/{version}", access.admin((ctx, caller) -> version(ctx, Document.CONNECTOR_FILE)));
    routes.get("/api/connectors/{connector}/diff", access.admin((ctx, caller) -> diff(ctx, Document.CONNECTOR_FILE)));
    routes.post("/api/connectors/{connector}/restore", access.admin((ctx, caller) -> restore(ctx, Document.CONNECTOR_FILE)));
    routes.get("/api/connectors/{connector}/settings", access.admin(this::readSettings));
    routes.put("/api/connectors/{connector}/settings", access.admin(this::saveSettings));
    routes.get("/api/connectors/{connector}/actions", access.admin(this::listActions));
    routes.get("/api/connectors/{connector}/actions/{action}", access.admin((ctx, caller) -> readFile(ctx, actionFile(ctx))));
    routes.put("/api/connectors/{connector}/actions/{action}", access.admin((ctx, caller) -> save(ctx, actionFile(ctx))));
    routes.delete("/api/connectors/{connector}/actions/{action}", access.admin((ctx, caller) -> delete(ctx, actionFile(ctx))));
    routes.get("/api/connectors/{connector}/actions/{action}/versions", access.admin((ctx, caller) -> history(ctx, actionFile(ctx))));
    routes.get("/api/connectors/{connector}/actions/{action}/versions/{version}", access.admin((ctx, caller) -> version(ctx, actionFile(ctx))));
    routes.get("/api/connectors/{connector}/actions/{action}/diff", access.admin((ctx, caller) -> diff(ctx, actionFile(ctx))));
    routes.post("/api/connectors/{connector}/actions/{action}/restore", access.admin((ctx, caller) -> restore(ctx, actionFile(ctx))));
    routes.post("/api/validate", access.admin(this::validate));
    routes.get("/api/packs", access.admin((ctx, caller) -> {
      ArrayNode out = Json.MAPPER.createArrayNode();
      Packs.names().forEach(out::add);
      Json.write(ctx, Json.MAPPER.createObjectNode().set("packs", out));
    }));
  }

  private static String actionFile(Context ctx) {
    String action = ctx.pathParam("action");
    if (!action.matches("[a-z][a-z0-9_]{0,63}")) {
      throw ApiProblem.badRequest("action", "action name '" + OriginGuard.quote(action).replace("'", "") + "' is not valid:"
          + " use lower-case letters, digits and '_', starting with a letter");
    }
    return Document.actionFile(action);
  }

  private void list(Context ctx, Access.Caller caller) {
    Map<String, List<Document>> byConnector = new TreeMap<>();
    for (Document d : workspace.documents().all()) {
      byConnector.computeIfAbsent(d.connector(), k -> new ArrayList<>()).add(d);
    }
    ArrayNode items = Json.MAPPER.createArrayNode();
    byConnector.forEach((name, files) -> {
      Document connector = files.stream().filter(f -> f.file().equals(Document.CONNECTOR_FILE)).findFirst().orElseThrow();
      ObjectNode o = Views.file(connector);
      o.remove("file");
      o.remove("connector");
      o.put("name", name);
      o.put("actions", files.stream().filter(f -> f.action().isPresent()).count());
      items.add(o);
    });
    Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
  }

  private void create(Context ctx, Access.Caller caller) {
    ObjectNode body = Json.body(ctx);
    String name = Json.text(body, "name");
    Optional<String> yaml = Json.optionalText(body, "yaml");
    Optional<String> pack = Json.optionalText(body, "pack");
    if (yaml.isPresent() == pack.isPresent()) {
      throw ApiProblem.badRequest(yaml.isPresent() ? "pack" : "yaml", "give either 'yaml' (the connector.yaml text) or"
          + " 'pack' (a built-in pack to instantiate, one of " + Packs.names() + "), not " + (yaml.isPresent() ? "both" : "neither"));
    }
    Map<String, String> files = new TreeMap<>();
    if (pack.isPresent()) {
      files.putAll(Packs.files(pack.get(), name).orElseThrow(() -> ApiProblem.badRequest("pack", "no built-in pack is named '"
          + pack.get() + "'; the packs are " + Packs.names())));
    } else {
      files.put(Document.CONNECTOR_FILE, yaml.get());
    }
    ObjectNode settings = Json.object(body, "settings");
    Map<String, Optional<String>> changes = new TreeMap<>();
    files.forEach((file, text) -> changes.put(file, Optional.of(text)));
    DefinitionCheck.Checked checked = runtime.check(name, List.of(), changes);
    if (!settings.isEmpty()) {
      files.put(Document.SETTINGS_FILE, DefinitionCheck.settingsText(checkedSettings(checked.definition(), settings)));
    }
    List<Document> created = workspace.documents().create(name, files, caller.name());
    changed.connector(name, Optional.of(checked));
    ctx.header("Location", "/api/connectors/" + name);
    Json.write(ctx, 201, connectorView(name, created));
  }

  private void read(Context ctx, Access.Caller caller) {
    String name = ctx.pathParam("connector");
    List<Document> files = workspace.documents().files(name);
    if (files.isEmpty()) {
      throw ApiProblem.notFound("connector '" + name + "' does not exist; GET /api/connectors lists them");
    }
    Json.write(ctx, connectorView(name, files));
  }

  private ObjectNode connectorView(String name, List<Document> files) {
    Document connector = files.stream().filter(f -> f.file().equals(Document.CONNECTOR_FILE)).findFirst().orElseThrow();
    ObjectNode o = Views.fileWithText(connector);
    o.remove("file");
    o.remove("connector");
    o.put("name", name);
    ObjectNode settings = o.putObject("settings");
    files.stream().filter(f -> f.file().equals(Document.SETTINGS_FILE)).findFirst().ifPresent(s -> {
      DefinitionCheck.settings(s.text()).forEach(settings::put);
      o.put("settings_version", s.version());
    });
    ArrayNode actions = o.putArray("actions");
    files.stream().filter(f -> f.action().isPresent()).forEach(f -> actions.add(Views.file(f)));
    ArrayNode credentials = o.putArray("credentials");
    workspace.credentials().list(name).forEach(c -> credentials.add(Views.credential(c)));
    return o;
  }

  private void readFile(Context ctx, String file) {
    String connector = ctx.pathParam("connector");
    Document d = workspace.documents().find(connector, file).orElseThrow(() -> ApiProblem.notFound(connector + "/" + file
        + " does not exist"));
    Json.write(ctx, Views.fileWithText(d));
  }

  private void listActions(Context ctx, Access.Caller caller) {
    String connector = ctx.pathParam("connector");
    List<Document> files = workspace.documents().files(connector);
    if (files.isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    ArrayNode items = Json.MAPPER.createArrayNode();
    files.stream().filter(f -> f.action().isPresent()).forEach(f -> items.add(Views.file(f)));
    Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
  }

  private void save(Context ctx, String file) {
    Access.Caller caller = Access.caller(ctx);
    String connector = ctx.pathParam("connector");
    ObjectNode body = Json.body(ctx);
    String yaml = Json.text(body, "yaml");
    int base = Json.integer(body, "base_version");
    List<Document> current = workspace.documents().files(connector);
    if (current.isEmpty() && !file.equals(Document.CONNECTOR_FILE)) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist; create it with POST /api/connectors first");
    }
    DefinitionCheck.Checked checked = runtime.check(connector, current, Map.of(file, Optional.of(yaml)));
    Document saved = workspace.documents().save(connector, file, yaml, base, caller.name());
    changed.connector(connector, Optional.of(checked));
    Json.write(ctx, base == 0 && saved.version() >= 1 && current.stream().noneMatch(d -> d.file().equals(file)) ? 201 : 200,
        Views.fileWithText(saved));
  }

  private void delete(Context ctx, String file) {
    Access.Caller caller = Access.caller(ctx);
    String connector = ctx.pathParam("connector");
    int base = Json.queryInt(ctx, "base_version").orElseThrow(() -> ApiProblem.badRequest("base_version", "deleting needs"
        + " ?base_version=N, the version you saw, so that a change made since is not lost unseen"));
    Optional<DefinitionCheck.Checked> checked = Optional.empty();
    if (!file.equals(Document.CONNECTOR_FILE)) {
      List<Document> current = workspace.documents().files(connector);
      checked = Optional.of(runtime.check(connector, current, Map.of(file, Optional.empty())));
    }
    workspace.documents().delete(connector, file, base, caller.name());
    changed.connector(connector, checked);
    ctx.status(204);
  }

  private void history(Context ctx, String file) {
    String connector = ctx.pathParam("connector");
    ArrayNode items = Json.MAPPER.createArrayNode();
    workspace.documents().history(connector, file).forEach(v -> items.add(Views.version(v)));
    if (items.isEmpty()) {
      throw ApiProblem.notFound(connector + "/" + file + " has never existed");
    }
    Json.write(ctx, Json.MAPPER.createObjectNode().put("connector", connector).put("file", file).set("items", items));
  }

  private void version(Context ctx, String file) {
    int version = pathVersion(ctx);
    Json.write(ctx, Views.fileWithText(workspace.documents().version(ctx.pathParam("connector"), file, version)));
  }

  private void diff(Context ctx, String file) {
    int from = Json.queryInt(ctx, "from").orElseThrow(() -> ApiProblem.badRequest("from", "a diff needs ?from=N&to=M, two versions"));
    int to = Json.queryInt(ctx, "to").orElseThrow(() -> ApiProblem.badRequest("to", "a diff needs ?from=N&to=M, two versions"));
    String connector = ctx.pathParam("connector");
    Json.write(ctx, Json.MAPPER.createObjectNode().put("connector", connector).put("file", file).put("from", from).put("to", to)
        .put("diff", workspace.documents().diff(connector, file, from, to)));
  }

  private void restore(Context ctx, String file) {
    Access.Caller caller = Access.caller(ctx);
    String connector = ctx.pathParam("connector");
    ObjectNode body = Json.body(ctx);
    int version = Json.integer(body, "version");
    int base = Json.integer(body, "base_version");
    String text = workspace.documents().version(connector, file, version).text();
    Optional<DefinitionCheck.Checked> checked = Optional.empty();
    if (file.startsWith(Document.ACTIONS_DIR) || file.equals(Document.CONNECTOR_FILE)) {
      checked = Optional.of(runtime.check(connector, workspace.documents().files(connector), Map.of(file, Optional.of(text))));
    }
    Document restored = workspace.documents().restore(connector, file, version, base, caller.name());
    changed.connector(connector, checked);
    Json.write(ctx, Views.fileWithText(restored));
  }

  private void readSettings(Context ctx, Access.Caller caller) {
    String connector = ctx.pathParam("connector");
    if (workspace.documents().find(connector, Document.CONNECTOR_FILE).isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    Optional<Document> settings = workspace.documents().find(connector, Document.SETTINGS_FILE);
    ObjectNode o = Json.MAPPER.createObjectNode().put("connector", connector).put("version", settings.map(Document::version).orElse(0));
    ObjectNode values = o.putObject("settings");
    settings.ifPresent(s -> DefinitionCheck.settings(s.text()).forEach(values::put));
    Json.write(ctx, o);
  }

  private void saveSettings(Context ctx, Access.Caller caller) {
    String connector = ctx.pathParam("connector");
    ObjectNode body = Json.body(ctx);
    int base = Json.integer(body, "base_version");
    if (!body.has("settings")) {
      throw ApiProblem.badRequest("settings", "the body needs 'settings', an object of setting names to values");
    }
    List<Document> files = workspace.documents().files(connector);
    if (files.isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    DefinitionCheck.Checked checked = runtime.check(connector, files, Map.of());
    String text = DefinitionCheck.settingsText(checkedSettings(checked.definition(), Json.object(body, "settings")));
    Document saved = workspace.documents().save(connector, Document.SETTINGS_FILE, text, base, caller.name());
    changed.connector(connector, Optional.of(checked));
    ObjectNode o = Json.MAPPER.createObjectNode().put("connector", connector).put("version", saved.version());
    ObjectNode values = o.putObject("settings");
    DefinitionCheck.settings(saved.text()).forEach(values::put);
    Json.write(ctx, o);
  }

  private static Map<String, String> checkedSettings(ConnectorDefinition definition, ObjectNode settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.fields().forEachRemaining(e -> {
      ConfigVariable declared = definition.config().get(e.getKey());
      if (declared == null) {
        throw new ApiProblem(422, "settings." + e.getKey(), "connector '" + definition.name() + "' declares no setting '"
            + e.getKey() + "'; it declares " + (definition.config().isEmpty() ? "none" : String.join(", ", definition.config().keySet())));
      }
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ApiProblem(422, "settings." + e.getKey(), "setting '" + e.getKey() + "' must be a string or a number");
      }
      out.put(e.getKey(), e.getValue().asText());
    });
    return out;
  }

  private void validate(Context ctx, Access.Caller caller) {
    ObjectNode body = Json.body(ctx);
    String connector = Json.text(body, "connector");
    Map<String, Optional<String>> changes = new TreeMap<>();
    Json.optionalText(body, "connector_yaml").ifPresent(y -> changes.put(Document.CONNECTOR_FILE, Optional.of(y)));
    ObjectNode actions = Json.object(body, "actions");
    actions.fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual()) {
        throw ApiProblem.badRequest("actions." + e.getKey(), "each action must be its YAML text");
      }
      changes.put(Document.actionFile(e.getKey()), Optional.of(e.getValue().asText()));
    });
    List<Document> current = workspace.documents().files(connector);
    if (current.isEmpty() && !changes.containsKey(Document.CONNECTOR_FILE)) {
      throw ApiProblem.badRequest("connector_yaml", "connector '" + connector + "' does not exist; give its connector_yaml to validate a new one");
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    try {
      ConnectorDefinition d = runtime.check(connector, current, changes).definition();
      answer.put("valid", true);
      ArrayNode names = answer.putArray("actions");
      d.actions().forEach(a -> names.add(a.name()));
      answer.putArray("problems");
    } catch (ApiProblem p) {
      if (p.status() != 422) {
        throw p;
      }
      answer.put("valid", false);
      answer.set("problems", Views.problems(p.problems()));
    }
    Json.write(ctx, answer);
  }

  private static int pathVersion(Context ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("version", "the version must be a whole number; got '" + ctx.pathParam("version") + "'");
    }
  }

}
