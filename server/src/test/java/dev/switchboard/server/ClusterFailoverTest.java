package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.sandbox.faults.Faults;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Run;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code serve} processes on one PostgreSQL behind HAProxy (round robin per request): REST, an MCP session and a
 * confirmation token work whichever instance gets each request; one instance is killed with SIGKILL while a listing
 * and saves go through the balancer and while it runs a call of its own: the listing ends with every user once, no
 * acknowledged save is lost, and the dead instance's run is marked interrupted instead of staying running.
 */
class ClusterFailoverTest {
  @TempDir
  Path dir;

  @Test
  void anyInstanceServesAnyRequestAndAKilledOneLosesNothing() throws Exception {
    Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
    int port = RoundRobin.freePort();
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(1000).seed(9).mixedStatuses(false)
            .faults(Faults.NONE.withLatency(Duration.ofMillis(300))).build();
        ChildInstances children = ChildInstances.start(db, 3, "127.0.0.1:" + port, dir, false);
        RoundRobin lb = RoundRobin.start(port, children.uris());
        Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
      sandbox.start();
      Jdbi jdbi = Jdbi.create(ws.dataSource());
      ApiClient api = new ApiClient(lb.uri(), Nodes.ADMIN);
      ClusterTest.connect(api, sandbox);
      assertThat(api.post("/api/connectors", Map.of("name", "shop", "yaml", RestApiTest.SHOP)).status()).isEqualTo(201);
      for (int i = 0; i < 3; i++) {
        assertThat(api.get("/api/connectors/org").status()).as("REST through the balancer").isEqualTo(200);
      }
      for (URI u : children.uris()) {
        ClusterTest.waitForTool(u, "org_list_users");
      }

      // An MCP session opened through the balancer goes on whichever instance gets each request, confirmation included.
      McpWire mcp = new McpWire(Nodes.ADMIN).open(lb.uri());
      String group = sandbox.createGroup("Doomed", "deleted through the balancer");
      int groups = sandbox.groupCount();
      JsonNode preview = mcp.callTool(lb.uri(), "org_delete_group", "{\"group_id\":\"" + group + "\"}");
      String token = preview.path("confirmation").path("token").asText();
      assertThat(token).startsWith("sbc_");
      JsonNode done = mcp.callTool(lb.uri(), "org_delete_group", "{\"group_id\":\"" + group + "\",\"confirmation_token\":\"" + token + "\"}");
      assertThat(done.has("error")).as(done.toString()).isFalse();
      assertThat(sandbox.groupCount()).isEqualTo(groups - 1);
      for (ChildInstances.Child c : children.all()) {
        assertThat(c.log()).as("every instance served requests").containsPattern("switchboard (serve: (GET|POST|PUT|DELETE) /(api|mcp)|mcp: [a-z0-9_]+ )");
      }

      // Saves through the balancer, each based on the version the last answer gave.
      AtomicBoolean stop = new AtomicBoolean();
      Map<String, Map<Integer, String>> acknowledged = new ConcurrentHashMap<>();
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        String name = "action_" + w;
        acknowledged.put(name, new ConcurrentHashMap<>());
        writers.add(CompletableFuture.runAsync(() -> save(api, name, stop, acknowledged.get(name))));
      }
      // A listing through the balancer, retrying a call that fails (it may have gone to the instance killed).
      AtomicInteger pages = new AtomicInteger();
      CompletableFuture<Set<String>> listing = CompletableFuture.supplyAsync(() -> list(lb.uri(), pages));
      // A call of the victim's own, in flight when it is killed.
      ChildInstances.Child victim = children.get(1);
      McpWire direct = new McpWire(Nodes.ADMIN).open(victim.uri());
      CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 1000; i++) {
          try {
            direct.callTool(victim.uri(), "org_list_users", "{}");
          } catch (RuntimeException e) {
            return;
          }
        }
      });
      Optional<String> running = Optional.empty();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (running.isEmpty() || pages.get() < 3) {
        assertThat(System.nanoTime()).as("the victim runs a call and the listing is under way").isLessThan(deadline);
        // a call that started within the last 150 ms: each takes at least the sandbox's 300 ms latency, so it is
        // still in flight when the kill comes a moment later (an older one may end, and be written, in between)
        long recent = System.currentTimeMillis() - 150;
        running = jdbi.withHandle(h -> h.createQuery("SELECT id FROM run WHERE outcome = 'running' AND instance = :i"
                + " AND started_at >= :recent LIMIT 1")
            .bind("i", victim.instance()).bind("recent", recent).mapTo(String.class).findOne());
        Thread.sleep(5);
      }
      victim.kill();
      String interruptedRun = running.get();

      Set<String> logins = listing.get();
      assertThat(logins).as("every user listed once, across the kill").hasSize(sandbox.userCount());
      stop.set(true);
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
      for (Map.Entry<String, Map<Integer, String>> e : acknowledged.entrySet()) {
        assertThat(e.getValue()).as(e.getKey() + " was saved").isNotEmpty();
        for (Map.Entry<Integer, String> v : e.getValue().entrySet()) {
          assertThat(ws.documents().version("shop", Document.actionFile(e.getKey()), v.getKey()).text())
              .as("acknowledged version " + v.getKey() + " of " + e.getKey()).isEqualTo(v.getValue());
        }
      }
      String outcome = "";
      for (int i = 0; i < 600 && !outcome.equals(Run.INTERRUPTED); i++) {
        outcome = ws.runs().find(interruptedRun).map(Run::outcome).orElse("");
        Thread.sleep(50);
      }
      assertThat(outcome).as("the killed instance's run").isEqualTo(Run.INTERRUPTED);
      long stillRunning = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM run WHERE outcome = 'running' AND instance = :i")
          .bind("i", victim.instance()).mapTo(Long.class).one());
      assertThat(stillRunning).as("no run of the dead instance stays running").isZero();
      assertThat(children.get(0).log() + children.get(2).log()).contains("stopped renewing their lease");
    }
  }

  private static void save(ApiClient api, String name, AtomicBoolean stop, Map<Integer, String> acknowledged) {
    int base = 0;
    for (int n = 1; !stop.get() && n < 10_000; n++) {
      String yaml = KillDuringSavesTest.action(name, n);
      ApiClient.Answer a;
      try {
        a = api.put("/api/connectors/shop/actions/" + name, Map.of("yaml", yaml, "base_version", base));
      } catch (RuntimeException e) {
        a = null;
      }
      if (a != null && (a.status() == 200 || a.status() == 201)) {
        base = a.json().path("version").asInt();
        acknowledged.put(base, yaml);
        continue;
      }
      // Not acknowledged (the balancer lost the instance, or the save landed and its answer did not): read where we are.
      ApiClient.Answer now = api.get("/api/connectors/shop/actions/" + name);
      if (now.status() == 200) {
        base = now.json().path("version").asInt();
      }
    }
  }

  private static Set<String> list(URI lb, AtomicInteger pages) {
    McpWire mcp = new McpWire(Nodes.ADMIN).open(lb);
    Set<String> logins = new HashSet<>();
    String cursor = null;
    while (true) {
      JsonNode page = null;
      for (int attempt = 0; attempt < 10 && page == null; attempt++) {
        try {
          JsonNode p = mcp.callTool(lb, "org_list_users", cursor == null ? "{}" : "{\"next_cursor\":\"" + cursor + "\"}");
          page = p.has("error") ? null : p;
        } catch (RuntimeException e) {
          page = null;
        }
      }
      assertThat(page).as("a page after retries").isNotNull();
      pages.incrementAndGet();
      page.path("items").forEach(u -> assertThat(logins.add(u.path("login").asText())).as("listed once").isTrue());
      cursor = page.path("next_cursor").asText("");
      if (cursor.isEmpty()) {
        return logins;
      }
    }
  }
}
