package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import io.javalin.config.RoutesConfig;
import java.util.List;

/** Access keys: list (never a key), create (the key is in the answer, once), revoke. */
final class KeyRoutes {
  private final KeyService keys;

  KeyRoutes(KeyService keys) {
    this.keys = keys;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get("/api/keys", access.admin((ctx, caller) -> {
      ArrayNode items = Json.MAPPER.createArrayNode();
      keys.list().forEach(k -> items.add(Views.key(k)));
      Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
    }));
    routes.post("/api/keys", access.admin((ctx, caller) -> {
      ObjectNode body = Json.body(ctx, "name", "role", "tools", "read_only");
      AccessKey.Created created = keys.create(caller.name(), Json.text(body, "name"), Role.of(Json.text(body, "role")),
          Json.strings(body, "tools"), Json.bool(body, "read_only", false));
      ObjectNode o = Views.key(created.key()).put("key", created.secret());
      List<String> warnings = keys.unmatched(created.key().tools());
      if (!warnings.isEmpty()) {
        warnings.forEach(o.putArray("warnings")::add);
      }
      ctx.header("Cache-Control", "no-store");
      Json.write(ctx, 201, o);
    }));
    routes.delete("/api/keys/{name}", access.admin((ctx, caller) -> {
      keys.revoke(caller.name(), ctx.pathParam("name"));
      ctx.status(204);
    }));
  }
}
