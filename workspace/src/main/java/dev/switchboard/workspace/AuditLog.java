package dev.switchboard.workspace;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit events: who created, changed, deleted, restored, exported or imported definitions, and who set,
 * rotated or deleted a credential or created or revoked a key. A change and its event are written in one
 * transaction. Thread-safe.
 */
public final class AuditLog {
  private final Jdbi jdbi;
  private final Clock clock;
  private final Ids ids;

  AuditLog(Jdbi jdbi, Clock clock, Ids ids) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Records an event on its own (for what changes nothing in the database, such as an export).
   *
   * @param actor who
   * @param event what, such as {@code workspace.exported}
   * @param target what it was done to
   * @param detail more
   */
  public void record(String actor, String event, String target, String detail) {
    jdbi.useHandle(h -> append(h, actor, event, target, detail));
  }

  /** Records an event inside the caller's transaction. */
  void append(Handle h, String actor, String event, String target, String detail) {
    h.createUpdate("INSERT INTO audit_event (id, at, actor, event, target, detail) VALUES (:id, :at, :actor, :event, :target, :detail)")
        .bind("id", ids.next("evt")).bind("at", clock.millis()).bind("actor", actor).bind("event", event)
        .bind("target", target).bind("detail", detail).execute();
  }

  /**
   * Lists events, newest first.
   *
   * @param actor only this actor's, when present
   * @param target only events on targets starting with this, when present (such as {@code okta/})
   * @param since only events at or after, when present
   * @param until only events before, when present
   * @param cursor the next_cursor of the previous page, or empty for the newest
   * @param limit the most events, 1 to {@value Page#MAX_LIMIT}
   * @return the page
   * @throws WorkspaceException (invalid, field {@code cursor} or {@code limit})
   */
  public Page<AuditEvent> list(Optional<String> actor, Optional<String> target, Optional<Instant> since,
      Optional<Instant> until, Optional<String> cursor, int limit) {
    Page.checkLimit(limit);
    Optional<Page.Cursor> after = Page.Cursor.decode(cursor);
    List<String> where = new ArrayList<>();
    actor.ifPresent(a -> where.add("actor = :actor"));
    target.ifPresent(t -> where.add("target LIKE :target ESCAPE '\\'"));
    since.ifPresent(s -> where.add("at >= :since"));
    until.ifPresent(u -> where.add("at < :until"));
    after.ifPresent(c -> where.add("(at < :cursorAt OR (at = :cursorAt AND id < :cursorId))"));
    String sql = "SELECT id, at, actor, event, target, detail FROM audit_event"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY at DESC, id DESC LIMIT :limit";
    List<AuditEvent> rows = jdbi.withHandle(h -> {
      Query q = h.createQuery(sql).bind("limit", limit + 1);
      actor.ifPresent(a -> q.bind("actor", a));
      target.ifPresent(t -> q.bind("target", t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"));
      since.ifPresent(s -> q.bind("since", s.toEpochMilli()));
      until.ifPresent(u -> q.bind("until", u.toEpochMilli()));
      after.ifPresent(c -> q.bind("cursorAt", c.at()).bind("cursorId", c.id()));
      return q.map((rs, ctx) -> new AuditEvent(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"),
          rs.getString("event"), rs.getString("target"), rs.getString("detail"))).list();
    });
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<AuditEvent> items = rows.subList(0, limit);
    AuditEvent last = items.get(limit - 1);
    return new Page<>(items, Optional.of(new Page.Cursor(last.at().toEpochMilli(), last.id()).encode()));
  }
}
