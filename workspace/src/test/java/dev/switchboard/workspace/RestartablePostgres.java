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
import java.util.stream.Stream;

/**
 * A PostgreSQL server of one test's own (Debian's package, as {@link TestPostgres}), which the test stops and starts
 * again on the same port and data directory, as an operator restarting the database would. One database,
 * {@code switchboard}, is created at first start. Close it to stop it and remove its directory.
 */
public final class RestartablePostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean root;
  private Process process;

  private RestartablePostgres(Path bin, Path dir, int port, boolean root) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.root = root;
  }

  /**
   * Creates a cluster in a temporary directory, starts it on a free loopback port and creates the database.
   *
   * @return the running server
   * @throws IllegalStateException when PostgreSQL is not installed or does not start
   */
  public static RestartablePostgres start() {
    Path bin = TestPostgres.findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("switchboard-pg-own");
      if (root) {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      TestPostgres.run(root, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
          "-U", "switchboard", "-E", "UTF8", "--no-sync", "--no-instructions"), dir);
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      RestartablePostgres pg = new RestartablePostgres(bin, dir, port, root);
      pg.up();
      try (Connection c = DriverManager.getConnection(pg.url("postgres"), "switchboard", null); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE switchboard");
      }
      return pg;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start PostgreSQL for the test: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting PostgreSQL", e);
    }
  }

  /** {@return the test's database on this server} */
  public Database database() {
    return new Database(Database.Kind.POSTGRESQL, url("switchboard"), Optional.of("switchboard"), Optional.empty());
  }

  /** Stops the server (fast shutdown: connections are cut, as a restart cuts them); waits until it is down. */
  public void stop() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(TestPostgres.prefix(root));
    command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-s", "stop"));
    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
        .waitFor(60, TimeUnit.SECONDS);
    if (process != null) {
      process.waitFor(30, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  /** Starts the server again on the same port and data; waits until it takes connections. */
  public void restart() throws IOException, InterruptedException {
    up();
  }

  private void up() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(TestPostgres.prefix(root));
    command.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(), "-p", Integer.toString(port),
        "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
        "-c", "max_connections=100"));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Connection c = DriverManager.getConnection(url("postgres"), "switchboard", null)) {
        return;
      } catch (SQLException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dir.resolve("postgres.log")));
        }
        Thread.sleep(50);
      }
    }
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (IOException e) {
      // removed below all the same
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory; the OS cleans it eventually
      }
    }
  }
}
