package dev.switchboard.workspace.cluster;

import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.Run;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This server instance as one of several on the same database. It registers in {@code server_instance} and renews its
 * lease every {@value #HEARTBEAT_MS} ms; an instance whose lease ran out ({@value #LEASE_MS} ms without a heartbeat:
 * killed, crashed, cut off) is taken for dead by whichever instance sweeps first, and the runs it left
 * {@code running} are marked {@code interrupted}. Runs carry the instance that runs them
 * ({@link dev.switchboard.workspace.RunRepository#instance}); the workspace writes their starts and ends in batches in
 * the background, so a call waits for no extra round trip.
 *
 * <p>On PostgreSQL the instance keeps one connection of its own (outside the pool) that {@code LISTEN}s on
 * {@value #CHANNEL}: the workspace's triggers notify it of every committed change to definitions, settings,
 * credentials and keys, and the instance reloads at once (the notifications are read with pgjdbc's
 * {@link PGConnection#getNotifications(int)}). The heartbeat goes over the same connection; when it fails, the
 * instance says so in its log and {@link #health()}, reconnects by itself (every half second to two seconds), says so
 * again, and reloads once in case a change was missed while it was away. The shared rate-limit buckets are
 * {@link #rateLimits()}: in PostgreSQL when the workspace is there, in memory on SQLite (one instance).
 */
public final class ServerInstance implements AutoCloseable {
  /** How often an instance renews its lease, in milliseconds. */
  public static final long HEARTBEAT_MS = 1_000;
  /** How long a lease lasts without renewal before the instance is taken for dead, in milliseconds. */
  public static final long LEASE_MS = 5_000;
  /** The PostgreSQL channel workspace changes are notified on. */
  public static final String CHANNEL = "switchboard_workspace";
  private static final long TICK_MS = 50;
  private static final long SESSION_AGE_MS = TimeUnit.DAYS.toMillis(7);

  private final Workspace workspace;
  private final Jdbi jdbi;
  private final String id;
  private final String label;
  private final PrintWriter log;
  private final Runnable onRemoteChange;
  private final RoundTrips trips = new RoundTrips();
  private final RateLimitStore rateLimits;
  private final ExecutorService reloads;
  private final AtomicBoolean reloadPending = new AtomicBoolean();
  private final Thread loop;
  private final long startedAt;
  private volatile boolean closed;
  private volatile Health health;
  private long nextSessionPrune;

  private ServerInstance(Workspace workspace, PrintWriter log, Runnable onRemoteChange) {
    this.workspace = workspace;
    this.jdbi = Jdbi.create(workspace.dataSource());
    this.log = log;
    this.onRemoteChange = onRemoteChange;
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    this.id = "inst_" + HexFormat.of().formatHex(random);
    this.label = host() + "/" + ProcessHandle.current().pid();
    this.startedAt = workspace.clock().millis();
    this.health = new Health(true, Instant.ofEpochMilli(startedAt), "");
    this.rateLimits = workspace.database().kind() == Database.Kind.POSTGRESQL ? new SharedRateLimits(jdbi, id, trips, log)
        : RateLimitStore.IN_MEMORY;
    this.reloads = Executors.newSingleThreadExecutor(r -> daemon(r, "switchboard-reload"));
    this.loop = daemon(this::run, "switchboard-instance");
  }

  /**
   * Registers this instance and starts its heartbeat (and, on PostgreSQL, its listening for changes).
   *
   * @param workspace the workspace
   * @param log where joining, losing and regaining the database, and dead instances found, are told
   * @param onRemoteChange what runs when the workspace changed, such as by another instance (on a thread of its own;
   *     runs coalesce)
   * @return the instance
   */
  public static ServerInstance join(Workspace workspace, PrintWriter log, Runnable onRemoteChange) {
    ServerInstance instance = new ServerInstance(Objects.requireNonNull(workspace), Objects.requireNonNull(log),
        Objects.requireNonNull(onRemoteChange));
    workspace.runs().instance(instance.id);
    instance.jdbi.useHandle(instance::heartbeat);
    instance.loop.start();
    return instance;
  }

  /** {@return this instance's id, such as {@code inst_0a1b2c3d4e5f}} */
  public String id() {
    return id;
  }

  /** {@return what a person knows this instance by: host and process id} */
  public String label() {
    return label;
  }

  /** {@return whether the database is reachable, as the last heartbeat found} */
  public Health health() {
    return health;
  }

  /** {@return where connectors' rate-limit buckets live: shared in PostgreSQL, or in memory on SQLite} */
  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  /** {@return the counters of database round trips and calls} */
  public RoundTrips roundTrips() {
    return trips;
  }

  /** Counts a call this instance runs (for {@link #roundTrips()}: the database round trips per call). */
  public void called() {
    trips.call();
  }

  /** {@return the instances alive now, by their leases} */
  public List<Member> members() {
    long now = workspace.clock().millis();
    return jdbi.withHandle(h -> h.createQuery("SELECT id, label, started_at, heartbeat_at FROM server_instance"
            + " WHERE lease_until >= :now ORDER BY started_at, id").bind("now", now)
        .map((rs, ctx) -> new Member(rs.getString("id"), rs.getString("label"), Instant.ofEpochMilli(rs.getLong("started_at")),
            Instant.ofEpochMilli(rs.getLong("heartbeat_at")), rs.getString("id").equals(id)))
        .list());
  }

  /**
   * One instance alive.
   *
   * @param id its id
   * @param label its host and process id
   * @param startedAt when it started
   * @param heartbeatAt its last heartbeat
   * @param self whether it is this instance
   */
  public record Member(String id, String label, Instant startedAt, Instant heartbeatAt, boolean self) {}

  /**
   * Stops the heartbeat, waits until the runs queued are written, marks this instance's runs still running as interrupted
   * and leaves the table. Call it after the server stopped taking requests.
   */
  @Override
  public void close() {
    closed = true;
    loop.interrupt();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reloads.shutdownNow();
    if (rateLimits instanceof SharedRateLimits shared) {
      shared.close();
    }
    try {
      workspace.runs().flush();
      jdbi.useHandle(h -> {
        h.createUpdate("UPDATE run SET outcome = :interrupted, error_category = 'interrupted', error_message = :message"
                + " WHERE instance = :id AND outcome = :running")
            .bind("interrupted", Run.INTERRUPTED).bind("running", Run.RUNNING).bind("id", id)
            .bind("message", "the server stopped before this call ended; whether the call reached the service is unknown")
            .execute();
        h.createUpdate("DELETE FROM server_instance WHERE id = :id").bind("id", id).execute();
      });
    } catch (RuntimeException e) {
      say("could not leave the instance table (" + e.getClass().getSimpleName() + "); the others will find this"
          + " instance's lease run out");
    }
  }

  private void run() {
    boolean postgres = workspace.database().kind() == Database.Kind.POSTGRESQL;
    Connection listening = null;
    Jdbi onListening = null;
    long nextBeat = 0;
    long backoff = 500;
    while (!closed) {
      try {
        if (postgres) {
          if (listening == null) {
            listening = listen();
            Connection c = listening;
            onListening = Jdbi.create(new ConnectionFactory() {
              @Override
              public Connection openConnection() {
                return c;
              }

              @Override
              public void closeConnection(Connection connection) {
                // kept open: it listens; closed when lost or when the instance stops
              }
            });
            if (!health.reachable()) {
              long away = workspace.clock().millis() - health.since().toEpochMilli();
              say("reconnected to the database after " + away + " ms; listening for changes again and reloading once");
              health = new Health(true, workspace.clock().instant(), "");
              changed();
            }
            backoff = 500;
          }
          PGNotification[] notes = listening.unwrap(PGConnection.class).getNotifications((int) TICK_MS);
          if (notes != null && notes.length > 0) {
            changed();
          }
        } else {
          Thread.sleep(TICK_MS);
        }
        Handle h = postgres ? onListening.open() : jdbi.open();
        try (h) {
          long now = workspace.clock().millis();
          if (now >= nextBeat) {
            heartbeat(h);
            sweep(h, now);
            nextBeat = now + HEARTBEAT_MS;
            if (!health.reachable()) {
              say("the database is reachable again");
              health = new Health(true, workspace.clock().instant(), "");
            }
          }
        }
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        if (health.reachable()) {
          say("lost the database (" + describe(e) + "); requests that need it fail until it is back; reconnecting");
          health = new Health(false, workspace.clock().instant(), "the database cannot be reached");
        }
        closeQuietly(listening);
        listening = null;
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          if (closed) {
            break;
          }
        }
        backoff = Math.min(2_000, backoff * 2);
      }
    }
    closeQuietly(listening);
  }

  private Connection listen() throws SQLException {
    Database db = workspace.database();
    Properties p = new Properties();
    db.user().ifPresent(u -> p.setProperty("user", u));
    db.password().ifPresent(pw -> p.setProperty("password", pw));
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "10");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "switchboard-instance");
    Connection c = DriverManager.getConnection(db.jdbcUrl(), p);
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN " + CHANNEL);
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  private void changed() {
    if (reloadPending.compareAndSet(false, true)) {
      reloads.execute(() -> {
        reloadPending.set(false);
        try {
          onRemoteChange.run();
        } catch (RuntimeException e) {
          say("reloading the workspace failed: " + e.getClass().getSimpleName());
        }
      });
    }
  }

  private void heartbeat(Handle h) {
    trips.heartbeat();
    long now = workspace.clock().millis();
    int renewed = h.createUpdate("UPDATE server_instance SET heartbeat_at = :now, lease_until = :lease WHERE id = :id")
        .bind("now", now).bind("lease", now + LEASE_MS).bind("id", id).execute();
    if (renewed == 0) {
      h.createUpdate("INSERT INTO server_instance (id, label, started_at, heartbeat_at, lease_until)"
              + " VALUES (:id, :label, :started, :now, :lease)")
          .bind("id", id).bind("label", label).bind("started", startedAt).bind("now", now).bind("lease", now + LEASE_MS).execute();
      if (loop.isAlive()) {
        say("this instance had been taken for dead (no heartbeat for " + LEASE_MS + " ms) and joins again");
      } else {
        if (workspace.database().kind() == Database.Kind.POSTGRESQL) {
          say("serving as instance " + label + " of this workspace; other serve processes on the same PostgreSQL database"
              + " share its work (GET /api/instances lists them)");
        }
      }
    }
  }

  /** Takes instances whose lease ran out for dead and marks the runs they left running as interrupted. */
  private void sweep(Handle h, long now) {
    List<String> dead = h.createQuery("SELECT label FROM server_instance WHERE lease_until < :now").bind("now", now)
        .mapTo(String.class).list();
    if (!dead.isEmpty()) {
      int gone = h.createUpdate("DELETE FROM server_instance WHERE lease_until < :now").bind("now", now).execute();
      if (gone > 0) {
        say("instance(s) " + String.join(", ", dead) + " stopped renewing their lease; taken for dead");
      }
    }
    int interrupted = h.createUpdate("UPDATE run SET outcome = :interrupted, error_category = 'interrupted', error_message = :message"
            + " WHERE outcome = :running AND started_at < :cutoff"
            + " AND (instance IS NULL OR instance NOT IN (SELECT id FROM server_instance WHERE lease_until >= :now))")
        .bind("interrupted", Run.INTERRUPTED).bind("running", Run.RUNNING).bind("cutoff", now - LEASE_MS).bind("now", now)
        .bind("message", "the server instance running this call stopped (no heartbeat for " + LEASE_MS / 1000
            + " s) before it ended; whether the call reached the service is unknown")
        .execute();
    if (interrupted > 0) {
      say("marked " + interrupted + " run(s) of stopped instances as interrupted");
    }
    if (now >= nextSessionPrune) {
      h.createUpdate("DELETE FROM mcp_session WHERE created_at < :cutoff").bind("cutoff", now - SESSION_AGE_MS).execute();
      nextSessionPrune = now + TimeUnit.MINUTES.toMillis(10);
    }
  }

  private void say(String line) {
    log.println("switchboard serve: " + line);
    log.flush();
  }

  private static String describe(Throwable e) {
    if (e instanceof SQLException sql && sql.getSQLState() != null) {
      return "SQL state " + sql.getSQLState();
    }
    Throwable cause = e.getCause();
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      return "SQL state " + sql.getSQLState();
    }
    return e.getClass().getSimpleName();
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // the connection is gone already
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
