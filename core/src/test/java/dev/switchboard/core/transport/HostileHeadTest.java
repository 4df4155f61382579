package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A response head (status line and header fields) is capped in all, not only per line and per field count. */
class HostileHeadTest {
  /** Serves one response per connection: {@code head} written in 64 KB writes, then an empty JSON body. */
  private static ServerSocket serve(String head) throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread server = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          s.getInputStream().read(new byte[16384]);
          byte[] bytes = (head + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < bytes.length; i += 65536) {
            s.getOutputStream().write(bytes, i, Math.min(65536, bytes.length - i));
          }
          s.getOutputStream().flush();
        } catch (IOException e) {
          // the client hung up, as it should for an oversized head
        }
      }
    });
    server.setDaemon(true);
    server.start();
    return socket;
  }

  private static Response get(ServerSocket server) throws Exception {
    try (ApacheHttpTransport transport = new ApacheHttpTransport()) {
      return transport.send(new Request("GET", URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), Map.of(),
          new byte[0]), Duration.ofSeconds(20));
    }
  }

  @Test
  void nineHundredNinetyHeaderFieldsOfSixtyKilobytesEachAreRefusedAsAMalformedResponse() throws Exception {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    String value = "v".repeat(60_000);
    for (int i = 0; i < 990; i++) {
      head.append("X-Pad-").append(i).append(": ").append(value).append("\r\n");
    }
    try (ServerSocket server = serve(head.toString())) {
      assertThatThrownBy(() -> get(server)).isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("response head");
    }
  }

  @Test
  void anOrdinaryLargeHeadIsRead() throws Exception {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Security-Policy: ").append("a".repeat(40_000)).append("\r\n");
    for (int i = 0; i < 200; i++) {
      head.append("Link: <https://example.com/api/v1/users?after=").append(i).append(">; rel=\"next\"\r\n");
    }
    try (ServerSocket server = serve(head.toString())) {
      assertThat(get(server).status()).isEqualTo(200);
    }
  }
}
