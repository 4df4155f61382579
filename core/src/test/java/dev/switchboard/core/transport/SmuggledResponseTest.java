package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A response that carries more bytes than it declares (a body longer than its Content-Length, bytes after a 204 or
 * after the last chunk) must not poison the kept-alive connection: the bytes left over would be read as the next
 * call's response. Such a connection is closed, and the next call gets a fresh one.
 */
class SmuggledResponseTest {
  private static final String SMUGGLED = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"n\":\"smuggled\"}";

  /** A keep-alive server: the first response on the first connection is {@code first}; every other is {"n":"ok"}. */
  private static final class Server implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger responses = new AtomicInteger();

    Server(String first) throws IOException {
      Thread accept = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket s = socket.accept();
            connections.incrementAndGet();
            Thread t = new Thread(() -> serve(s, first));
            t.setDaemon(true);
            t.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      accept.setDaemon(true);
      accept.start();
    }

    private void serve(Socket s, String first) {
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        while (readHead(in)) {
          String answer = responses.getAndIncrement() == 0 ? first
              : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"n\":\"ok\"}";
          out.write(answer.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException e) {
        // the client closed the connection
      }
    }

    /** Reads one request head; false at the end of the stream. */
    private static boolean readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        head.write(c);
        if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
          return true;
        }
      }
      return false;
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/x");
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String body(Response response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static void assertNextCallIsNotPoisoned(String first, String firstBody) throws Exception {
    try (Server server = new Server(first)) {
      ApacheHttpTransport transport = new ApacheHttpTransport();
      Response one = transport.send(new Request("GET", server.uri(), Map.of(), new byte[0]), Duration.ofSeconds(10));
      assertThat(body(one)).isEqualTo(firstBody);
      Response two = transport.send(new Request("GET", server.uri(), Map.of(), new byte[0]), Duration.ofSeconds(10));
      assertThat(body(two)).isEqualTo("{\"n\":\"ok\"}");
      assertThat(server.connections.get()).as("connections opened").isEqualTo(2);
    }
  }

  @Test
  void aBodyLongerThanItsContentLengthClosesTheConnection() throws Exception {
    assertNextCallIsNotPoisoned("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"n\":\"1\"}" + SMUGGLED,
        "{\"n\":\"1\"}");
  }

  @Test
  void bytesAfterA204CloseTheConnection() throws Exception {
    assertNextCallIsNotPoisoned("HTTP/1.1 204 No Content\r\n\r\n" + SMUGGLED, "");
  }

  @Test
  void bytesAfterTheLastChunkCloseTheConnection() throws Exception {
    assertNextCallIsNotPoisoned("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "9\r\n{\"n\":\"1\"}\r\n0\r\n\r\n" + SMUGGLED, "{\"n\":\"1\"}");
  }

  @Test
  void aWellBehavedServerKeepsOneConnection() throws Exception {
    try (Server server = new Server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"n\":\"1\"}")) {
      ApacheHttpTransport transport = new ApacheHttpTransport();
      for (int i = 0; i < 5; i++) {
        transport.send(new Request("GET", server.uri(), Map.of(), new byte[0]), Duration.ofSeconds(10));
      }
      assertThat(server.connections.get()).as("connections opened").isEqualTo(1);
    }
  }
}
