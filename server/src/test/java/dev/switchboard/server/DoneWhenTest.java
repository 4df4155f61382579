package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.DatabaseScan;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.TestPostgres;
import dev.switchboard.workspace.Workspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12's "done when", on SQLite and on PostgreSQL: a connector with {@code SSWS {api_token}} auth against a
 * sandbox made through the REST API, {@code GET /api/v1/users} added, tested, saved, called as an MCP tool with an
 * agent key, its run and the audit events found; the token in no response, log line, run or database column.
 */
class DoneWhenTest {
  static final String CONNECTOR = """
      name: acme
      title: Acme Okta
      base_url: "{{config.org_url}}"
      config:
        org_url: {description: the org URL}
      auth:
        type: api_key
        placement: header
        header: Authorization
        format: "SSWS {{secret}}"
        secret: api_token
      """;
  static final String LIST_USERS = """
      name: list_users
      description: Lists the org's users.
      method: GET
      path: /api/v1/users
      inputs:
        limit: {type: integer, minimum: 1, maximum: 200}
      query: {limit: "{{limit}}"}
      annotations: {read_only: true}
      """;
  static final String GET_GROUP = """
      name: list_groups
      description: Lists the org's groups.
      method: GET
      path: /api/v1/groups
      annotations: {read_only: true}
      """;

  @TempDir
  Path dir;

  static McpSyncClient mcp(String url, String key, List<List<McpSchema.Tool>> changes) {
    return mcp(url, key, changes, Duration.ofSeconds(60));
  }

  /** An MCP client of the server at {@code url} with a key, initialized; {@code timeout} bounds each request, initialize included. */
  static McpSyncClient mcp(String url, String key, List<List<McpSchema.Tool>> changes, Duration timeout) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(url).endpoint("/mcp")
        .jsonMapper(McpJson.mapper())
        .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key))
        .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(timeout).initializationTimeout(timeout)
        .jsonSchemaValidator(McpJson.validator()).toolsChangeConsumer(changes::add).build();
    client.initialize();
    return client;
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void theGuidesFlowThroughRestAndMcpLeavesTheTokenNowhere(Database.Kind kind) throws Exception {
    Database db = TestDatabases.fresh(kind, dir);
    StringWriter logText = new StringWriter();
    PrintWriter log = new PrintWriter(logText, true);
    List<String> bodies = new ArrayList<>();
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(30).seed(7).build()) {
      sandbox.start();
      String token = sandbox.createApiToken("done-when canary");
      String runId;
      try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
        String admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
        try (SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of())).log(log).build().start()) {
          ApiClient api = new ApiClient(server.uri(), admin) {
            @Override
            Answer send(String method, String path, Object body) {
              Answer a = super.send(method, path, body);
              bodies.add(a.body());
              return a;
            }
          };
          assertThat(api.post("/api/connectors", Map.of("name", "acme", "yaml", CONNECTOR,
              "settings", Map.of("org_url", sandbox.orgUrl().toString()))).status()).isEqualTo(201);
          assertThat(api.put("/api/connectors/acme/credentials/api_token", Map.of("value", token)).status()).isEqualTo(200);

          ApiClient.Answer tested = api.post("/api/connectors/acme/actions/list_users/test",
              Map.of("yaml", LIST_USERS, "inputs", Map.of("limit", 5)));
          assertThat(tested.status()).as(tested.body()).isEqualTo(200);
          assertThat(tested.json().path("outcome").asText()).as(tested.body()).isEqualTo("ok");
          assertThat(tested.json().path("status").asInt()).isEqualTo(200);
          assertThat(tested.json().path("body")).hasSize(5);
          assertThat(tested.json().path("headers").has("link") || tested.json().path("headers").has("Link")).isTrue();
          assertThat(tested.json().path("output_schema").path("type").asText()).isEqualTo("array");
          assertThat(tested.json().path("output_schema").path("items").path("properties").has("profile")).isTrue();
          assertThat(tested.json().path("exchanges").get(0).path("path").asText()).isEqualTo("/api/v1/users");

          assertThat(api.put("/api/connectors/acme/actions/list_users", Map.of("yaml", LIST_USERS, "base_version", 0)).status())
              .isEqualTo(201);
          String agent = api.post("/api/keys", Map.of("name", "claude", "role", "agent", "tools", List.of("acme_*"),
              "read_only", true)).json().path("key").asText();

          List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
          McpSyncClient client = mcp(server.uri().toString(), agent, changes);
          try {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("acme_list_users");
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("acme_list_users", Map.of("limit", 3)));
            assertThat(result.isError()).as(String.valueOf(result.structuredContent())).isFalse();
            assertThat(McpJson.objectMapper().valueToTree(result.structuredContent()).path("result")).hasSize(3);

            assertThat(api.put("/api/connectors/acme/actions/list_groups", Map.of("yaml", GET_GROUP, "base_version", 0)).status())
                .isEqualTo(201);
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("acme_list_users",
                "acme_list_groups");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (changes.isEmpty() && System.nanoTime() < deadline) {
              Thread.sleep(20);
            }
            assertThat(changes).as("notifications/tools/list_changed reached the client").isNotEmpty();
          } finally {
            client.closeGracefully();
          }

          JsonNode runs = api.get("/api/runs?connector=acme&action=list_users").json().path("items");
          assertThat(runs).extracting(r -> r.path("channel").asText()).containsExactly("mcp", "test");
          JsonNode mcpRun = runs.get(0);
          assertThat(mcpRun.path("caller").asText()).isEqualTo("claude");
          assertThat(mcpRun.path("action_version").asInt()).isEqualTo(1);
          runId = mcpRun.path("id").asText();
          JsonNode run = api.get("/api/runs/" + runId).json();
          assertThat(run.path("outcome").asText()).isEqualTo("ok");
          assertThat(run.path("inputs").path("limit").asInt()).isEqualTo(3);
          assertThat(run.path("exchanges").get(0).path("method").asText()).isEqualTo("GET");
          assertThat(run.path("exchanges").get(0).path("path").asText()).isEqualTo("/api/v1/users");
          assertThat(run.path("exchanges").get(0).path("status").asInt()).isEqualTo(200);
          assertThat(run.path("exchanges").get(0).has("request_id")).isTrue();
          assertThat(run.path("output_excerpt").asText()).contains("\"result\"");

          List<String> events = new ArrayList<>();
          api.get("/api/audit?limit=100").json().path("items").forEach(e -> events.add(e.path("event").asText() + " " + e.path("target").asText()));
          assertThat(events).contains("connector.created acme/connector.yaml", "settings.created acme/settings.yaml",
              "credential.set acme/api_token", "action.created acme/actions/list_users.yaml", "key.created key/claude");
        }
        assertThat(DatabaseScan.everyValue(ws.dataSource())).noneMatch(v -> v.contains(token));
      }
      assertThat(bodies).noneMatch(b -> b.contains(token));
      assertThat(logText.toString()).contains("/api/connectors/acme").doesNotContain(token);
      assertThat(dump(kind, db)).doesNotContain(token).contains(runId);
    }
  }

  /** The whole database as bytes on disk (SQLite, with its WAL) or as pg_dump writes it. */
  private String dump(Database.Kind kind, Database db) throws Exception {
    if (kind == Database.Kind.SQLITE) {
      StringBuilder all = new StringBuilder();
      String file = db.jdbcUrl().substring("jdbc:sqlite:".length());
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path p = Path.of(file + suffix);
        if (Files.exists(p)) {
          all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
      return all.toString();
    }
    TestPostgres pg = TestPostgres.shared();
    Path binary = pg.bin().orElseThrow().resolve("pg_dump");
    String name = db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);
    Path out = dir.resolve("dump.sql");
    Process p = new ProcessBuilder(binary.toString(), "-h", "127.0.0.1", "-p", Integer.toString(pg.port()), "-U", pg.user(), name)
        .redirectOutput(out.toFile()).redirectErrorStream(false).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return Files.readString(out);
  }

  static Stream<String> lines(String text) {
    return text.lines();
  }
}
