package dev.switchboard.core.run;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ActionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers that misbehave: slow bodies, cycling cursors, echoed secrets, objects where lists belong; odd tokens. */
class HostileServerTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String AUTH = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";

  @TempDir
  Path dir;

  private Engine engine(String extra, String url, String token) {
    return Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(AUTH, extra), Map.of("list_users", Fixtures.LIST_USERS)),
        url, Map.of("testorg_api_token", token));
  }

  @Test
  void aBodyCutShortIsANetworkErrorThatSaysTheServerAnswered() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        while (!socket.isClosed()) {
          try (java.net.Socket s = socket.accept()) {
            s.getInputStream().read(new byte[8192]);
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"id\":".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
          } catch (java.io.IOException e) {
            // closed at the end of the test
          }
        }
      });
      server.setDaemon(true);
      server.start();
      assertThatThrownBy(() -> engine("retry: {max_attempts: 2, initial_backoff_ms: 1}\n", "http://127.0.0.1:" + socket.getLocalPort(), Fixtures.TOKEN)
          .call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.getMessage()).contains("answered 200 but the connection broke before the body was whole").doesNotContain("cannot reach");
          });
    }
  }

  @Test
  void aBodyThatTricklesInHitsTheRequestTimeout() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write('[');
        out.flush();
        for (int i = 0; i < 30; i++) {
          Thread.sleep(200);
          out.write(' ');
          out.flush();
        }
        out.write(']');
      } catch (Exception e) {
        // the client went away, as it should
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> engine("timeouts: {request_ms: 1000}\nretry: {max_attempts: 1}\n",
          "http://127.0.0.1:" + server.getAddress().getPort(), Fixtures.TOKEN).call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT));
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void cursorsThatCycleAreStopped() throws Exception {
    String[] base = new String[1];
    AtomicInteger calls = new AtomicInteger();
    try (WireServer server = new WireServer(r -> {
      String next = calls.getAndIncrement() % 2 == 0 ? "B" : "A";
      return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
          "Link", List.of("<" + base[0] + "/api/v1/users?after=" + next + ">; rel=\"next\"")), "[]");
    })) {
      base[0] = server.url();
      Engine engine = engine("", server.url(), Fixtures.TOKEN);
      assertThatThrownBy(() -> {
        try (var pages = engine.pages(engine.catalog().require("testorg.list_users"), Map.of())) {
          pages.forEach(p -> { });
        }
      }).hasMessageContaining("repeats a page already read");
      assertThat(server.seen.size()).isLessThan(5);
    }
  }

  @Test
  void aSecretEchoedInASuccessfulBodyOrCursorIsScrubbed() throws Exception {
    String[] base = new String[1];
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
        "Link", List.of("<" + base[0] + "/api/v1/users?after=" + Fixtures.TOKEN + ">; rel=\"next\"")),
        "[{\"id\":\"" + r.header("Authorization") + "\",\"profile\":{\"login\":\"x\"}}]"))) {
      base[0] = server.url();
      ActionResult page = engine("", server.url(), Fixtures.TOKEN).call("testorg.list_users", Map.of());
      assertThat(page.output().toString()).doesNotContain(Fixtures.TOKEN).contains("[REDACTED]");
      assertThat(page.body().toString()).doesNotContain(Fixtures.TOKEN);
      assertThat(page.nextCursor().orElseThrow()).doesNotContain(Fixtures.TOKEN);
    }
  }

  @Test
  void aListActionThatGetsAnObjectSaysSo() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "{\"a\":1}"))) {
      assertThatThrownBy(() -> engine("", server.url(), Fixtures.TOKEN).call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
            assertThat(e.getMessage()).contains("without the list of records").contains("an object");
          });
    }
  }

  @Test
  void aTokenWithCharactersAHeaderCannotCarryIsRefusedWithoutShowingIt() throws Exception {
    for (String token : List.of("tok€nS3cr3tQ", "esc\u001bS3cr3tQ", "del\u007fS3cr3tQ", "日本語S3cr3tQ")) {
      try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "[]"))) {
        assertThatThrownBy(() -> engine("", server.url(), token).call("testorg.list_users", Map.of()))
            .isInstanceOfSatisfying(ActionError.class, e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
              assertThat(e.getMessage()).contains("outside printable ASCII").doesNotContain("S3cr3tQ");
            });
        assertThat(server.seen).isEmpty();
      }
    }
  }

  @Test
  void aHeaderInputOutsideLatin1IsAValidationErrorNamingTheInput() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "{}"))) {
      Engine engine = Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(AUTH, ""), Map.of("get_user", Fixtures.GET_USER)),
          server.url(), Map.of("testorg_api_token", Fixtures.TOKEN));
      assertThatThrownBy(() -> engine.call("testorg.get_user", Map.of("id", F.textNode("x"), "trace", F.textNode("ä€"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
            assertThat(e.field()).contains("trace");
          });
      assertThat(new String("ä".getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)).isEqualTo("ä");
    }
  }

  @Test
  void aPortOutOfRangeIsAConfigurationError() {
    assertThatThrownBy(() -> engine("", "http://127.0.0.1:99999", Fixtures.TOKEN).call("testorg.list_users", Map.of()))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
          assertThat(e.getMessage()).contains("port 99999");
        });
  }
}
