package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.Run;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances in one JVM on one PostgreSQL database (issue 15): an edit on one reaches the others through
 * LISTEN/NOTIFY, an MCP session and a confirmation token continue on another instance, a dead instance's runs are
 * marked interrupted, /health needs no key, and instances listing one rate-limited org together pace as one client.
 */
class ClusterTest {
  @TempDir
  Path dir;

  /** Creates connector {@code org} from the Okta pack against a sandbox, with its token; returns nothing. */
  static void connect(ApiClient api, OktaSandbox sandbox) {
    ApiClient.Answer created = api.post("/api/connectors", Map.of("name", "org", "pack", "okta", "settings",
        Map.of("org_url", sandbox.orgUrl().toString())));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ApiClient.Answer token = api.put("/api/connectors/org/credentials/okta_api_token", Map.of("value",
        sandbox.createApiToken("cluster test")));
    assertThat(token.status()).as(token.body()).isIn(200, 201);
  }

  static Set<String> toolNames(McpWire mcp, java.net.URI server) {
    McpWire.Answer a = mcp.send(server, "tools/list", "{}");
    assertThat(a.status()).isEqualTo(200);
    Set<String> names = new HashSet<>();
    a.message().path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  @Test
  void anEditOnOneInstanceReachesTheOtherAtOnceThroughNotify() throws Exception {
    Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
    try (Nodes nodes = Nodes.start(db, 2, b -> b)) {
      Nodes.Node a = nodes.get(0);
      Nodes.Node b = nodes.get(1);
      McpWire mcp = new McpWire(Nodes.ADMIN).open(b.uri());
      assertThat(toolNames(mcp, b.uri())).contains("okta_list_users").doesNotContain("okta_ping");
      String yaml = "name: ping\ndescription: Reads the org's own user.\nmethod: GET\npath: /api/v1/users/me\n";
      long saved = System.nanoTime();
      assertThat(a.api().put("/api/connectors/okta/actions/ping", Map.of("yaml", yaml, "base_version", 0)).status()).isEqualTo(201);
      long seen = 0;
      while (System.nanoTime() - saved < Duration.ofSeconds(20).toNanos()) {
        if (toolNames(mcp, b.uri()).contains("okta_ping")) {
          seen = System.nanoTime();
          break;
        }
        Thread.sleep(20);
      }
      assertThat(seen).as("the other instance lists the new tool").isPositive();
      // The fallback poll runs every 30 s: a change seen well before it came by notification.
      assertThat(Duration.ofNanos(seen - saved)).as("seen through LISTEN/NOTIFY, not the fallback poll")
          .isLessThan(Duration.ofMillis(SwitchboardServer.FALLBACK_RELOAD_MS / 3));
      // A revoked key stops working on the other instance too (keys are read per request).
      String agent = a.api().post("/api/keys", Map.of("name", "bot", "role", "agent")).json().path("key").asText();
      assertThat(new ApiClient(b.uri(), agent).get("/api/runs").status()).isEqualTo(403);
      a.api().delete("/api/keys/bot");
      assertThat(new ApiClient(b.uri(), agent).get("/api/runs").status()).isEqualTo(401);
    }
  }

  @Test
  void anMcpSessionAndAConfirmationContinueOnAnotherInstance() throws Exception {
    Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(120).seed(5).build();
        Nodes nodes = Nodes.start(db, 2, b -> b)) {
      sandbox.start();
      Nodes.Node a = nodes.get(0);
      Nodes.Node b = nodes.get(1);
      connect(a.api(), sandbox);
      McpWire mcp = new McpWire(Nodes.ADMIN).open(a.uri());
      assertThat(toolNames(mcp, b.uri())).as("the session opened on a is known on b").contains("org_list_users");
      Set<String> logins = new HashSet<>();
      JsonNode page = mcp.callTool(b.uri(), "org_list_users", "{}");
      page.path("items").forEach(u -> logins.add(u.path("login").asText()));
      String cursor = page.path("next_cursor").asText();
      assertThat(cursor).isNotEmpty();
      JsonNode next = mcp.callTool(a.uri(), "org_list_users", "{\"next_cursor\":\"" + cursor + "\"}");
      next.path("items").forEach(u -> logins.add(u.path("login").asText()));
      assertThat(logins).as("two pages of 50 from two instances, no repeats").hasSize(100);

      String group = sandbox.createGroup("Doomed", "deleted across instances");
      int groups = sandbox.groupCount();
      JsonNode preview = mcp.callTool(a.uri(), "org_delete_group", "{\"group_id\":\"" + group + "\"}");
      String token = preview.path("confirmation").path("token").asText();
      assertThat(token).startsWith("sbc_");
      assertThat(sandbox.groupCount()).isEqualTo(groups);
      JsonNode done = mcp.callTool(b.uri(), "org_delete_group", "{\"group_id\":\"" + group + "\",\"confirmation_token\":\"" + token + "\"}");
      assertThat(done.has("error")).as(done.toString()).isFalse();
      assertThat(sandbox.groupCount()).isEqualTo(groups - 1);

      McpWire.Answer unknown = new McpWire(Nodes.ADMIN).send(b.uri(), "tools/list", "{}");
      assertThat(unknown.status()).as("no session id: the transport asks for initialize").isIn(400, 404);
      String other = a.api().post("/api/keys", Map.of("name", "other", "role", "agent")).json().path("key").asText();
      assertThat(new McpWireWithSession(other, mcp.session()).send(b.uri(), "tools/list", "{}").status())
          .as("another key cannot take the session up").isEqualTo(404);
    }
  }

  /** A wire client that sends a session id it was given. */
  private static final class McpWireWithSession {
    private final String key;
    private final String session;

    McpWireWithSession(String key, String session) {
      this.key = key;
      this.session = session;
    }

    McpWire.Answer send(java.net.URI server, String method, String params) {
      try {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
            .newBuilder(server.resolve("/mcp")).header("Authorization", "Bearer " + key).header("Mcp-Session-Id", session)
            .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                + "\",\"params\":" + params + "}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new McpWire.Answer(r.statusCode(), null);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void theRunsOfAnInstanceThatStoppedRenewingItsLeaseAreMarkedInterrupted() throws Exception {
    Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
    try (Nodes nodes = Nodes.start(db, 1, b -> b)) {
      Nodes.Node a = nodes.get(0);
      Jdbi jdbi = Jdbi.create(a.workspace().dataSource());
      long now = System.currentTimeMillis();
      jdbi.useHandle(h -> {
        h.execute("INSERT INTO server_instance (id, label, started_at, heartbeat_at, lease_until) VALUES ('inst_gone', 'gone/1', ?, ?, ?)",
            now - 60_000, now - 30_000, now - 25_000);
        h.execute("INSERT INTO run (id, started_at, connector, action, caller, channel, inputs, outcome, exchanges, output_truncated,"
            + " duration_ms, instance) VALUES ('run_left', ?, 'okta', 'list_users', 'agent', 'mcp', '{}', 'running', '[]', 0, 0, 'inst_gone')",
            now - 40_000);
      });
      String outcome = "";
      for (int i = 0; i < 200 && !outcome.equals(Run.INTERRUPTED); i++) {
        Thread.sleep(50);
        outcome = a.api().get("/api/runs/run_left").json().path("outcome").asText();
      }
      assertThat(outcome).isEqualTo(Run.INTERRUPTED);
      assertThat(a.api().get("/api/runs/run_left").json().path("error_message").asText()).contains("stopped");
      assertThat(a.api().get("/api/runs?outcome=interrupted").json().path("items")).hasSize(1);
      assertThat(a.log()).contains("gone/1 stopped renewing their lease");
      JsonNode instances = a.api().get("/api/instances").json();
      assertThat(instances.path("items")).hasSize(1);
      assertThat(instances.path("items").get(0).path("self").asBoolean()).isTrue();
    }
  }

  @Test
  void healthNeedsNoKeyAndTellsNothingSecret() {
    Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
    try (Nodes nodes = Nodes.start(db, 1, b -> b)) {
      ApiClient.Answer health = new ApiClient(nodes.get(0).uri(), null).get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("ok");
      assertThat(health.json().path("database").asText()).isEqualTo("reachable");
      assertThat(health.body()).doesNotContain("jdbc").doesNotContain("postgres").doesNotContain(db.user().orElse("switchboard"));
      assertThat(new ApiClient(nodes.get(0).uri(), null).get("/api/instances").status()).isEqualTo(401);
    }
  }

  @Test
  void threeInstancesListingOneRateLimitedOrgPaceAsOneClient() throws Exception {
    Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
    AtomicInteger tooMany = new AtomicInteger();
    AtomicInteger listed = new AtomicInteger();
    // A window of 20 requests per 2 s; three listings of 12 pages each (600 users, 50 a page): 36 requests, 2 waits.
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(600).seed(11).mixedStatuses(false).rateLimit("/api/v1/users", 20)
            .rateLimitWindow(Duration.ofSeconds(2)).observer(e -> {
              if (e.path().equals("/api/v1/users")) {
                listed.incrementAndGet();
                if (e.status() == 429) {
                  tooMany.incrementAndGet();
                }
              }
            }).build();
        Nodes nodes = Nodes.start(db, 3, b -> b)) {
      sandbox.start();
      connect(nodes.get(0).api(), sandbox);
      for (Nodes.Node n : nodes.all()) {
        waitForTool(n.uri(), "org_list_users");
      }
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Integer>> listings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          Nodes.Node home = nodes.get(i);
          listings.add(pool.submit(() -> {
            McpWire mcp = new McpWire(Nodes.ADMIN).open(home.uri());
            int users = 0;
            String cursor = null;
            for (int p = 0; p < 3 * 12; p++) {
              JsonNode page = mcp.callTool(nodes.get(p % 3).uri(), "org_list_users", cursor == null ? "{}" : "{\"next_cursor\":\"" + cursor + "\"}");
              assertThat(page.has("error")).as(page.toString()).isFalse();
              users += page.path("items").size();
              cursor = page.path("next_cursor").asText("");
              if (cursor.isEmpty()) {
                break;
              }
            }
            return users;
          }));
        }
        for (Future<Integer> f : listings) {
          assertThat(f.get()).isEqualTo(sandbox.userCount());
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(listed.get()).as("every page was requested").isGreaterThanOrEqualTo(36);
      assertThat(tooMany.get()).as("429s the sandbox answered").isZero();
      long asked = 0;
      for (Nodes.Node n : nodes.all()) {
        Map<String, Long> trips = n.server().instance().roundTrips().snapshot();
        assertThat(trips.get("bucket_grants")).as("each instance asked the shared bucket").isPositive();
        asked += trips.get("bucket_grants") + trips.get("bucket_waits");
      }
      // A lease serves at most a tenth of the window (2 of 20) without asking; waiting calls of one instance ask
      // once between them.
      assertThat(asked).as("statements asking for requests, for 36 pages").isGreaterThanOrEqualTo(18);
    }
  }

  static void waitForTool(java.net.URI server, String tool) throws InterruptedException {
    McpWire mcp = new McpWire(Nodes.ADMIN).open(server);
    for (int i = 0; i < 400; i++) {
      if (toolNames(mcp, server).contains(tool)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(server + " never listed " + tool);
  }

  @Test
  void aSingleInstanceOnSqliteKeepsItsBucketsInMemory() {
    Database db = TestDatabases.fresh(Database.Kind.SQLITE, dir);
    try (Nodes nodes = Nodes.start(db, 1, b -> b)) {
      assertThat(nodes.get(0).server().instance().rateLimits()).isSameAs(dev.switchboard.core.ratelimit.RateLimitStore.IN_MEMORY);
      assertThat(new ApiClient(nodes.get(0).uri(), null).get("/health").status()).isEqualTo(200);
    }
  }
}
