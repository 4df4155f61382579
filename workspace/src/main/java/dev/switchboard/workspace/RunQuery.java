package dev.switchboard.workspace;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which runs to list, newest first.
 *
 * @param connector only this connector's, when present
 * @param action only this action's (with {@code connector}), when present
 * @param outcome only runs of this outcome ({@code ok}, {@code error}, {@code running} or {@code interrupted}), when present
 * @param since only runs started at or after, when present
 * @param until only runs started before, when present
 * @param cursor the next_cursor of the previous page; empty for the newest
 * @param limit the most runs, 1 to {@value Page#MAX_LIMIT}
 */
public record RunQuery(Optional<String> connector, Optional<String> action, Optional<String> outcome,
    Optional<Instant> since, Optional<Instant> until, Optional<String> cursor, int limit) {
  /** The newest 50 runs of everything. */
  public static final RunQuery NEWEST = new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), 50);

  /**
   * Checks the query.
   *
   * @throws WorkspaceException (invalid) naming the field: an action without a connector, an unknown outcome, a limit
   *     out of range
   */
  public RunQuery {
    if (action.isPresent() && connector.isEmpty()) {
      throw WorkspaceException.invalid("action", "filtering by action needs the connector too, such as connector=okta&action=list_users");
    }
    if (outcome.isPresent() && !Set.of(Run.OK, Run.ERROR, Run.RUNNING, Run.INTERRUPTED).contains(outcome.get())) {
      throw WorkspaceException.invalid("outcome", "outcome must be ok, error, running or interrupted; got " + Names.shown(outcome.get()));
    }
    Page.checkLimit(limit);
  }
}
