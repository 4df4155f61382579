package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's bytes reach the terminal escaped on every path: data, errors and the --verbose request log. */
class HostileServerOutputTest {
  private static final String ESCAPES = "\u001b]0;owned\u0007\u001b[2J";

  @TempDir
  Path dir;

  /** Serves one fixed response (raw bytes, so headers may hold what a well-behaved server would never send) per connection. */
  private static ServerSocket serve(byte[] response) throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread server = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          InputStream in = s.getInputStream();
          byte[] head = new byte[8192];
          in.read(head);
          s.getOutputStream().write(response);
          s.getOutputStream().flush();
        } catch (IOException e) {
          // closed at the end of the test
        }
      }
    });
    server.setDaemon(true);
    server.start();
    return socket;
  }

  private Path connector() throws IOException {
    Path c = dir.resolve("defs/wild");
    Files.createDirectories(c.resolve("actions"));
    Files.writeString(c.resolve("connector.yaml"), """
        name: wild
        title: Wild
        base_url: "{{config.url}}"
        config:
          url: {env: WILD_URL}
        auth: {type: api_key, placement: header, header: Authorization, format: "Key {{secret}}", secret: wild_api_key}
        request_id_header: X-Okta-Request-Id
        """);
    Files.writeString(c.resolve("actions/get_thing.yaml"), """
        description: Gets a thing.
        method: GET
        path: /things/1
        """);
    return dir.resolve("defs");
  }

  @Test
  void verboseShowsTheEscapeSequencesOfAResponseHeaderEscaped() throws Exception {
    byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Okta-Request-Id: " + ESCAPES
        + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1);
    try (ServerSocket server = serve(response)) {
      CliTest.Outcome o = CliTest.run(Map.of("SWITCHBOARD_DEFS", connector().toString(),
          "WILD_URL", "http://127.0.0.1:" + server.getLocalPort(), "WILD_API_KEY", "wild-key-0123456789"),
          "run", "wild.get_thing", "--verbose");
      assertThat(o.code()).isZero();
      assertThat(o.err()).contains("request id \\u001b]0;owned\\u0007\\u001b[2J").doesNotContain("\u001b");
      assertThat(o.out()).doesNotContain("\u001b");
    }
  }
}
