package dev.switchboard.server;

import dev.switchboard.workspace.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server instances as child processes ({@link ClusterServeProcess}) on one PostgreSQL database, started together,
 * each killable with SIGKILL. Their logs go to files in a directory, read by {@link Child#log()}.
 */
final class ChildInstances implements AutoCloseable {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String CLASS_PATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

  private final List<Child> children = new ArrayList<>();

  /** One child: its process, URL, instance id and log file. */
  record Child(Process process, URI uri, String instance, Path logFile) {
    String log() {
      try {
        return java.nio.file.Files.readString(logFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Kills the process with SIGKILL (kill -9) and waits for it to end. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Starts children in parallel.
   *
   * @param db the PostgreSQL database
   * @param count how many
   * @param allowedHost the load balancer's Host
   * @param dir where their logs go
   * @param memoryBuckets whether each paces alone (in-memory buckets) instead of sharing
   * @return the children, once each printed its URL
   */
  static ChildInstances start(Database db, int count, String allowedHost, Path dir, boolean memoryBuckets) {
    ChildInstances out = new ChildInstances();
    List<CompletableFuture<Child>> starting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      starting.add(CompletableFuture.supplyAsync(() -> launch(db, allowedHost, dir.resolve("instance-" + n + ".log"), memoryBuckets)));
    }
    try {
      for (CompletableFuture<Child> f : starting) {
        out.children.add(f.join());
      }
    } catch (RuntimeException e) {
      starting.forEach(f -> f.thenAccept(c -> c.process().destroyForcibly()));
      out.close();
      throw e;
    }
    return out;
  }

  private static Child launch(Database db, String allowedHost, Path log, boolean memoryBuckets) {
    List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
        "-cp", CLASS_PATH, ClusterServeProcess.class.getName(), db.jdbcUrl(), db.user().orElseThrow(), allowedHost));
    if (memoryBuckets) {
      command.add("memory");
    }
    try {
      Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String url = out.readLine();
      String instance = out.readLine();
      if (url == null || !url.startsWith("url=") || instance == null || !instance.startsWith("instance=")) {
        p.destroyForcibly();
        throw new IllegalStateException("a child instance did not start: " + java.nio.file.Files.readString(log));
      }
      return new Child(p, URI.create(url.substring(4)), instance.substring(9), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Child> all() {
    return children;
  }

  Child get(int i) {
    return children.get(i);
  }

  List<URI> uris() {
    return children.stream().map(Child::uri).toList();
  }

  @Override
  public void close() {
    for (Child c : children) {
      c.process().destroyForcibly();
    }
    for (Child c : children) {
      try {
        c.process().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
