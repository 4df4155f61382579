package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.workspace.RestartablePostgres;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarts under two instances: each notices (its log, /health 503 for the load balancer), reconnects by
 * itself (its log, /health 200), listens for changes again, and serves requests again without being restarted.
 */
class PostgresRestartTest {
  @Test
  void theInstancesReconnectByThemselvesAndSaySo() throws Exception {
    try (RestartablePostgres pg = RestartablePostgres.start(); Nodes nodes = Nodes.start(pg.database(), 2, b -> b)) {
      Nodes.Node a = nodes.get(0);
      Nodes.Node b = nodes.get(1);
      for (Nodes.Node n : nodes.all()) {
        assertThat(health(n)).isEqualTo(200);
      }
      pg.stop();
      for (Nodes.Node n : nodes.all()) {
        await("/health says 503 while the database is down", () -> health(n) == 503);
        assertThat(n.log()).contains("lost the database");
      }
      assertThat(new ApiClient(a.uri(), null).get("/health").json().path("database").asText()).isEqualTo("unreachable");
      pg.restart();
      for (Nodes.Node n : nodes.all()) {
        await("/health says 200 once the database is back", () -> health(n) == 200);
        assertThat(n.log()).contains("reconnected to the database after");
      }
      assertThat(b.api().get("/api/connectors").status()).as("the pool reconnected too").isEqualTo(200);
      McpWire mcp = new McpWire(Nodes.ADMIN).open(b.uri());
      String yaml = "name: ping\ndescription: Reads the org's own user.\nmethod: GET\npath: /api/v1/users/me\n";
      assertThat(a.api().put("/api/connectors/okta/actions/ping", Map.of("yaml", yaml, "base_version", 0)).status()).isEqualTo(201);
      long start = System.nanoTime();
      await("the other instance hears of the edit again", () -> ClusterTest.toolNames(mcp, b.uri()).contains("okta_ping"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("by notification, not the 30 s fallback poll")
          .isLessThan(Duration.ofMillis(SwitchboardServer.FALLBACK_RELOAD_MS / 3));
    }
  }

  private static int health(Nodes.Node n) {
    return new ApiClient(n.uri(), null).get("/health").status();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(50);
    }
  }
}
