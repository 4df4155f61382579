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

/** The HttpClient transport's own bookkeeping. */
class HttpClientTransportTest {
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
      HttpClientTransport transport = new HttpClientTransport(Duration.ofSeconds(5), Duration.ofSeconds(30), 100_000);
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
      HttpClientTransport transport = new HttpClientTransport();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      for (int i = 0; i < 5; i++) {
        Response response = transport.send(new Request("GET", uri, Map.of(), new byte[0]), Duration.ofSeconds(30));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
      }
      assertThat(HttpClientTransport.pendingDeadlines()).as("deadlines of bodies already read").isZero();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void atExitTheSelectorThreadsOfItsClientsAreStopped() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      HttpClientTransport transport = new HttpClientTransport();
      transport.send(new Request("GET", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Map.of(),
          new byte[0]), Duration.ofSeconds(30));
      String name = "HttpClient-" + transport.client().toString().replaceAll(".*\\((\\d+)\\)$", "$1") + "-SelectorManager";
      assertThat(selectorRunning(name)).isTrue();
      assertThat(HttpClientsAtExit.stop(List.of(transport.client()))).isEqualTo(1);
      assertThat(selectorRunning(name)).as("the selector thread runs on").isFalse();
    } finally {
      server.stop(0);
    }
  }

  private static boolean selectorRunning(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
  }
}
