package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import dev.switchboard.workspace.Workspace;
import io.javalin.config.RoutesConfig;

/** Access keys: list (never a key), create (the key is in the answer, once), revoke. */
final class KeyRoutes {
  private final Workspace workspace;

  KeyRoutes(Workspace workspace) {
    this.workspace = workspace;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get("/api/keys", access.admin((ctx, caller) -> {
      ArrayNode items = Json.MAPPER.createArrayNode();
      workspace.keys().list().forEach(k -> items.add(Views.key(k)));
      Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
    }));
    routes.post("/api/keys", access.admin((ctx, caller) -> {
      ObjectNode body = Json.body(ctx);
      AccessKey.Created created = workspace.keys().create(Json.text(body, "name"), Role.of(Json.text(body, "role")),
          Json.strings(body, "tools"), Json.bool(body, "read_only", false), caller.name());
      ObjectNode o = Views.key(created.key()).put("key", created.secret());
      ctx.header("Cache-Control", "no-store");
      Json.write(ctx, 201, o);
    }));
    routes.delete("/api/keys/{name}", access.admin((ctx, caller) -> {
      workspace.keys().revoke(ctx.pathParam("name"), caller.name());
      ctx.status(204);
    }));
  }
}
