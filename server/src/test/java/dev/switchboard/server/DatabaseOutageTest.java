package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.DatabaseOutage;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request that fails inside the server, on REST or on /mcp, tells the client no internals (no exception class, no
 * SQL: /mcp used to fall through to the servlet container's error page, which showed both); a database that cannot
 * be reached is a 503 saying so (on /mcp too, the same way); the balancer's health checks are not logged.
 */
class DatabaseOutageTest {
  static final String INITIALIZE = """
      {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {},
       "clientInfo": {"name": "t", "version": "1"}}}""";

  @TempDir
  Path dir;

  @Test
  void aFailureInsideTheServerShowsNoInternalsOnRestOrMcp() throws Exception {
    StringWriter log = new StringWriter();
    Workspace ws = Workspace.builder(TestDatabases.fresh(Database.Kind.SQLITE, dir), TestDatabases.key()).open();
    String admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
    try (SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of()))
        .log(new PrintWriter(log, true)).build().start()) {
      assertThat(new ApiClient(server.uri(), null).get("/health").status()).isEqualTo(200);
      ws.close(); // every statement from now on fails: a failure inside the server, not the client's

      ApiClient.Answer rest = new ApiClient(server.uri(), admin).get("/api/connectors");
      assertThat(rest.status()).isEqualTo(500);
      assertThat(rest.json().path("detail").asText()).contains("a bug, not your request");
      assertNoInternals(rest.body());

      HttpResponse<String> mcp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.mcpUri().toString()))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(mcp.statusCode()).isEqualTo(500);
      JsonNode error = ApiClient.JSON.readTree(mcp.body());
      assertThat(error.path("error").path("code").asInt()).isEqualTo(-32603);
      assertThat(error.path("error").path("message").asText()).contains("a bug, not your request");
      assertNoInternals(mcp.body());
      assertThat(log.toString()).contains("POST /mcp failed: internal error").doesNotContain("GET /health");
    }
  }

  @Test
  void aRequestWhoseDatabaseConnectionWasCutIsA503SayingSo() {
    StringWriter log = new StringWriter();
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(Database.Kind.SQLITE, dir), TestDatabases.key()).open()) {
      String admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
      SQLException cut = new SQLException("FATAL: terminating connection due to administrator command [SELECT secret]", "57P01");
      try (SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of()))
          .log(new PrintWriter(log, true)).routes((routes, access) -> routes.get("/api/cut", access.admin((ctx, caller) -> {
            throw new IllegalStateException("jdbi", cut);
          }))).build().start()) {
        ApiClient.Answer answer = new ApiClient(server.uri(), admin).get("/api/cut");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("title").asText()).isEqualTo("Service Unavailable");
        assertThat(answer.json().path("detail").asText()).isEqualTo(DatabaseOutage.DETAIL);
        assertNoInternals(answer.body());
        assertThat(log.toString()).contains("GET /api/cut failed: the database cannot be reached (SQL state 57P01)")
            .doesNotContain("secret");
      }
    }
  }

  private static void assertNoInternals(String body) {
    assertThat(body).doesNotContainIgnoringCase("exception").doesNotContain("org.").doesNotContain("SELECT")
        .doesNotContainIgnoringCase("hikari");
  }
}
