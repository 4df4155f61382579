package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.definition.TransportSettings;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that accepts a connection and never answers: the call ends after a wait a user accepts, and the error
 * names the whole wait (attempts, each one's limit, the time in all, the call's budget), not only one request's limit.
 */
class SilentServerTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String AUTH = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";

  @TempDir
  Path dir;

  /** Accepts connections, reads what comes, never writes; counts the requests it received. */
  private static final class SilentServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentServer() throws IOException {
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket s = socket.accept();
            held.add(s);
            if (s.getInputStream().read(new byte[16384]) > 0) {
              requests.incrementAndGet();
            }
          } catch (IOException e) {
            // closed at the end of the test
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aSilentServerIsAskedTwiceAtMostAndTheErrorNamesTheWholeWait() throws Exception {
    try (SilentServer server = new SilentServer()) {
      Engine engine = Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(AUTH, "timeouts: {request_ms: 300, call_ms: 20000}\n"),
          Map.of("get_user", Fixtures.GET_USER)), "http://127.0.0.1:" + server.socket.getLocalPort(),
          Map.of("testorg_api_token", Fixtures.TOKEN));
      assertThatThrownBy(() -> engine.call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(e.getMessage()).contains("2 attempts").contains("300 ms each").contains("in all")
                .contains("timeouts.request_ms").contains("timeouts.call_ms");
          });
      assertThat(server.requests.get()).as("requests the silent server received").isEqualTo(2);
    }
  }

  @Test
  void theDefaultsLetASilentServerHoldACallForUnderAMinute() {
    TransportSettings d = TransportSettings.DEFAULT;
    Duration worst = d.requestTimeout().multipliedBy(2).plus(d.retry().initialBackoff().multipliedBy(2));
    assertThat(worst).as("two attempts and a backoff").isLessThan(Duration.ofSeconds(60));
    assertThat(d.callTimeout()).as("the call's budget, rate-limit waits included").isLessThanOrEqualTo(Duration.ofSeconds(60))
        .isGreaterThan(worst);
  }
}
