package dev.switchboard.workspace;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * A failure that comes of the workspace's database being unreachable (PostgreSQL restarting, the network down, the
 * pool waiting 30 s for a connection in vain) rather than of a bug or of the request: the server answers it 503 with
 * {@link #DETAIL} and logs the SQL state only (never the statement or the driver's message); the run writer tries such
 * a write again.
 *
 * <p>Recognised by the SQL state of an exception in the cause chain: class {@code 08} (connection exception) and
 * {@code 57P01} to {@code 57P03} (administrator shutdown, crash shutdown, cannot connect now), as PostgreSQL's
 * "Appendix A. PostgreSQL Error Codes" lists them; and HikariCP's {@link SQLTransientConnectionException}, thrown
 * when no connection came within the pool's timeout.
 */
public final class DatabaseOutage {
  /** What the client is told: what happened and what to do. */
  public static final String DETAIL = "the workspace database cannot be reached right now; this server is reconnecting."
      + " Try again in a few seconds (GET /health answers 200 once the database is back)";

  private DatabaseOutage() {
  }

  /**
   * Tells whether an exception comes of the database being unreachable.
   *
   * @param e the exception a request failed with
   * @return its SQL state (or the pool's timeout, {@code "pool timeout"}) when it does; empty otherwise
   */
  public static Optional<String> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return Optional.of("pool timeout");
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
          return Optional.of("SQL state " + state);
        }
      }
    }
    return Optional.empty();
  }
}
