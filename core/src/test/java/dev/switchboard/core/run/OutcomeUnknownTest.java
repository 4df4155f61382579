package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call that changes something and cannot be repeated safely (POST, PATCH, or any action not declared idempotent)
 * whose exchange broke after the request may have reached the server has an unknown outcome: it is reported so, and
 * never as retryable, since a retry could do it twice (create the user twice).
 */
class OutcomeUnknownTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String AUTH = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";
  private static final String CREATE_USER = """
      description: Creates a user.
      method: POST
      path: /api/v1/users
      body: {profile: {login: "{{login}}"}}
      inputs:
        login: {type: string, required: true}
      """;

  @TempDir
  Path dir;

  private Engine engine(String url) {
    return Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(AUTH, "retry: {max_attempts: 3, initial_backoff_ms: 1}\n"),
        Map.of("create_user", CREATE_USER, "get_user", Fixtures.GET_USER)), url, Map.of("testorg_api_token", Fixtures.TOKEN));
  }

  /** A server that reads each request, writes {@code partial} (possibly nothing) and resets the connection. */
  private static final class ResettingServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger requests = new AtomicInteger();

    ResettingServer(String partial) throws IOException {
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket s = socket.accept();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[16384];
            int n = in.read(buffer);
            if (n > 0) {
              requests.incrementAndGet();
            }
            s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoLinger(true, 0);
            s.close();
          } catch (IOException e) {
            // closed at the end of the test
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aPostWhoseConnectionIsResetBeforeTheResponseHasAnUnknownOutcomeAndIsNotRetryable() throws Exception {
    try (ResettingServer server = new ResettingServer("")) {
      assertThatThrownBy(() -> engine(server.url()).call("testorg.create_user", Map.of("login", F.textNode("ada@example.com"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("outcome unknown").contains("check").contains("before retrying");
          });
      assertThat(server.requests.get()).as("requests the server received").isEqualTo(1);
    }
  }

  @Test
  void aPostWhoseResponseBreaksOffHasAnUnknownOutcomeAndIsNotRetryable() throws Exception {
    try (ResettingServer server = new ResettingServer(
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":\"00u1\",")) {
      assertThatThrownBy(() -> engine(server.url()).call("testorg.create_user", Map.of("login", F.textNode("ada@example.com"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.status()).isEqualTo(201);
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("answered 201").contains("outcome unknown");
          });
      assertThat(server.requests.get()).isEqualTo(1);
    }
  }

  @Test
  void aPostAGatewayTimedOutHasAnUnknownOutcome() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(504, "{\"error\":\"gateway_timeout\"}"))) {
      assertThatThrownBy(() -> engine(server.url()).call("testorg.create_user", Map.of("login", F.textNode("ada@example.com"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.retryable()).isFalse();
          });
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void aPostTheServerRefusedAsUnavailableWasNotDoneAndMayBeRetried() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(503, "{\"error\":\"unavailable\"}"))) {
      assertThatThrownBy(() -> engine(server.url()).call("testorg.create_user", Map.of("login", F.textNode("ada@example.com"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.outcomeUnknown()).isFalse();
            assertThat(e.retryable()).isTrue();
          });
    }
  }

  @Test
  void aPostThatCouldNotConnectWasNotSentAndMayBeRetried() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertThatThrownBy(() -> engine("http://127.0.0.1:" + port).call("testorg.create_user", Map.of("login", F.textNode("ada@example.com"))))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
          assertThat(e.outcomeUnknown()).isFalse();
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).doesNotContain("outcome unknown");
        });
  }

  @Test
  void aGetWhoseConnectionIsResetIsRetryableAsBefore() throws Exception {
    try (ResettingServer server = new ResettingServer("")) {
      assertThatThrownBy(() -> engine(server.url()).call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
            assertThat(e.outcomeUnknown()).isFalse();
            assertThat(e.retryable()).isTrue();
          });
      assertThat(server.requests.get()).as("attempts of an idempotent call").isEqualTo(3);
    }
  }
}
