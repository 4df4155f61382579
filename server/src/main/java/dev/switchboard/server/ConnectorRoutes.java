package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.ConnectorSummary;
import dev.switchboard.workspace.Document;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Connectors, their actions and settings, as the YAML files {@code --defs} reads: list, read, create (from YAML
 * or from a pack), save with the version an edit was based on, delete, versions, diff, restore, and validate
 * without saving. The rules are the {@link ConnectorService}'s; this class reads requests and writes answers.
 */
final class ConnectorRoutes {
  private final ConnectorService connectors;

  ConnectorRoutes(ConnectorService connectors) {
    this.connectors = connectors;
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
    routes.get("/api/connectors/{connector}/actions/{action}", access.admin((ctx, caller) ->
        Json.write(ctx, Views.fileWithText(connectors.file(ctx.pathParam("connector"), actionFile(ctx))))));
    routes.put("/api/connectors/{connector}/actions/{action}", access.admin((ctx, caller) -> save(ctx, actionFile(ctx))));
    routes.delete("/api/connectors/{connector}/actions/{action}", access.admin((ctx, caller) -> delete(ctx, actionFile(ctx))));
    routes.get("/api/connectors/{connector}/actions/{action}/versions", access.admin((ctx, caller) -> history(ctx, actionFile(ctx))));
    routes.get("/api/connectors/{connector}/actions/{action}/versions/{version}", access.admin((ctx, caller) -> version(ctx, actionFile(ctx))));
    routes.get("/api/connectors/{connector}/actions/{action}/diff", access.admin((ctx, caller) -> diff(ctx, actionFile(ctx))));
    routes.post("/api/connectors/{connector}/actions/{action}/restore", access.admin((ctx, caller) -> restore(ctx, actionFile(ctx))));
    routes.post("/api/validate", access.admin(this::validate));
    routes.get("/api/packs", access.admin((ctx, caller) -> {
      ArrayNode out = Json.MAPPER.createArrayNode();
      connectors.packs().forEach(out::add);
      Json.write(ctx, Json.MAPPER.createObjectNode().set("packs", out));
    }));
  }

  private static String actionFile(Context ctx) {
    return ConnectorService.actionFile(ctx.pathParam("action"));
  }

  private void list(Context ctx, Access.Caller caller) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    for (ConnectorSummary s : connectors.list()) {
      items.addObject().put("version", s.version()).put("saved_by", s.savedBy()).put("saved_at", s.savedAt().toString())
          .put("name", s.connector()).put("actions", s.actions());
    }
    Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
  }

  private void create(Context ctx, Access.Caller caller) {
    ObjectNode body = Json.body(ctx, "name", "yaml", "pack", "settings");
    String name = Json.text(body, "name");
    Optional<String> yaml = Json.optionalText(body, "yaml");
    Optional<String> pack = Json.optionalText(body, "pack");
    Map<String, String> settings = settings(Json.object(body, "settings"));
    connectors.create(caller.name(), name, yaml, pack, settings);
    ctx.header("Location", "/api/connectors/" + name);
    Json.write(ctx, 201, connectorView(connectors.read(name)));
  }

  private void read(Context ctx, Access.Caller caller) {
    Json.write(ctx, connectorView(connectors.read(ctx.pathParam("connector"))));
  }

  private static ObjectNode connectorView(ConnectorService.Connector c) {
    ObjectNode o = Views.fileWithText(c.file());
    o.remove("file");
    o.remove("connector");
    o.put("name", c.name());
    ObjectNode settings = o.putObject("settings");
    c.settings().forEach(settings::put);
    if (c.settingsVersion() > 0) {
      o.put("settings_version", c.settingsVersion());
    }
    ArrayNode actions = o.putArray("actions");
    c.actions().forEach(f -> actions.add(Views.file(f)));
    ArrayNode credentials = o.putArray("credentials");
    c.credentials().forEach(cr -> credentials.add(Views.credential(cr)));
    return o;
  }

  private void listActions(Context ctx, Access.Caller caller) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    connectors.actions(ctx.pathParam("connector")).forEach(f -> items.add(Views.file(f)));
    Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
  }

  private void save(Context ctx, String file) {
    Access.Caller caller = Access.caller(ctx);
    ObjectNode body = Json.body(ctx, "yaml", "base_version");
    String yaml = Json.text(body, "yaml");
    int base = Json.integer(body, "base_version");
    ConnectorService.Saved saved = connectors.save(caller.name(), ctx.pathParam("connector"), file, yaml, base);
    Json.write(ctx, saved.created() ? 201 : 200, Views.fileWithText(saved.document()));
  }

  private void delete(Context ctx, String file) {
    Access.Caller caller = Access.caller(ctx);
    Json.query(ctx, "base_version");
    int base = Json.queryInt(ctx, "base_version").orElseThrow(() -> ApiProblem.badRequest("base_version", "deleting needs"
        + " ?base_version=N, the version you saw, so that a change made since is not lost unseen"));
    connectors.delete(caller.name(), ctx.pathParam("connector"), file, base);
    ctx.status(204);
  }

  private void history(Context ctx, String file) {
    String connector = ctx.pathParam("connector");
    ArrayNode items = Json.MAPPER.createArrayNode();
    connectors.history(connector, file).forEach(v -> items.add(Views.version(v)));
    Json.write(ctx, Json.MAPPER.createObjectNode().put("connector", connector).put("file", file).set("items", items));
  }

  private void version(Context ctx, String file) {
    Json.write(ctx, Views.fileWithText(connectors.version(ctx.pathParam("connector"), file, pathVersion(ctx))));
  }

  private void diff(Context ctx, String file) {
    Json.query(ctx, "from", "to");
    int from = Json.queryInt(ctx, "from").orElseThrow(() -> ApiProblem.badRequest("from", "a diff needs ?from=N&to=M, two versions"));
    int to = Json.queryInt(ctx, "to").orElseThrow(() -> ApiProblem.badRequest("to", "a diff needs ?from=N&to=M, two versions"));
    String connector = ctx.pathParam("connector");
    Json.write(ctx, Json.MAPPER.createObjectNode().put("connector", connector).put("file", file).put("from", from).put("to", to)
        .put("diff", connectors.diff(connector, file, from, to)));
  }

  private void restore(Context ctx, String file) {
    Access.Caller caller = Access.caller(ctx);
    ObjectNode body = Json.body(ctx, "version", "base_version");
    int version = Json.integer(body, "version");
    int base = Json.integer(body, "base_version");
    Json.write(ctx, Views.fileWithText(connectors.restore(caller.name(), ctx.pathParam("connector"), file, version, base)));
  }

  private void readSettings(Context ctx, Access.Caller caller) {
    Json.write(ctx, settingsView(connectors.settings(ctx.pathParam("connector"))));
  }

  private void saveSettings(Context ctx, Access.Caller caller) {
    String connector = ctx.pathParam("connector");
    ObjectNode body = Json.body(ctx, "base_version", "settings");
    int base = Json.integer(body, "base_version");
    if (!body.has("settings")) {
      throw ApiProblem.badRequest("settings", "the body needs 'settings', an object of setting names to values");
    }
    connectors.settings(connector);
    Json.write(ctx, settingsView(connectors.saveSettings(caller.name(), connector, settings(Json.object(body, "settings")), base)));
  }

  private static ObjectNode settingsView(ConnectorService.Settings s) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("connector", s.connector()).put("version", s.version());
    ObjectNode values = o.putObject("settings");
    s.values().forEach(values::put);
    return o;
  }

  /** Reads a JSON object of settings: each value a string or a number. */
  private static Map<String, String> settings(ObjectNode settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.fields().forEachRemaining(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ApiProblem(422, "settings." + e.getKey(), "setting '" + e.getKey() + "' must be a string or a number");
      }
      out.put(e.getKey(), e.getValue().asText());
    });
    return out;
  }

  private void validate(Context ctx, Access.Caller caller) {
    ObjectNode body = Json.body(ctx, "connector", "connector_yaml", "actions");
    String connector = Json.text(body, "connector");
    Optional<String> connectorYaml = Json.optionalText(body, "connector_yaml");
    Map<String, String> actions = new TreeMap<>();
    Json.object(body, "actions").fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual()) {
        throw ApiProblem.badRequest("actions." + e.getKey(), "each action must be its YAML text");
      }
      actions.put(e.getKey(), e.getValue().asText());
    });
    ConnectorService.Validation v = connectors.validate(connector, connectorYaml, actions);
    ObjectNode answer = Json.MAPPER.createObjectNode().put("valid", v.valid());
    if (v.valid()) {
      ArrayNode names = answer.putArray("actions");
      v.actions().forEach(names::add);
    }
    answer.set("problems", Views.problems(v.problems()));
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
