package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.cluster.Health;
import dev.switchboard.workspace.cluster.ServerInstance;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * The server as one instance of several: {@code GET /health} for a load balancer (no key, no Host check, nothing
 * secret: 200 while the instance reaches its database, 503 while it does not) and {@code GET /api/instances} for an
 * admin (the instances alive, and this instance's counters of database round trips per call).
 */
final class ClusterRoutes {
  /** The path of the health check. */
  static final String HEALTH = "/health";

  private final ServerInstance instance;

  ClusterRoutes(ServerInstance instance) {
    this.instance = instance;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get(HEALTH, ctx -> {
      Health h = instance.health();
      ObjectNode body = Json.MAPPER.createObjectNode().put("status", h.reachable() ? "ok" : "unavailable")
          .put("database", h.reachable() ? "reachable" : "unreachable").put("since", h.since().toString())
          .put("instance", instance.id());
      if (!h.reachable()) {
        body.put("detail", h.detail());
      }
      ctx.header("Cache-Control", "no-store");
      Json.write(ctx, h.reachable() ? 200 : 503, body);
    });
    routes.get("/api/instances", access.admin((ctx, caller) -> {
      ArrayNode items = Json.MAPPER.createArrayNode();
      for (ServerInstance.Member m : instance.members()) {
        items.addObject().put("id", m.id()).put("label", m.label()).put("started_at", m.startedAt().toString())
            .put("heartbeat_at", m.heartbeatAt().toString()).put("self", m.self());
      }
      ObjectNode self = Json.MAPPER.createObjectNode().put("id", instance.id()).put("label", instance.label());
      ObjectNode trips = self.putObject("round_trips");
      for (Map.Entry<String, Long> e : instance.roundTrips().snapshot().entrySet()) {
        trips.put(e.getKey(), e.getValue());
      }
      self.put("hot_path_round_trips_per_call", instance.roundTrips().hotPathPerCall());
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.set("items", items);
      body.set("this_instance", self);
      Json.write(ctx, body);
    }));
  }
}
