package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server told to stop while a call is in flight (SIGTERM in a rolling restart) stops accepting at once and still
 * answers that call: its client gets the result, rather than a cut connection (a 502 at the balancer, for a call
 * that was done upstream).
 */
class GracefulStopTest {
  @TempDir
  Path dir;

  @Test
  void aCallInFlightIsAnsweredWhileTheServerStops() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/api/v1/users", exchange -> {
      arrived.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = "[{\"id\": \"00u1\"}]".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    upstream.start();
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(Database.Kind.SQLITE, dir), TestDatabases.key()).open()) {
      String admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
      SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of())).build().start();
      ApiClient api = new ApiClient(server.uri(), admin);
      api.post("/api/connectors", Map.of("name", "acme", "yaml", DoneWhenTest.CONNECTOR, "settings",
          Map.of("org_url", "http://127.0.0.1:" + upstream.getAddress().getPort())));
      api.put("/api/connectors/acme/credentials/api_token", Map.of("value", "a-token-of-some-length"));
      assertThat(api.put("/api/connectors/acme/actions/list_users", Map.of("yaml", DoneWhenTest.LIST_USERS, "base_version", 0))
          .status()).isEqualTo(201);

      CompletableFuture<ApiClient.Answer> call = CompletableFuture.supplyAsync(() ->
          api.post("/api/connectors/acme/actions/list_users/test", Map.of("inputs", Map.of())));
      assertThat(arrived.await(30, TimeUnit.SECONDS)).as("the call reached the upstream").isTrue();
      Thread stopping = new Thread(server::close);
      stopping.start();
      awaitRefused(server.port());
      release.countDown();

      ApiClient.Answer answer = call.get(30, TimeUnit.SECONDS);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().path("outcome").asText()).isEqualTo("ok");
      stopping.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(stopping.isAlive()).isFalse();
    } finally {
      release.countDown();
      upstream.stop(0);
    }
  }

  /** Returns once the port refuses connections: the server has begun to stop. */
  private static void awaitRefused(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        Thread.onSpinWait();
      } catch (ConnectException e) {
        return;
      } catch (IOException e) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the server still accepts connections 30 s after it was told to stop");
  }
}
