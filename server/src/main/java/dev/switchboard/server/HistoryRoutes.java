package dev.switchboard.server;

import dev.switchboard.workspace.RunQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Runs and audit events, newest first, with filters and cursor paging. */
final class HistoryRoutes {
  private final HistoryService history;

  HistoryRoutes(HistoryService history) {
    this.history = history;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get("/api/runs", access.admin(this::runs));
    routes.get("/api/runs/{id}", access.admin((ctx, caller) -> Json.write(ctx, Views.run(history.run(ctx.pathParam("id")), true))));
    routes.get("/api/audit", access.admin(this::audit));
  }

  private void runs(Context ctx, Access.Caller caller) {
    Json.query(ctx, "connector", "action", "outcome", "since", "until", "cursor", "limit");
    RunQuery query = new RunQuery(text(ctx, "connector"), text(ctx, "action"), text(ctx, "outcome"), time(ctx, "since"),
        time(ctx, "until"), text(ctx, "cursor"), Json.queryInt(ctx, "limit").orElse(50));
    Json.write(ctx, Views.page(history.runs(query), r -> Views.run(r, false)));
  }

  private void audit(Context ctx, Access.Caller caller) {
    Json.query(ctx, "actor", "target", "since", "until", "cursor", "limit");
    int limit = Json.queryInt(ctx, "limit").orElse(50);
    Json.write(ctx, Views.page(history.audit(text(ctx, "actor"), text(ctx, "target"), time(ctx, "since"), time(ctx, "until"),
        text(ctx, "cursor"), limit), Views::audit));
  }

  private static Optional<String> text(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
  }

  private static Optional<Instant> time(Context ctx, String name) {
    Optional<String> v = text(ctx, name);
    try {
      return v.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name, "query parameter '" + name + "' must be an RFC 3339 time in UTC, such as"
          + " 2026-12-01T00:00:00Z");
    }
  }
}
