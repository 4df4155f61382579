package dev.switchboard.workspace;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's state in one database: connectors and actions as versioned YAML files ({@link #documents()}),
 * encrypted credentials ({@link #credentials()}), runs ({@link #runs()}), audit events ({@link #audit()}),
 * access keys ({@link #keys()}) and confirmation tokens ({@link #confirmations()}). Opening applies the Flyway
 * migrations ({@code db/migration/V<n>__<what>.sql}, and on PostgreSQL also {@code db/postgresql/}: shared rate-limit
 * buckets and change notifications) the database lacks.
 *
 * <p>Nothing that must survive lives only in memory: every instance opened on one PostgreSQL database sees the
 * same workspace. On SQLite the file runs in WAL mode with {@code synchronous=NORMAL} (a committed transaction
 * survives the process being killed; a power loss may lose the last ones) and write transactions start
 * {@code IMMEDIATE}, so concurrent writers wait for each other (up to {@value #BUSY_TIMEOUT_MS} ms) instead of
 * failing. Thread-safe; close it to write the runs still queued and release the connection pool.
 */
public final class Workspace implements AutoCloseable {
  /** How long an SQLite writer waits for another to finish, in milliseconds. */
  public static final int BUSY_TIMEOUT_MS = 10_000;

  private final Database database;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;
  private final DocumentRepository documents;
  private final CredentialRepository credentials;
  private final RunRepository runs;
  private final AccessKeyRepository keys;
  private final ConfirmationTokenRepository confirmations;
  private final SessionRepository sessions;

  private Workspace(Builder b, HikariDataSource pool) {
    this.database = b.database;
    this.pool = pool;
    this.clock = b.clock;
    this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
    Ids ids = new Ids(b.random, b.clock);
    this.audit = new AuditLog(jdbi, clock, ids);
    this.documents = new DocumentRepository(jdbi, clock, audit);
    this.credentials = new CredentialRepository(jdbi, clock, audit, b.masterKey, b.random);
    this.runs = new RunRepository(jdbi, clock, ids, b.retention);
    this.keys = new AccessKeyRepository(jdbi, clock, audit, ids, b.random);
    this.confirmations = new ConfirmationTokenRepository(jdbi, clock, b.random);
    this.sessions = new SessionRepository(jdbi, clock, b.random);
  }

  /**
   * Starts configuring a workspace.
   *
   * @param database where it lives
   * @param masterKey the key credentials are encrypted under
   * @return a builder
   */
  public static Builder builder(Database database, MasterKey masterKey) {
    return new Builder(database, masterKey);
  }

  /** {@return where the workspace lives} */
  public Database database() {
    return database;
  }

  /** {@return the connectors' and actions' YAML files and their versions} */
  public DocumentRepository documents() {
    return documents;
  }

  /** {@return the encrypted credentials} */
  public CredentialRepository credentials() {
    return credentials;
  }

  /** {@return the run records} */
  public RunRepository runs() {
    return runs;
  }

  /** {@return the audit events} */
  public AuditLog audit() {
    return audit;
  }

  /** {@return the access keys} */
  public AccessKeyRepository keys() {
    return keys;
  }

  /** {@return the confirmation tokens of destructive tools} */
  public ConfirmationTokenRepository confirmations() {
    return confirmations;
  }

  /** {@return the studio's browser sessions} */
  public SessionRepository sessions() {
    return sessions;
  }

  /** {@return the clock every time in the workspace is read from} */
  public Clock clock() {
    return clock;
  }

  /**
   * Reads a fact about the workspace, such as when it was set up.
   *
   * @param name the fact's name
   * @return its value, or empty
   */
  public Optional<String> fact(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT value FROM workspace_fact WHERE name = :name").bind("name", name)
        .mapTo(String.class).findOne());
  }

  /**
   * Records a fact once: the first writer wins, later ones change nothing.
   *
   * @param name the fact's name
   * @param value its value
   * @return true when this call recorded it
   */
  public boolean recordFactOnce(String name, String value) {
    // ON CONFLICT: instances starting at the same moment on one new database each try; one records it.
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO workspace_fact (name, value) VALUES (:name, :value)"
        + " ON CONFLICT (name) DO NOTHING").bind("name", name).bind("value", value).execute() == 1);
  }

  /**
   * Returns a stamp of the definitions, settings and credentials: it changes whenever any of them changes, on this
   * instance or another (one cheap query), so a server can tell when to reload.
   *
   * @return the stamp
   */
  public String stamp() {
    return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM document_version) || ':' ||"
        + " (SELECT COALESCE(MAX(saved_at), 0) FROM document_version) || ':' || (SELECT COUNT(*) FROM credential) || ':' ||"
        + " (SELECT COALESCE(MAX(set_at), 0) FROM credential)").mapTo(String.class).one());
  }

  /** {@return the pooled data source, for tests and diagnostics} */
  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    runs.close();
    pool.close();
  }

  /** Configures and opens a {@link Workspace}. */
  public static final class Builder {
    private final Database database;
    private final MasterKey masterKey;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Retention retention = Retention.DEFAULT;
    private int poolSize = 0;

    private Builder(Database database, MasterKey masterKey) {
      this.database = Objects.requireNonNull(database, "database");
      this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
    }

    /**
     * Sets the clock (for tests).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the source of ids, keys, tokens and nonces (for tests).
     *
     * @param value the source
     * @return this builder
     */
    public Builder random(SecureRandom value) {
      this.random = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets how long runs are kept (default {@link Retention#DEFAULT}).
     *
     * @param value the retention
     * @return this builder
     */
    public Builder retention(Retention value) {
      this.retention = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the most database connections held (default 4 on SQLite, 10 on PostgreSQL).
     *
     * @param value connections, at least 1
     * @return this builder
     */
    public Builder poolSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("the pool needs at least 1 connection; got " + value);
      }
      this.poolSize = value;
      return this;
    }

    /**
     * Opens the database, applies the migrations it lacks and returns the workspace.
     *
     * @return the workspace
     * @throws WorkspaceException (invalid) when the database cannot be reached or migrated; the message names the
     *     database (never its password) and the cause
     */
    public Workspace open() {
      HikariConfig config = new HikariConfig();
      config.setPoolName("switchboard-workspace");
      config.setInitializationFailTimeout(-1);
      config.setConnectionTimeout(30_000);
      switch (database.kind()) {
        case SQLITE -> {
          createParent();
          SQLiteConfig sqlite = new SQLiteConfig();
          sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
          sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
          sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
          sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
          sqlite.enforceForeignKeys(true);
          SQLiteDataSource source = new SQLiteDataSource(sqlite);
          source.setUrl(database.jdbcUrl());
          config.setDataSource(source);
          config.setMaximumPoolSize(poolSize > 0 ? poolSize : 4);
        }
        case POSTGRESQL -> {
          config.setJdbcUrl(database.jdbcUrl());
          database.user().ifPresent(config::setUsername);
          database.password().ifPresent(config::setPassword);
          config.setMaximumPoolSize(poolSize > 0 ? poolSize : 10);
        }
      }
      HikariDataSource pool = new HikariDataSource(config);
      try {
        String[] locations = database.kind() == Database.Kind.POSTGRESQL
            ? new String[] {"classpath:db/migration", "classpath:db/postgresql"} : new String[] {"classpath:db/migration"};
        Flyway.configure().dataSource(pool).locations(locations).load().migrate();
      } catch (FlywayException | IllegalStateException e) {
        pool.close();
        throw WorkspaceException.invalid("database", "cannot open the workspace in " + database.display() + ": "
            + rootMessage(e));
      }
      return new Workspace(this, pool);
    }

    private void createParent() {
      Path file = Path.of(database.jdbcUrl().substring("jdbc:sqlite:".length()));
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (IOException e) {
        throw WorkspaceException.invalid("database", "cannot create the directory of " + file + ": " + e.getMessage());
      }
    }

    private static String rootMessage(Throwable e) {
      Throwable t = e;
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      String message = String.valueOf(t.getMessage());
      return message.lines().findFirst().orElse(message);
    }
  }
}
