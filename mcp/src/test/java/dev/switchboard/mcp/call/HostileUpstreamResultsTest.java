package dev.switchboard.mcp.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.agent.BudgetedPager;
import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.confirm.ConfirmationTokens;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.mcp.tool.ToolCatalog;
import dev.switchboard.mcp.tool.ToolSelection;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an agent sees in a tool result when the upstream is hostile: never a credential, and when to check before retrying. */
class HostileUpstreamResultsTest {
  private static final String KEY = "hostile-canary-secret-9c2e7f3a";
  private static final String CONNECTOR = """
      name: echo
      title: Echo
      base_url: "{{config.url}}"
      config:
        url: {env: ECHO_URL}
      auth: {type: api_key, placement: header, header: Authorization, format: "SSWS {{secret}}", secret: echo_api_key}
      request_id_header: X-Okta-Request-Id
      """;
  private static final String GET_THING = """
      description: Gets one thing.
      method: GET
      path: /things/{{id}}
      inputs:
        id: {type: string, required: true}
      annotations: {read_only: true, idempotent: true}
      """;
  private static final String CREATE_THING = """
      description: Creates a thing.
      method: POST
      path: /things
      body: {name: "{{name}}"}
      inputs:
        name: {type: string, required: true}
      """;

  @TempDir
  Path dir;

  private HttpServer server;

  private String serve(Consumer<HttpExchange> handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      handler.accept(exchange);
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private CallToolResult call(String url, String tool, Map<String, Object> arguments) throws IOException {
    Path connector = dir.resolve("echo");
    Files.createDirectories(connector.resolve("actions"));
    Files.writeString(connector.resolve("connector.yaml"), CONNECTOR);
    Files.writeString(connector.resolve("actions/get_thing.yaml"), GET_THING);
    Files.writeString(connector.resolve("actions/create_thing.yaml"), CREATE_THING);
    Catalog catalog = Catalog.of(DefinitionLoader.loadDirectory(dir));
    Engine engine = Engine.builder(catalog).config(ConfigSource.of(Map.of("echo", Map.of("url", url))))
        .secrets(new MapSecretStore("the test").put("echo_api_key", KEY)).build();
    ToolCatalog tools = ToolCatalog.of(catalog, ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK);
    ToolCallHandler handler = new ToolCallHandler(engine, new BudgetedPager(engine, OutputBudget.DEFAULT),
        new ConfirmationTokens(ConfirmationTokens.DEFAULT_TTL, Clock.systemUTC(), new SecureRandom()),
        new PrintWriter(new StringWriter()));
    return handler.call(tools.find(tool).orElseThrow(), null, new CallToolRequest(tool, arguments));
  }

  private static String everything(CallToolResult result) throws IOException {
    return McpJson.objectMapper().writeValueAsString(result.structuredContent()) + ((TextContent) result.content().get(0)).text();
  }

  private static void answer(HttpExchange exchange, int status, String body) {
    try {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aCredentialEchoedAsTheRequestIdNeverReachesTheAgent() throws Exception {
    String url = serve(exchange -> {
      exchange.getResponseHeaders().add("X-Okta-Request-Id", exchange.getRequestHeaders().getFirst("Authorization"));
      answer(exchange, 404, "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found\"}");
    });
    CallToolResult result = call(url, "echo_get_thing", Map.of("id", "t1"));
    assertThat(result.isError()).isTrue();
    JsonNode error = McpJson.objectMapper().valueToTree(result.structuredContent()).get("error");
    assertThat(error.get("request_id").asText()).isEqualTo("SSWS [REDACTED]");
    assertThat(everything(result)).doesNotContain(KEY);
  }

  @Test
  void aCreateWhoseConnectionBrokeTellsTheAgentToCheckBeforeRetrying() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread resetter = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            java.net.Socket s = socket.accept();
            s.getInputStream().read(new byte[16384]);
            s.setSoLinger(true, 0);
            s.close();
          } catch (IOException e) {
            // closed at the end of the test
          }
        }
      });
      resetter.setDaemon(true);
      resetter.start();
      CallToolResult result = call("http://127.0.0.1:" + socket.getLocalPort(), "echo_create_thing", Map.of("name", "gizmo"));
      assertThat(result.isError()).isTrue();
      JsonNode error = McpJson.objectMapper().valueToTree(result.structuredContent()).get("error");
      assertThat(error.get("retryable").asBoolean()).isFalse();
      assertThat(error.get("outcome_unknown").asBoolean()).isTrue();
      assertThat(((TextContent) result.content().get(0)).text()).contains("outcome unknown").contains("check")
          .contains("before retrying");
    }
  }
}
