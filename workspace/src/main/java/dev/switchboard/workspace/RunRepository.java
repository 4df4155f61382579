package dev.switchboard.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The run records: one row per call (its exchanges as a JSON array in the row), written at its start and its end by
 * a background {@link RunWriter} in batches ({@link #begin}, {@link #end}) or at once ({@link #record}), listed newest first with
 * filters and cursor paging over the index {@code (connector, action, started_at, id)}, and pruned by the
 * {@link Retention} in batches of {@value #PRUNE_BATCH} so writers never wait long. Thread-safe.
 */
public final class RunRepository {
  /** The most runs deleted in one transaction while pruning. */
  public static final int PRUNE_BATCH = 5_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, started_at, connector, action, action_version, caller, channel, inputs, outcome,"
      + " error_category, error_message, status, exchanges, output_excerpt, output_truncated, duration_ms";
  /** Inserts one run. */
  static final String INSERT = "INSERT INTO run (" + COLUMNS + ", instance) VALUES (:id, :startedAt, :connector, :action,"
      + " :actionVersion, :caller, :channel, :inputs, :outcome, :errorCategory, :errorMessage, :status, :exchanges,"
      + " :outputExcerpt, :outputTruncated, :durationMs, :instance)";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Ids ids;
  private final Retention retention;
  private final RunWriter writer;
  private volatile String instance;

  RunRepository(Jdbi jdbi, Clock clock, Ids ids, Retention retention) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.ids = ids;
    this.retention = retention;
    this.writer = new RunWriter(jdbi, () -> instance);
  }

  /** Writes what is queued and stops the background writer. */
  void close() {
    writer.close();
  }

  /** {@return a new run id} */
  public String newId() {
    return ids.next("run");
  }

  /** {@return how long runs are kept} */
  public Retention retention() {
    return retention;
  }

  /**
   * Records a run now, on the calling thread (one insert in its own transaction).
   *
   * @param run the run; its inputs, message and excerpt must already be scrubbed of secrets
   */
  public void record(Run run) {
    jdbi.useHandle(h -> bind(h.createUpdate(INSERT), run, instance).execute());
  }

  /**
   * Queues a run's start, written in the background within milliseconds (with other runs, in one transaction): a
   * row whose outcome is {@link Run#RUNNING}, so that calls in flight are seen. Never waits for the database unless
   * {@value RunWriter#CAPACITY} entries are waiting already.
   *
   * @param run the run as it starts (outcome {@link Run#RUNNING}); its inputs already scrubbed of secrets
   * @throws IllegalStateException when the workspace is closed
   */
  public void begin(Run run) {
    writer.begin(run);
  }

  /**
   * Queues a run's end, written in the background: its outcome, error, status, exchanges, output excerpt and
   * duration replace those of its start (of the same id). A run that starts and ends before the writer gets to it
   * is written once, as it ended.
   *
   * @param run the finished run; its message and excerpt already scrubbed of secrets
   * @throws IllegalStateException when the workspace is closed
   */
  public void end(Run run) {
    writer.end(run);
  }

  /** Returns when every start and end queued before this call is written, as listings do before they read. */
  public void flush() {
    writer.flush();
  }

  /**
   * Sets where a run that cannot be written in the background is reported (one line naming its id, connector,
   * action and the failure's class; never its contents). By default nowhere.
   *
   * @param sink the report
   */
  public void reportFailuresTo(Consumer<String> sink) {
    writer.reportTo(Objects.requireNonNull(sink));
  }

  /**
   * Tags the runs this process writes from now on with its server instance, so that the runs an instance leaves
   * {@code running} when it stops or dies can be marked {@code interrupted}.
   *
   * @param id the server instance's id
   */
  public void instance(String id) {
    this.instance = Objects.requireNonNull(id);
  }

  static <S extends SqlStatement<S>> S bind(S statement, Run run, String instance) {
    return bindEnd(statement.bind("instance", instance).bind("startedAt", run.startedAt().toEpochMilli()).bind("connector", run.connector())
        .bind("action", run.action())
        .bind("actionVersion", run.actionVersion().isPresent() ? (Integer) run.actionVersion().getAsInt() : null)
        .bind("caller", run.caller()).bind("channel", run.channel()).bind("inputs", run.inputs()), run);
  }

  /** Binds what a run's end sets, and its id. */
  static <S extends SqlStatement<S>> S bindEnd(S statement, Run run) {
    String excerpt = Run.excerpt(run.outputExcerpt());
    return statement.bind("id", run.id()).bind("outcome", run.outcome())
        .bind("errorCategory", run.errorCategory().orElse(null)).bind("errorMessage", run.errorMessage().orElse(null))
        .bind("status", run.status().isPresent() ? (Integer) run.status().getAsInt() : null)
        .bind("exchanges", exchangesJson(run.exchanges())).bind("outputExcerpt", excerpt)
        .bind("outputTruncated", run.outputTruncated() || excerpt.length() != run.outputExcerpt().length() ? 1 : 0)
        .bind("durationMs", run.durationMs());
  }

  /**
   * Finds a run.
   *
   * @param id the run's id
   * @return the run, or empty
   */
  public Optional<Run> find(String id) {
    flush();
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM run WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> map(rs)).findOne());
  }

  /**
   * Lists runs, newest first.
   *
   * @param query the filters, cursor and limit
   * @return the page
   * @throws WorkspaceException (invalid, field {@code cursor}) for a cursor this server did not give
   */
  public Page<Run> list(RunQuery query) {
    Optional<Page.Cursor> after = Page.Cursor.decode(query.cursor());
    flush();
    List<String> where = new ArrayList<>();
    query.connector().ifPresent(c -> where.add("connector = :connector"));
    query.action().ifPresent(a -> where.add("action = :action"));
    query.outcome().ifPresent(o -> where.add("outcome = :outcome"));
    query.since().ifPresent(s -> where.add("started_at >= :since"));
    query.until().ifPresent(u -> where.add("started_at < :until"));
    after.ifPresent(c -> where.add("(started_at < :cursorAt OR (started_at = :cursorAt AND id < :cursorId))"));
    String sql = "SELECT " + COLUMNS + " FROM run" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY started_at DESC, id DESC LIMIT :limit";
    int limit = query.limit();
    List<Run> rows = jdbi.withHandle(h -> {
      Query q = h.createQuery(sql).bind("limit", limit + 1);
      query.connector().ifPresent(c -> q.bind("connector", c));
      query.action().ifPresent(a -> q.bind("action", a));
      query.outcome().ifPresent(o -> q.bind("outcome", o));
      query.since().ifPresent(s -> q.bind("since", s.toEpochMilli()));
      query.until().ifPresent(u -> q.bind("until", u.toEpochMilli()));
      after.ifPresent(c -> q.bind("cursorAt", c.at()).bind("cursorId", c.id()));
      return q.map((rs, ctx) -> map(rs)).list();
    });
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<Run> items = rows.subList(0, limit);
    Run last = items.get(limit - 1);
    return new Page<>(items, Optional.of(new Page.Cursor(last.startedAt().toEpochMilli(), last.id()).encode()));
  }

  /**
   * Returns the newest run of each of some connectors, whatever its action (one indexed look-up per connector over
   * {@code (connector, started_at, id)}, in one connection).
   *
   * @param connectors the connectors
   * @return each connector's newest run, for those that have one
   */
  public Map<String, Run> latest(Collection<String> connectors) {
    Map<String, Run> out = new LinkedHashMap<>();
    if (connectors.isEmpty()) {
      return out;
    }
    jdbi.useHandle(h -> {
      for (String connector : connectors) {
        h.createQuery("SELECT " + COLUMNS + " FROM run WHERE connector = :connector ORDER BY started_at DESC, id DESC LIMIT 1")
            .bind("connector", connector).map((rs, ctx) -> map(rs)).findOne().ifPresent(r -> out.put(connector, r));
      }
    });
    return out;
  }

  /** {@return how many runs are kept now} */
  public long count() {
    flush();
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM run").mapTo(Long.class).one());
  }

  /**
   * Deletes the runs the retention no longer keeps: older than its age, or beyond its count (oldest first). Runs in
   * batches of {@value #PRUNE_BATCH}, each its own transaction.
   *
   * @return how many runs were deleted
   */
  public long prune() {
    flush();
    long cutoff = clock.millis() - retention.maxAge().toMillis();
    long deleted = 0;
    int n;
    do {
      n = jdbi.inTransaction(h -> h.createUpdate("DELETE FROM run WHERE id IN (SELECT id FROM run WHERE started_at < :cutoff"
          + " ORDER BY started_at LIMIT " + PRUNE_BATCH + ")").bind("cutoff", cutoff).execute());
      deleted += n;
    } while (n == PRUNE_BATCH);
    Optional<Page.Cursor> boundary = jdbi.withHandle(h -> h.createQuery("SELECT started_at, id FROM run ORDER BY started_at DESC,"
        + " id DESC LIMIT 1 OFFSET :keep").bind("keep", retention.maxRuns())
        .map((rs, ctx) -> new Page.Cursor(rs.getLong("started_at"), rs.getString("id"))).findOne());
    if (boundary.isPresent()) {
      Page.Cursor b = boundary.get();
      do {
        n = jdbi.inTransaction(h -> h.createUpdate("DELETE FROM run WHERE id IN (SELECT id FROM run WHERE started_at < :at"
            + " OR (started_at = :at AND id <= :id) ORDER BY started_at LIMIT " + PRUNE_BATCH + ")")
            .bind("at", b.at()).bind("id", b.id()).execute());
        deleted += n;
      } while (n == PRUNE_BATCH);
    }
    return deleted;
  }

  private static String exchangesJson(List<Exchange> exchanges) {
    ArrayNode array = JSON.createArrayNode();
    for (Exchange e : exchanges) {
      ObjectNode o = array.addObject().put("method", e.method()).put("path", e.path()).put("status", e.status())
          .put("duration_ms", e.durationMs());
      e.requestId().ifPresent(r -> o.put("request_id", r));
      e.rateLimitRemaining().ifPresent(r -> o.put("rate_limit_remaining", r));
    }
    return array.toString();
  }

  private static List<Exchange> exchanges(String json) {
    List<Exchange> out = new ArrayList<>();
    try {
      for (JsonNode e : JSON.readTree(json)) {
        out.add(new Exchange(e.path("method").asText(), e.path("path").asText(), e.path("status").asInt(),
            e.path("duration_ms").asLong(), Optional.ofNullable(e.get("request_id")).map(JsonNode::asText),
            e.has("rate_limit_remaining") ? OptionalLong.of(e.get("rate_limit_remaining").asLong()) : OptionalLong.empty()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a run's exchanges are not JSON: " + e.getOriginalMessage(), e);
    }
    return out;
  }

  private static Run map(ResultSet rs) throws SQLException {
    int version = rs.getInt("action_version");
    OptionalInt actionVersion = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(version);
    int status = rs.getInt("status");
    OptionalInt statusValue = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
    String excerpt = rs.getString("output_excerpt");
    return new Run(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("started_at")), rs.getString("connector"),
        rs.getString("action"), actionVersion, rs.getString("caller"), rs.getString("channel"), rs.getString("inputs"),
        rs.getString("outcome"), Optional.ofNullable(rs.getString("error_category")), Optional.ofNullable(rs.getString("error_message")),
        statusValue, exchanges(rs.getString("exchanges")), excerpt == null ? "" : excerpt, rs.getInt("output_truncated") == 1,
        rs.getLong("duration_ms"));
  }
}
