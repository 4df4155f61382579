package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.Credential;
import io.javalin.config.RoutesConfig;

/** A connector's credentials, write-only: set or rotate, list (name, last 4 characters, when), delete. */
final class CredentialRoutes {
  private final CredentialService credentials;

  CredentialRoutes(CredentialService credentials) {
    this.credentials = credentials;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get("/api/connectors/{connector}/credentials", access.admin((ctx, caller) -> {
      ArrayNode items = Json.MAPPER.createArrayNode();
      credentials.list(ctx.pathParam("connector")).forEach(c -> items.add(Views.credential(c)));
      Json.write(ctx, Json.MAPPER.createObjectNode().set("items", items));
    }));
    routes.put("/api/connectors/{connector}/credentials/{name}", access.admin((ctx, caller) -> {
      String connector = ctx.pathParam("connector");
      credentials.list(connector);
      ObjectNode body = Json.body(ctx, "value");
      String value = Json.text(body, "value");
      Credential c = credentials.set(caller.name(), connector, ctx.pathParam("name"), value);
      Json.write(ctx, Views.credential(c));
    }));
    routes.delete("/api/connectors/{connector}/credentials/{name}", access.admin((ctx, caller) -> {
      credentials.delete(caller.name(), ctx.pathParam("connector"), ctx.pathParam("name"));
      ctx.status(204);
    }));
  }
}
