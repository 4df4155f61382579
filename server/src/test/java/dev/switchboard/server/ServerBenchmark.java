package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.Run;
import dev.switchboard.workspace.RunQuery;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmarks of issue 12 (docs/benchmarks.md, section "Server"); run only on demand:
 *
 * <pre>./mvnw -B -pl server -am test -Dswitchboard.bench=true -Dtest=ServerBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>{@code -Dswitchboard.bench.only=save} (or {@code recording}, {@code start}, {@code runs}, comma-separated) runs
 * only those figures, and {@code -Dswitchboard.bench.databases=sqlite} (or {@code postgresql}) only that database. The report goes to {@code server/target/benchmarks/server.txt}. Each figure is measured on SQLite and on
 * PostgreSQL (Debian's, started by the tests).
 */
@EnabledIfSystemProperty(named = "switchboard.bench", matches = "true")
class ServerBenchmark {
  static final int CLIENTS = 16;
  static final long WARMUP_MS = 5_000;
  static final long MEASURE_MS = 15_000;

  @TempDir
  Path dir;

  final StringBuilder report = new StringBuilder();

  void line(String text) {
    report.append(text).append('\n');
    System.out.println(text);
  }

  @Test
  void all() throws Exception {
    line("# switchboard serve benchmarks, " + java.time.Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    String only = System.getProperty("switchboard.bench.only", "recording,save,start,runs");
    String databases = System.getProperty("switchboard.bench.databases", "sqlite,postgresql");
    for (Database.Kind kind : Database.Kind.values()) {
      if (!databases.contains(kind.name().toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      if (only.contains("recording")) {
        recordingOverhead(kind);
      }
      if (only.contains("save")) {
        saveToToolsList(kind);
      }
      if (only.contains("start")) {
        startWithAWorkspaceOf15000Actions(kind);
      }
      if (only.contains("runs")) {
        newestRunsOfOneActionAmongAMillion(kind);
      }
    }
    Path out = Path.of("target", "benchmarks", "server.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  /** MCP tools/call org_get_user (the Okta pack on a sandbox), 16 concurrent clients, recording on and off. */
  void recordingOverhead(Database.Kind kind) throws Exception {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).poolSize(kind == Database.Kind.SQLITE ? 4 : 16).open()) {
      String admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
      // A sandbox of its own whose rate limits are out of reach: the embedded one keeps Okta's (2,000 a minute for
      // get_user), which 16 clients use up in well under a minute, so the figure would measure waiting for its reset.
      OktaSandbox sandbox = OktaSandbox.builder().port(0).users(1000).seed(42).rateLimit(10_000_000).build();
      sandbox.start();
      try (SwitchboardServer setup = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of()))
          .log(new PrintWriter(Writer.nullWriter())).build().start()) {
        ClusterTest.connect(new ApiClient(setup.uri(), admin), sandbox);
      }
      double[] rates = new double[2];
      StringBuilder rounds = new StringBuilder();
      for (int round = 0; round < 3; round++) {
        // the order alternates, so that neither side always runs on a warmer JIT or a quieter minute
        for (boolean record : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          try (SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of()))
              .recordRuns(record).log(new PrintWriter(Writer.nullWriter())).build().start()) {
            double rate = callRate(server, admin, ws);
            rates[record ? 1 : 0] = Math.max(rates[record ? 1 : 0], rate);
            rounds.append(rounds.length() == 0 ? "" : ", ").append(record ? "on " : "off ").append(Math.round(rate));
          }
        }
      }
      sandbox.close();
      line(String.format("%s: MCP tools/call org_get_user, %d clients, a sandbox without rate limits: %.0f calls/s recording off, %.0f calls/s"
          + " recording on: ratio %.3f (best of 3 rounds of %d s each: %s)", kind, CLIENTS, rates[0], rates[1], rates[1] / rates[0],
          MEASURE_MS / 1000, rounds));
    }
  }

  /**
   * Calls org_get_user from {@value #CLIENTS} clients and counts the calls answered per second; the runs still queued
   * when the time is up are written before the clock stops, so their writing counts against recording.
   */
  double callRate(SwitchboardServer server, String key, Workspace ws) throws Exception {
    List<McpSyncClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(DoneWhenTest.mcp(server.uri().toString(), key, new ArrayList<>()));
    }
    try {
      JsonNode users = McpJson.objectMapper().valueToTree(clients.get(0).callTool(new McpSchema.CallToolRequest("org_list_users",
          Map.of("limit", 20))).structuredContent()).path("items");
      List<String> ids = new ArrayList<>();
      users.forEach(u -> ids.add(u.path("id").asText()));
      AtomicBoolean measuring = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong calls = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        McpSyncClient c = clients.get(i);
        int n = i;
        new Thread(() -> {
          int k = n;
          try {
            while (!stop.get()) {
              McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest("org_get_user", Map.of("id", ids.get(k++ % ids.size()))));
              if (Boolean.TRUE.equals(r.isError())) {
                throw new IllegalStateException(String.valueOf(r.structuredContent()));
              }
              if (measuring.get()) {
                calls.incrementAndGet();
              }
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
            done.countDown();
          }
        }).start();
      }
      Thread.sleep(WARMUP_MS);
      measuring.set(true);
      long start = System.nanoTime();
      Thread.sleep(MEASURE_MS);
      long counted = calls.get();
      ws.runs().flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      done.await(60, TimeUnit.SECONDS);
      if (failure.get() != null) {
        throw new IllegalStateException("a client's call failed, so the rate would undercount", failure.get());
      }
      return counted / seconds;
    } finally {
      clients.forEach(McpSyncClient::closeGracefully);
    }
  }

  /** Save an action through the REST API, then see it in an agent's tools/list. */
  void saveToToolsList(Database.Kind kind) throws Exception {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open()) {
      String admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
      try (SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of())).build().start()) {
        ApiClient api = new ApiClient(server.uri(), admin);
        McpSyncClient client = DoneWhenTest.mcp(server.uri().toString(), admin, new ArrayList<>());
        try {
          long[] ms = new long[60];
          for (int i = 0; i < ms.length + 10; i++) {
            String name = "probe_" + i;
            long start = System.nanoTime();
            ApiClient.Answer saved = api.put("/api/connectors/okta/actions/" + name, Map.of("base_version", 0, "yaml",
                "name: " + name + "\ndescription: A probe.\nmethod: GET\npath: /api/v1/users/me\n"));
            assertThat(saved.status()).isEqualTo(201);
            while (client.listTools().tools().stream().noneMatch(t -> t.name().equals("okta_" + name))) {
              Thread.onSpinWait();
            }
            if (i >= 10) {
              ms[i - 10] = (System.nanoTime() - start) / 1_000;
            }
          }
          Arrays.sort(ms);
          line(String.format("%s: save an action (PUT) and see it in tools/list: p50 %.1f ms, p90 %.1f ms (%d saves, 10 warm-up)",
              kind, ms[ms.length / 2] / 1000.0, ms[ms.length * 9 / 10] / 1000.0, ms.length));
        } finally {
          client.closeGracefully();
        }
      }
    }
  }

  /**
   * 500 connectors of 30 actions: how long the server takes to start (open the workspace, read which connectors it
   * holds, listen), and how long after that a first tools/list shows all of their tools (every connector compiled).
   */
  void startWithAWorkspaceOf15000Actions(Database.Kind kind) throws Exception {
    Database db = TestDatabases.fresh(kind, dir);
    String admin;
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
      admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
      for (int c = 0; c < 500; c++) {
        Map<String, String> files = new TreeMap<>();
        files.put("connector.yaml", "name: c" + c + "\ntitle: Connector " + c + "\nbase_url: \"{{config.url}}\"\nconfig:\n  url: {description: where}\n"
            + "auth: {type: api_key, placement: header, header: Authorization, format: \"SSWS {{secret}}\", secret: token}\n");
        for (int a = 0; a < 30; a++) {
          files.put("actions/action_" + a + ".yaml", "name: action_" + a + "\ndescription: Action " + a + " of connector " + c
              + ".\nmethod: GET\npath: /things/{{id}}\ninputs:\n  id: {type: string, required: true}\n  limit: {type: integer, minimum: 1, maximum: 200}\n"
              + "query: {limit: \"{{limit}}\"}\noutput: {map: \"{id: id, name: name}\"}\nannotations: {read_only: true}\n");
        }
        if (c == 0) {
          DefinitionCheck.load("c0", files);
        }
        ws.documents().create("c" + c, files, "bench");
      }
    }
    long[] ms = new long[3];
    long toolsMs = 0;
    int tools = 0;
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open();
          SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of()))
              .log(new PrintWriter(Writer.nullWriter())).build().start()) {
        ms[i] = (System.nanoTime() - start) / 1_000_000;
        assertThat(new ApiClient(server.uri(), null).get("/api/openapi.json").status()).isEqualTo(200);
        if (i == ms.length - 1) {
          // Over plain HTTP: the whole list is one message of about 17 MB, over the MCP Java SDK client's 16 MB line cap.
          McpWire mcp = new McpWire(admin).open(server.uri());
          McpWire.Answer listed = mcp.send(server.uri(), "tools/list", "{}");
          assertThat(listed.status()).isEqualTo(200);
          tools = listed.message().path("result").path("tools").size();
          toolsMs = (System.nanoTime() - start) / 1_000_000;
          assertThat(tools).isGreaterThanOrEqualTo(15_000);
        }
      }
    }
    Arrays.sort(ms);
    line(String.format("%s: start (open the workspace, read its 501 connectors / 15,030 actions, listen) with 500 connectors of 30"
        + " actions: median %d ms of 3 (%s); a first tools/list showing all %d tools: %d ms after the start began (the last start)",
        kind, ms[1], Arrays.toString(ms), tools, toolsMs));
  }

  /** 1,000,000 runs: the newest 50 of one action. */
  void newestRunsOfOneActionAmongAMillion(Database.Kind kind) throws Exception {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open()) {
      long start = System.nanoTime();
      long t0 = ws.clock().millis() - 1_000_000L * 1000;
      try (Connection c = ws.dataSource().getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO run (id, started_at, connector, action, action_version, caller,"
            + " channel, inputs, outcome, error_category, error_message, status, exchanges, output_excerpt, output_truncated,"
            + " duration_ms) VALUES (?, ?, 'okta', ?, 1, 'agent', 'mcp', '{\"id\":\"00u1\"}', 'ok', NULL, NULL, 200,"
            + " '[{\"method\":\"GET\",\"path\":\"/api/v1/users/00u1\",\"status\":200,\"duration_ms\":3}]', '{\"result\":{}}', 0, 4)")) {
          for (int i = 0; i < 1_000_000; i++) {
            s.setString(1, String.format("run_%012x%06x", t0 + i * 1000L, i));
            s.setLong(2, t0 + i * 1000L);
            s.setString(3, "action_" + (i % 100));
            s.addBatch();
            if (i % 10_000 == 9_999) {
              s.executeBatch();
              c.commit();
            }
          }
        }
        c.commit();
      }
      if (kind == Database.Kind.POSTGRESQL) {
        try (Connection c = ws.dataSource().getConnection()) {
          c.createStatement().execute("ANALYZE run");
        }
      }
      long loaded = (System.nanoTime() - start) / 1_000_000;
      long[] us = new long[200];
      for (int i = 0; i < us.length + 20; i++) {
        long q = System.nanoTime();
        List<Run> page = ws.runs().list(new RunQuery(Optional.of("okta"), Optional.of("action_" + (i % 100)), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), 50)).items();
        long took = (System.nanoTime() - q) / 1_000;
        assertThat(page).hasSize(50);
        if (i >= 20) {
          us[i - 20] = took;
        }
      }
      Arrays.sort(us);
      line(String.format("%s: 1,000,000 runs (100 actions; loaded in %d ms): newest 50 of one action: p50 %.2f ms, p90 %.2f ms (%d queries)",
          kind, loaded, us[us.length / 2] / 1000.0, us[us.length * 9 / 10] / 1000.0, us.length));
    }
  }
}
