package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A run whose end is written while the database restarts is written once it is back (it used to be dropped and stay
 * {@code running} for as long as its instance lived); a write that fails for another reason is reported and dropped
 * at once, as before.
 */
class RunWriterOutageTest {
  @TempDir
  Path dir;

  @Test
  void anUnreachableDatabaseIsTheSqlStateOfAConnectionLostOrRefused() {
    SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    assertThat(DatabaseOutage.of(new IllegalStateException("jdbi", shutdown))).contains("SQL state 57P01");
    assertThat(DatabaseOutage.of(new SQLException("Connection refused", "08001"))).contains("SQL state 08001");
    assertThat(DatabaseOutage.of(new RuntimeException(new SQLTransientConnectionException("pool timed out"))))
        .contains("pool timeout");
    assertThat(DatabaseOutage.of(new RuntimeException(new SQLException("duplicate key", "23505")))).isEmpty();
    assertThat(DatabaseOutage.of(new IllegalStateException("a bug"))).isEmpty();
  }

  @Test
  void aRunEndedDuringARestartIsWrittenOnceTheDatabaseIsBack() {
    Database db = migrated();
    AtomicInteger refusals = new AtomicInteger();
    List<String> reported = new CopyOnWriteArrayList<>();
    Jdbi jdbi = Jdbi.create(failing(db, refusals, new SQLException("FATAL: terminating connection", "57P01")));
    RunWriter writer = new RunWriter(Jdbi.create(sqlite(db)), () -> "inst_a", Duration.ZERO);
    writer.reportTo(reported::add);
    Run started = run("run_1", Run.RUNNING);
    writer.begin(started);
    writer.flush();
    writer.close();

    RunWriter restarting = new RunWriter(jdbi, () -> "inst_a", Duration.ZERO);
    restarting.reportTo(reported::add);
    refusals.set(3); // the next three connections are refused, as while PostgreSQL restarts
    restarting.end(run("run_1", Run.OK));
    restarting.flush();
    restarting.close();

    assertThat(reported).isEmpty();
    assertThat(refusals.get()).isZero();
    assertThat(outcome(db, "run_1")).isEqualTo(Run.OK);
  }

  @Test
  void aWriteThatFailsForAnotherReasonIsReportedAtOnce() {
    Database db = migrated();
    AtomicInteger refusals = new AtomicInteger(2);
    List<String> reported = new CopyOnWriteArrayList<>();
    RunWriter writer = new RunWriter(Jdbi.create(failing(db, refusals, new SQLException("disk I/O error", "58030"))),
        () -> "inst_a", Duration.ZERO);
    writer.reportTo(reported::add);
    writer.begin(run("run_2", Run.RUNNING));
    writer.flush();
    writer.close();

    assertThat(reported).singleElement().asString().contains("run_2").contains("could not be recorded");
    assertThat(refusals.get()).as("the batch once, then the run alone; no retries").isZero();
  }

  private Database migrated() {
    Database db = TestDatabases.fresh(Database.Kind.SQLITE, dir);
    Workspace.builder(db, TestDatabases.key()).open().close();
    return db;
  }

  private static SQLiteDataSource sqlite(Database db) {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl(db.jdbcUrl());
    return source;
  }

  /** A data source that refuses connections with {@code failure} while {@code refusals} is above zero, counting down. */
  private static DataSource failing(Database db, AtomicInteger refusals, SQLException failure) {
    SQLiteDataSource real = sqlite(db);
    return (DataSource) Proxy.newProxyInstance(RunWriterOutageTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection") && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static Run run(String id, String outcome) {
    return new Run(id, Instant.parse("2026-01-02T03:04:05Z"), "okta", "list_users", OptionalInt.of(1), "agent", "mcp", "{}",
        outcome, Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), "", false, 12);
  }

  private static String outcome(Database db, String id) {
    try (Connection c = sqlite(db).getConnection()) {
      return Jdbi.create(c).withHandle(h -> h.createQuery("SELECT outcome FROM run WHERE id = :id").bind("id", id)
          .mapTo(String.class).one());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
