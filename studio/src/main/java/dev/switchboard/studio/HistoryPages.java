package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.Services;
import dev.switchboard.workspace.AuditEvent;
import dev.switchboard.workspace.Page;
import dev.switchboard.workspace.Run;
import dev.switchboard.workspace.RunQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Runs (newest first, filtered by connector, action, outcome and day, 50 at a time with "Load more"), a page per
 * run with its HTTP exchanges (method, path without query, status, time, request id, rate limit left; never a
 * header or a secret), and the audit log. Read through the server's {@link Services}.
 */
public final class HistoryPages {
  private static final int PAGE = 50;
  private final Services services;
  private final Templates templates;

  HistoryPages(Services services, Templates templates) {
    this.services = services;
    this.templates = templates;
  }

  /**
   * The run filters as given.
   *
   * @param connector connector
   * @param action action
   * @param outcome ok or error
   * @param since the first day (yyyy-mm-dd, UTC)
   * @param until the last day
   */
  public record RunFilter(String connector, String action, String outcome, String since, String until) {
    /** {@return the query string of these filters, for "Load more"} */
    public String query() {
      return "connector=" + enc(connector) + "&action=" + enc(action) + "&outcome=" + enc(outcome) + "&since=" + enc(since) + "&until=" + enc(until);
    }

    private static String enc(String s) {
      return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * The audit filters as given.
   *
   * @param actor actor
   * @param target target prefix
   */
  public record AuditFilter(String actor, String target) {
    /** {@return the query string of these filters} */
    public String query() {
      return "actor=" + java.net.URLEncoder.encode(actor, java.nio.charset.StandardCharsets.UTF_8) + "&target="
          + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  void addTo(RoutesConfig routes, StudioAccess access) {
    routes.get("/runs", access.page(this::runs));
    routes.get("/runs/{id}", access.page(this::run));
    routes.get("/audit", access.page(this::audit));
  }

  private void runs(Context ctx, Visit visit) {
    RunFilter filter = new RunFilter(q(ctx, "connector"), q(ctx, "action"), q(ctx, "outcome"), q(ctx, "since"), q(ctx, "until"));
    Optional<Notice> notice = Optional.empty();
    Page<Run> page = new Page<>(List.of(), Optional.empty());
    try {
      page = services.history().runs(new RunQuery(opt(filter.connector()), opt(filter.action()), opt(filter.outcome()), day(filter.since(), 0),
          day(filter.until(), 1), opt(q(ctx, "cursor")), PAGE));
    } catch (RuntimeException e) {
      notice = Optional.of(Notice.of(e));
    }
    if (ctx.queryParam("cursor") != null && notice.isEmpty()) {
      templates.render(ctx, "run_rows.jte", "runs", page.items(), "next", page.nextCursor(), "filter", filter);
      return;
    }
    // A cursor or filter refused: the whole page with the notice beside the filters, not an empty fragment.
    notice.ifPresent(n -> ctx.status(n.status()));
    templates.render(ctx, "runs.jte", "frame", Frame.of("Runs", "runs", visit), "runs", page.items(), "next", page.nextCursor(),
        "filter", filter, "notice", notice, "connectors", services.connectors().list().stream().map(s -> s.connector()).toList());
  }

  private void run(Context ctx, Visit visit) {
    Run run;
    try {
      run = services.history().run(ctx.pathParam("id"));
    } catch (RuntimeException e) {
      Notice n = Notice.of(e);
      ctx.status(n.status());
      templates.render(ctx, "problem.jte", "frame", Frame.of("Run not found", "runs", visit), "notice", n);
      return;
    }
    templates.render(ctx, "run.jte", "frame", Frame.of("Run " + run.id(), "runs", visit), "run", run, "inputs", pretty(run.inputs()),
        "output", pretty(run.outputExcerpt()));
  }

  private void audit(Context ctx, Visit visit) {
    AuditFilter filter = new AuditFilter(q(ctx, "actor"), q(ctx, "target"));
    Optional<Notice> notice = Optional.empty();
    Page<AuditEvent> page = new Page<>(List.of(), Optional.empty());
    try {
      page = services.history().audit(opt(filter.actor()), opt(filter.target()), Optional.empty(), Optional.empty(), opt(q(ctx, "cursor")), PAGE);
    } catch (RuntimeException e) {
      notice = Optional.of(Notice.of(e));
    }
    if (ctx.queryParam("cursor") != null && notice.isEmpty()) {
      templates.render(ctx, "audit_rows.jte", "events", page.items(), "next", page.nextCursor(), "filter", filter);
      return;
    }
    notice.ifPresent(n -> ctx.status(n.status()));
    templates.render(ctx, "audit.jte", "frame", Frame.of("Audit log", "audit", visit), "events", page.items(), "next", page.nextCursor(),
        "filter", filter, "notice", notice);
  }

  private static String q(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).orElse("").strip();
  }

  private static Optional<String> opt(String s) {
    return Optional.of(s).filter(x -> !x.isEmpty());
  }

  private static Optional<Instant> day(String s, int plusDays) {
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(s).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new dev.switchboard.server.ApiProblem(400, plusDays == 0 ? "since" : "until", "a day is written yyyy-mm-dd, such as 2026-12-01");
    }
  }

  static String pretty(String json) {
    if (json == null || json.isEmpty()) {
      return "";
    }
    try {
      JsonNode n = ActionForm.Json.MAPPER.readTree(json);
      return ActionForm.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    } catch (IOException e) {
      return json;
    }
  }
}
