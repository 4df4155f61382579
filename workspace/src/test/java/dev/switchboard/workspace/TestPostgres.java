package dev.switchboard.workspace;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's {@code postgresql} package (initdb and postgres from
 * {@code /usr/lib/postgresql/<version>/bin}, or {@code $SWITCHBOARD_PG_BIN}) started once per test JVM in a
 * temporary directory on a free loopback port, stopped when the JVM ends. Run as root (as CI is), it runs as the
 * {@code postgres} user, since PostgreSQL refuses root. Each test gets its own database ({@link #newDatabase()}).
 * With {@code SWITCHBOARD_TEST_POSTGRES_URL} set (a {@code jdbc:postgresql:} URL of a user allowed to create
 * databases) that server is used instead. Never H2 or another stand-in.
 */
public final class TestPostgres {
  private static TestPostgres shared;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final String adminUrl;
  private final String user;
  private final Optional<Path> bin;
  private final Process process;
  private final Path dataDir;
  private final int port;

  private TestPostgres(String adminUrl, String user, Optional<Path> bin, Process process, Path dataDir, int port) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.bin = bin;
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Returns the server of this JVM, starting it on first use.
   *
   * @return the server
   * @throws IllegalStateException when PostgreSQL is not installed (the message says how to install it)
   */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      shared = start();
      TestPostgres server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return shared;
  }

  /**
   * Creates a new, empty database on the server.
   *
   * @return the database, for the workspace
   */
  public Database newDatabase() {
    String name = "sb_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(adminUrl, user, null); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    return new Database(Database.Kind.POSTGRESQL, url, Optional.of(user), Optional.empty());
  }

  /** {@return the directory of PostgreSQL's programs (pg_dump...), when the server was started here} */
  public Optional<Path> bin() {
    return bin;
  }

  /** {@return the port the server listens on, when started here} */
  public int port() {
    return port;
  }

  /** {@return the user tests connect as} */
  public String user() {
    return user;
  }

  private static TestPostgres start() {
    String given = System.getenv("SWITCHBOARD_TEST_POSTGRES_URL");
    if (given != null && !given.isBlank()) {
      Database db = Database.parse(given);
      return new TestPostgres(db.jdbcUrl(), db.user().orElse(System.getProperty("user.name")), Optional.empty(), null, null, 0);
    }
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("switchboard-pg");
      Path data = dir.resolve("data");
      if (root) {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "switchboard",
          "-E", "UTF8", "--no-sync", "--no-instructions"), dir);
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      List<String> command = new ArrayList<>(prefix(root));
      command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
          "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
          "-c", "max_connections=200"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("postgres.log").toFile()).start();
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try (Connection c = DriverManager.getConnection(url, "switchboard", null)) {
          break;
        } catch (SQLException e) {
          if (!process.isAlive() || System.nanoTime() > deadline) {
            process.destroyForcibly();
            throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dir.resolve("postgres.log")));
          }
          Thread.sleep(50);
        }
      }
      return new TestPostgres(url, "switchboard", Optional.of(bin), process, dir, port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting PostgreSQL", e);
    }
  }

  static Path findBin() {
    String env = System.getenv("SWITCHBOARD_PG_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        if (newest.isPresent()) {
          return newest.get();
        }
      } catch (IOException e) {
        // fall through to the message below
      }
    }
    throw new IllegalStateException("the PostgreSQL tests need a PostgreSQL server: install Debian's package"
        + " (apt-get update && apt-get install -y postgresql; .ci/run does it), set SWITCHBOARD_PG_BIN to the directory"
        + " of initdb and postgres, or SWITCHBOARD_TEST_POSTGRES_URL to a server's jdbc:postgresql: URL");
  }

  private static int versionOf(String name) {
    try {
      return Integer.parseInt(name.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static List<String> prefix(boolean root) {
    return root ? List.of("runuser", "-u", "postgres", "--") : List.of();
  }

  static void run(boolean root, List<String> args, Path dir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(prefix(root));
    command.addAll(args);
    Path log = dir.resolve("initdb.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed: " + Files.readString(log));
    }
  }

  private void stop() {
    if (process == null) {
      return;
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      List<String> command = new ArrayList<>(prefix(root));
      command.addAll(List.of(bin.get().resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m",
          "immediate", "-s", "stop"));
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
          .waitFor(20, TimeUnit.SECONDS);
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // the directory is removed below; nothing else to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory; the OS cleans it eventually
      }
    }
  }
}
