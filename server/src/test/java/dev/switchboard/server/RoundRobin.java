package dev.switchboard.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (Debian's {@code haproxy} package; {@code .ci/run} installs it) in front of server instances, as a deployment
 * puts a load balancer in front: HTTP mode, round robin per request, health checks on {@code GET /health} every
 * 500 ms (an instance whose check fails twice is taken out), a request whose connection fails sent to another
 * instance. Listens on a free loopback port; stopped when closed.
 */
final class RoundRobin implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private RoundRobin(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Writes the configuration and starts HAProxy.
   *
   * @param port the port to listen on (from {@link #freePort()}, so that instances can allow it as Host first)
   * @param instances the instances' base URLs
   * @return the running balancer
   * @throws IllegalStateException when HAProxy is not installed, naming the package
   */
  static RoundRobin start(int port, List<URI> instances) throws IOException, InterruptedException {
    Path haproxy = Path.of("/usr/sbin/haproxy");
    if (!Files.isExecutable(haproxy)) {
      throw new IllegalStateException("the cluster tests need HAProxy: apt-get install -y haproxy (.ci/run does it)");
    }
    Path dir = Files.createTempDirectory("switchboard-haproxy");
    StringBuilder cfg = new StringBuilder("""
        global
          maxconn 512
        defaults
          mode http
          timeout connect 2s
          timeout check 3s
          timeout client 120s
          timeout server 120s
          retries 3
          option redispatch
        frontend switchboard
        """);
    cfg.append("  bind 127.0.0.1:").append(port).append('\n');
    cfg.append("""
          default_backend instances
        backend instances
          balance roundrobin
          option httpchk GET /health
          http-check expect status 200
        """);
    for (int i = 0; i < instances.size(); i++) {
      URI u = instances.get(i);
      cfg.append("  server s").append(i + 1).append(' ').append(u.getHost()).append(':').append(u.getPort())
          .append(" check inter 500 fall 2 rise 2\n");
    }
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, cfg);
    Process p = new ProcessBuilder(haproxy.toString(), "-db", "-f", file.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        break;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          p.destroyForcibly();
          throw new IllegalStateException("HAProxy did not start: " + Files.readString(dir.resolve("haproxy.log")));
        }
        Thread.sleep(50);
      }
    }
    // Every server is checked up before the first request: on a loaded machine a first /health may be slow.
    HttpClient client = HttpClient.newHttpClient();
    for (URI u : instances) {
      while (true) {
        int status;
        try {
          status = client.send(HttpRequest.newBuilder(u.resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
          status = 0;
        }
        if (status == 200) {
          break;
        }
        if (System.nanoTime() > deadline) {
          p.destroyForcibly();
          throw new IllegalStateException(u + "/health did not answer 200 within 20 s");
        }
        Thread.sleep(50);
      }
    }
    return new RoundRobin(p, port, dir);
  }

  /** {@return a free loopback port} */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@return the balancer's base URL} */
  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** {@return what HAProxy logged} */
  String log() throws IOException {
    return Files.readString(dir.resolve("haproxy.log"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }
}
