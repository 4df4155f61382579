package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmarks of issue 15 (docs/benchmarks.md, section "Several instances"); run only on demand:
 *
 * <pre>./mvnw -B -pl server -am verify -Dswitchboard.bench=true -Dtest=ClusterBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>The report goes to {@code server/target/benchmarks/cluster.txt}. On PostgreSQL (Debian's, started by the tests):
 * <ol>
 *   <li>three instances (child processes) listing one rate-limited sandbox org together, one listing each of 84 pages
 *       of 50 through MCP (252 requests; the {@code /api/v1/users} bucket allows 100 per 2 s): wall time against the
 *       bucket's minimum, 429s received; beside it one instance alone serving the same three listings, and three
 *       instances each pacing alone (in-memory buckets);
 *   <li>the database round trips each tool call waited for, from the instances' counters ({@code /api/instances});
 *   <li>throughput of one instance with shared buckets against the same server with in-memory buckets: 16 MCP
 *       clients calling {@code get_user}, the two servers in this JVM measured in turn, side by side.
 * </ol>
 */
@EnabledIfSystemProperty(named = "switchboard.bench", matches = "true")
class ClusterBenchmark {
  static final int PAGES_PER_LISTING = 84;
  static final int USERS = 4180;
  static final int WINDOW = 100;
  static final Duration WINDOW_LENGTH = Duration.ofSeconds(2);

  @TempDir
  Path dir;

  final StringBuilder report = new StringBuilder();

  void line(String text) {
    report.append(text).append('\n');
    System.out.println(text);
  }

  @Test
  void all() throws Exception {
    line("# switchboard cluster benchmarks, " + java.time.Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    String only = System.getProperty("switchboard.bench.only", "listing,throughput");
    if (only.contains("listing")) {
      rateLimitedListing();
    }
    if (only.contains("throughput")) {
      throughput();
    }
    Path out = Path.of("target", "benchmarks", "cluster.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  /** One listing of the whole org through MCP at one instance; returns the users listed. */
  static int listing(URI instance, String tool) {
    McpWire mcp = new McpWire(Nodes.ADMIN).open(instance);
    int users = 0;
    String cursor = null;
    while (true) {
      JsonNode page = mcp.callTool(instance, tool, cursor == null ? "{}" : "{\"next_cursor\":\"" + cursor + "\"}");
      if (page.has("error")) {
        throw new IllegalStateException(page.toString());
      }
      users += page.path("items").size();
      cursor = page.path("next_cursor").asText("");
      if (cursor.isEmpty()) {
        return users;
      }
    }
  }

  /** Three listings at once, listing i at instances[i % n]; returns the wall time in ms. */
  static long listTogether(List<URI> instances, String tool, int expected) {
    sleepUntilJustAfterAWholeSecond();
    long start = System.nanoTime();
    List<CompletableFuture<Integer>> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      URI u = instances.get(i % instances.size());
      all.add(CompletableFuture.supplyAsync(() -> listing(u, tool)));
    }
    for (CompletableFuture<Integer> f : all) {
      assertThat(f.join()).isEqualTo(expected);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Starts 5 ms after a whole second, so that the first window (which opens on its request's whole second) is full. */
  static void sleepUntilJustAfterAWholeSecond() {
    long now = System.currentTimeMillis();
    long wait = 1000 - now % 1000 + 5;
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static long medianMs(List<Long> values) {
    long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return v[v.length / 2];
  }

  void rateLimitedListing() throws Exception {
    AtomicInteger tooMany = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    try (OktaSandbox limited = OktaSandbox.builder().port(0).users(USERS).seed(15).mixedStatuses(false).compression(false)
            .rateLimit("/api/v1/users", WINDOW).rateLimitWindow(WINDOW_LENGTH).observer(e -> {
              if (e.path().equals("/api/v1/users")) {
                requests.incrementAndGet();
                if (e.status() == 429) {
                  tooMany.incrementAndGet();
                }
              }
            }).build();
        OktaSandbox free = OktaSandbox.builder().port(0).users(USERS).seed(15).mixedStatuses(false).compression(false)
            .rateLimit(1_000_000_000).concurrencyLimit(10_000).build()) {
      limited.start();
      free.start();
      int users = limited.userCount();
      line("");
      line("## Rate-limited listing: 3 listings of " + users + " users (" + PAGES_PER_LISTING + " pages of 50 each, "
          + 3 * PAGES_PER_LISTING + " requests), bucket of " + WINDOW + " per " + WINDOW_LENGTH.toSeconds() + " s");
      line("");
      line("| setup | wall s (median of 3) | minimum s | wall / minimum | 429s received | hot-path round trips per call |");
      line("|---|---:|---:|---:|---:|---:|");
      for (String setup : List.of("three instances, shared buckets", "one instance alone", "three instances, in-memory buckets")) {
        boolean memory = setup.contains("in-memory");
        Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
        try (ChildInstances children = ChildInstances.start(db, setup.startsWith("one") ? 1 : 3, "127.0.0.1:1", dir, memory)) {
          ApiClient api = new ApiClient(children.get(0).uri(), Nodes.ADMIN);
          for (Map.Entry<String, OktaSandbox> org : Map.of("org", limited, "freeorg", free).entrySet()) {
            assertThat(api.post("/api/connectors", Map.of("name", org.getKey(), "pack", "okta", "settings",
                Map.of("org_url", org.getValue().orgUrl().toString()))).status()).isEqualTo(201);
            api.put("/api/connectors/" + org.getKey() + "/credentials/okta_api_token", Map.of("value",
                org.getValue().createApiToken("bench")));
          }
          for (URI u : children.uris()) {
            ClusterTest.waitForTool(u, "org_list_users");
            ClusterTest.waitForTool(u, "freeorg_list_users");
          }
          List<URI> targets = setup.startsWith("one") ? List.of(children.get(0).uri()) : children.uris();
          listTogether(targets, "freeorg_list_users", users);
          List<Long> unthrottled = new ArrayList<>();
          for (int r = 0; r < 3; r++) {
            unthrottled.add(listTogether(targets, "freeorg_list_users", users));
          }
          long free3 = medianMs(unthrottled);
          double perPage = free3 / (3.0 * PAGES_PER_LISTING);
          int total = 3 * PAGES_PER_LISTING;
          int lastWindow = total - 2 * WINDOW;
          double minimum = 2 * WINDOW_LENGTH.toMillis() + lastWindow * perPage;
          Thread.sleep(WINDOW_LENGTH.toMillis() + 500);
          int before = tooMany.get();
          List<Long> walls = new ArrayList<>();
          long calls0 = 0;
          long hot0 = 0;
          for (int r = 0; r < 3; r++) {
            walls.add(listTogether(targets, "org_list_users", users));
            Thread.sleep(WINDOW_LENGTH.toMillis() + 500);
          }
          for (URI u : children.uris()) {
            JsonNode self = new ApiClient(u, Nodes.ADMIN).get("/api/instances").json().path("this_instance").path("round_trips");
            calls0 += self.path("calls").asLong();
            hot0 += self.path("bucket_grants").asLong() + self.path("bucket_reports").asLong();
          }
          long wall = medianMs(walls);
          line("| " + setup + " | " + String.format("%.3f", wall / 1000.0) + " | " + String.format("%.3f", minimum / 1000.0)
              + " | " + String.format("%.2fx", wall / minimum) + " | " + (tooMany.get() - before) + " (in 3 rounds) | "
              + (memory ? "0 (in memory)" : String.format("%.2f", calls0 == 0 ? 0 : (double) hot0 / calls0)) + " |");
          line("<!-- " + setup + ": walls " + walls + " ms, unthrottled " + unthrottled + " ms -->");
        }
      }
    }
  }

  void throughput() throws Exception {
    Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir);
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(200).seed(3).mixedStatuses(false).compression(false)
            .rateLimit(1_000_000_000).concurrencyLimit(10_000).build();
        Nodes shared = Nodes.start(db, 1, b -> b.sharedRateLimits(true));
        Nodes memory = Nodes.start(db, 1, b -> b.sharedRateLimits(false))) {
      sandbox.start();
      ClusterTest.connect(shared.get(0).api(), sandbox);
      ClusterTest.waitForTool(shared.get(0).uri(), "org_get_user");
      ClusterTest.waitForTool(memory.get(0).uri(), "org_get_user");
      String user = sandbox.createUser(Map.of("login", "bench@example.com", "email", "bench@example.com", "firstName", "Bench",
          "lastName", "Mark"), "ACTIVE");
      int clients = 16;
      List<McpWire> wiresShared = new ArrayList<>();
      List<McpWire> wiresMemory = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        wiresShared.add(new McpWire(Nodes.ADMIN).open(shared.get(0).uri()));
        wiresMemory.add(new McpWire(Nodes.ADMIN).open(memory.get(0).uri()));
      }
      String args = "{\"id\":\"" + user + "\"}";
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      rate(shared.get(0).uri(), wiresShared, args, 3000, pool);
      rate(memory.get(0).uri(), wiresMemory, args, 3000, pool);
      Map<String, Long> before = shared.get(0).server().instance().roundTrips().snapshot();
      List<Double> sharedRates = new ArrayList<>();
      List<Double> memoryRates = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int r = 0; r < 6; r++) {
        double s = rate(shared.get(0).uri(), wiresShared, args, 3000, pool);
        double m = rate(memory.get(0).uri(), wiresMemory, args, 3000, pool);
        sharedRates.add(s);
        memoryRates.add(m);
        ratios.add(s / m);
      }
      Map<String, Long> after = shared.get(0).server().instance().roundTrips().snapshot();
      long calls = after.get("calls") - before.get("calls");
      long hot = after.get("bucket_grants") - before.get("bucket_grants") + after.get("bucket_reports") - before.get("bucket_reports");
      double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      line("");
      line("## Throughput of one instance: shared buckets (PostgreSQL) against in-memory buckets");
      line("");
      line("16 MCP clients calling get_user (rate limit lifted), 6 rounds of 3 s per server in turn after a warm-up.");
      line("");
      line("| server | calls/s (median of rounds) | database round trips a call waited for (rate limits) |");
      line("|---|---:|---:|");
      line("| shared buckets | " + String.format("%.0f", medianRate(sharedRates)) + " | " + String.format("%.2f", (double) hot / calls)
          + " (" + hot + " in " + calls + " calls) |");
      line("| in-memory buckets | " + String.format("%.0f", medianRate(memoryRates)) + " | 0 |");
      line("");
      line("shared / in-memory: median of round ratios **" + String.format("%.2fx", sorted[sorted.length / 2])
          + "** (rounds " + Arrays.toString(Arrays.stream(sorted).mapToObj(d -> String.format("%.2f", d)).toArray()) + ")");
      pool.shutdownNow();
    }
  }

  static double medianRate(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray()[values.size() / 2];
  }

  /** Calls per second of clients calling get_user at one server for a while. */
  static double rate(URI server, List<McpWire> wires, String args, long millis, ExecutorService pool) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (McpWire w : wires) {
      running.add(CompletableFuture.runAsync(() -> {
        while (!stop.get()) {
          JsonNode r = w.callTool(server, "org_get_user", args);
          if (r.has("error")) {
            throw new IllegalStateException(r.toString());
          }
          calls.incrementAndGet();
        }
      }, pool));
    }
    long start = System.nanoTime();
    Thread.sleep(millis);
    stop.set(true);
    long n = calls.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
    return n / seconds;
  }
}
