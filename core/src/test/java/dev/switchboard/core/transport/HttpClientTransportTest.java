package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

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
  void aBodyReadInTimeLeavesNoDeadlineBehind() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      HttpClientTransport transport = new HttpClientTransport();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      for (int i = 0; i < 50; i++) {
        Response response = transport.send(new Request("GET", uri, Map.of("Accept", List.of("application/json")), new byte[0]),
            Duration.ofSeconds(30));
        assertThat(response.status()).isEqualTo(200);
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
