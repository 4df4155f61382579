package dev.switchboard.server;

import dev.switchboard.workspace.AuditEvent;
import dev.switchboard.workspace.Page;
import dev.switchboard.workspace.Run;
import dev.switchboard.workspace.RunQuery;
import dev.switchboard.workspace.Workspace;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Runs and audit events, newest first, for the REST API and the studio. Thread-safe. */
public final class HistoryService {
  private final Workspace workspace;

  HistoryService(Workspace workspace) {
    this.workspace = workspace;
  }

  /**
   * Lists runs.
   *
   * @param query filters, cursor and limit
   * @return the page
   */
  public Page<Run> runs(RunQuery query) {
    return workspace.runs().list(query);
  }

  /**
   * Finds a run.
   *
   * @param id its id
   * @return it
   * @throws ApiProblem 404 when there is none
   */
  public Run run(String id) {
    return workspace.runs().find(id).orElseThrow(() -> ApiProblem.notFound("no run has the id '"
        + OriginGuard.quote(id).replace("'", "") + "'; GET /api/runs lists them"));
  }

  /** {@return the newest run of each of these connectors that has one} */
  public Map<String, Run> latestRuns(Collection<String> connectors) {
    return workspace.runs().latest(connectors);
  }

  /**
   * Lists audit events.
   *
   * @param actor only this actor's
   * @param target only targets starting with this
   * @param since at or after
   * @param until before
   * @param cursor the previous page's next_cursor
   * @param limit the most events, 1 to 500
   * @return the page
   */
  public Page<AuditEvent> audit(Optional<String> actor, Optional<String> target, Optional<Instant> since, Optional<Instant> until,
      Optional<String> cursor, int limit) {
    return workspace.audit().list(actor, target, since, until, cursor, limit);
  }
}
