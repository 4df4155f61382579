package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** A connector's credentials, write-only: set or rotate, list (name, last 4 characters, when), delete. */
final class CredentialRoutes {
  private final Workspace workspace;
  private final WorkspaceChanges changed;

  CredentialRoutes(Workspace workspace, WorkspaceChanges changed) {
    this.workspace = workspace;
    this.changed = changed;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get("/api/connectors/{connector}/credentials", access.admin((ctx, caller) -> {
      String connector = existing(ctx);
      ArrayNode items = Json.MAPPER.createArrayNode();
      workspace.credentials().list(connector).forEach(c -> items.add(Views.credential(c)));
      Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
    }));
    routes.put("/api/connectors/{connector}/credentials/{name}", access.admin((ctx, caller) -> {
      String connector = existing(ctx);
      ObjectNode body = Json.body(ctx);
      String value = Json.text(body, "value");
      Credential c = workspace.credentials().set(connector, ctx.pathParam("name"), value, caller.name());
      changed.connector(connector, Optional.empty());
      Json.write(ctx, Views.credential(c));
    }));
    routes.delete("/api/connectors/{connector}/credentials/{name}", access.admin((ctx, caller) -> {
      String connector = existing(ctx);
      workspace.credentials().delete(connector, ctx.pathParam("name"), caller.name());
      changed.connector(connector, Optional.empty());
      ctx.status(204);
    }));
  }

  private String existing(Context ctx) {
    String connector = ctx.pathParam("connector");
    if (workspace.documents().find(connector, Document.CONNECTOR_FILE).isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    return connector;
  }
}
