package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Apache HttpClient transport: its cap, bookkeeping, connection reuse and the bytes it sends. */
class ApacheHttpTransportTest {
  @Test
  void aBodyOverTheCapFailsWithoutBeingReadToTheEnd() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0); // chunked, no length to refuse up front
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 1024; i++) { // 64 MB if nobody stops reading
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (java.io.IOException e) {
        // the client hung up, as it should
      }
    });
    server.start();
    try {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(30), 100_000);
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      assertThatThrownBy(() -> transport.send(new Request("GET", uri, Map.of(), new byte[0]), Duration.ofSeconds(30)))
          .isInstanceOf(ResponseTooLargeException.class);
      Thread.sleep(200);
      assertThat(written.get()).as("bytes the server managed to write").isLessThan(64L * 1024 * 1024);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBodyReadInTimeComesBackWholeAndLeavesNoDeadlineBehind() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = new byte[300_000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) ('a' + i % 26);
    }
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < body.length; i += 7_001) {
          out.write(body, i, Math.min(7_001, body.length - i));
          out.flush();
        }
      }
    });
    server.start();
    try {
      ApacheHttpTransport transport = new ApacheHttpTransport();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      for (int i = 0; i < 5; i++) {
        Response response = transport.send(new Request("GET", uri, Map.of(), new byte[0]), Duration.ofSeconds(30));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
      }
      assertThat(ApacheHttpTransport.pendingDeadlines()).as("deadlines of bodies already read").isZero();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void connectionsAreKeptAliveAndReused() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    server.createContext("/", exchange -> {
      clientPorts.add(exchange.getRemoteAddress().getPort());
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      ApacheHttpTransport transport = new ApacheHttpTransport();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      for (int i = 0; i < 10; i++) {
        assertThat(transport.send(new Request("GET", uri, Map.of(), new byte[0]), Duration.ofSeconds(30)).body()).hasSize(2);
      }
      assertThat(clientPorts).as("client ports seen by the server for 10 sequential calls").hasSize(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theRequestArrivesAsRenderedWithNoRewriting() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.createContext("/", exchange -> {
      byte[] in = exchange.getRequestBody().readAllBytes();
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery()
          + " length=" + exchange.getRequestHeaders().getFirst("Content-Length") + " x=" + exchange.getRequestHeaders().getFirst("X-Test")
          + " body=" + new String(in, StandardCharsets.UTF_8) + " accept-encoding=" + exchange.getRequestHeaders().getFirst("Accept-Encoding"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      ApacheHttpTransport transport = new ApacheHttpTransport();
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      URI tricky = URI.create(base + "/api/v1/users/a%2Fb%2E%2E/x%20y?q=a%26b%3Dc&filter=status%20eq%20%22ACTIVE%22");
      Response r = transport.send(new Request("GET", tricky, Map.of("X-Test", List.of("1")), new byte[0]), Duration.ofSeconds(30));
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.body()).isEmpty();
      transport.send(new Request("POST", URI.create(base + "/lifecycle/deactivate"), Map.of(), new byte[0]), Duration.ofSeconds(30));
      transport.send(new Request("PUT", URI.create(base + "/u"), Map.of("Content-Type", List.of("application/json")),
          "{\"a\":1}".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(30));
      assertThat(seen).containsExactly(
          "GET /api/v1/users/a%2Fb%2E%2E/x%20y?q=a%26b%3Dc&filter=status%20eq%20%22ACTIVE%22 length=null x=1 body= accept-encoding=null",
          "POST /lifecycle/deactivate?null length=0 x=null body= accept-encoding=null",
          "PUT /u?null length=7 x=null body={\"a\":1} accept-encoding=null");
      assertThatThrownBy(() -> transport.send(new Request("GET", tricky, Map.of("Host", List.of("evil.example")), new byte[0]),
          Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anInterruptWhileWaitingForTheHeadersEndsTheCallWithInterruptedException() throws Exception {
    try (TransportFaultsTest.RawServer server = new TransportFaultsTest.RawServer((line, s, out) -> Thread.sleep(20_000))) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(10), 100_000);
      java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          transport.send(TransportFaultsTest.get(server.uri("/")), Duration.ofSeconds(10));
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      caller.start();
      Thread.sleep(300);
      long start = System.nanoTime();
      caller.interrupt();
      caller.join(5_000);
      assertThat(caller.isAlive()).isFalse();
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms from the interrupt to the call's end").isLessThan(2_000);
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }
  }
}
