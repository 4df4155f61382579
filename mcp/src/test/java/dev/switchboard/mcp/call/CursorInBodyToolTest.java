package dev.switchboard.mcp.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.switchboard.mcp.tool.ActionTool;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-Okta API whose search takes its cursor in a POST body, declared in YAML alone, served as an MCP tool: an
 * agent reads it in budgeted replies and continues with the reply's next_cursor (issue 11 point 3).
 */
class CursorInBodyToolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OutputBudget THREE = new OutputBudget(3, 64 * 1024);

  @TempDir
  Path dir;

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  /** Tickets T1..T5, two a page, the cursor in {"page": {"token": ...}} and the next one in "next_token". */
  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tickets/search", exchange -> {
      String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(text);
      JsonNode token = JSON.readTree(text).path("page").path("token");
      int from = token.isTextual() ? Integer.parseInt(token.asText().substring(1)) + 1 : 1;
      int to = Math.min(from + 1, 5);
      List<String> tickets = new ArrayList<>();
      for (int i = from; i <= to; i++) {
        tickets.add("{\"id\":\"T" + i + "\"}");
      }
      byte[] out = ("{\"tickets\":[" + String.join(",", tickets) + "],\"next_token\":" + (to < 5 ? "\"T" + to + "\"" : "null") + "}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private record Served(ToolCallHandler handler, ToolCatalog tools) {
    CallToolResult call(String tool, Map<String, Object> arguments) {
      ActionTool found = tools.find(tool).orElseThrow();
      return handler.call(found, null, new CallToolRequest(tool, arguments));
    }
  }

  private Served serve(String pagination) throws IOException {
    Path connector = dir.resolve("tix");
    Files.createDirectories(connector.resolve("actions"));
    Files.writeString(connector.resolve("connector.yaml"), """
        name: tix
        title: Tix
        base_url: "{{config.url}}"
        config:
          url: {env: TIX_URL}
        auth: {type: bearer, secret: tix_token}
        """);
    Files.writeString(connector.resolve("actions/search_tickets.yaml"), """
        description: Searches tickets.
        method: POST
        path: /tickets/search
        body: {query: "{{query}}", page: {size: 2, token: "{{page_token}}"}}
        inputs:
          query: {type: string, required: true}
          page_token: {type: string}
        pagination: %s
        output: {records: tickets}
        annotations: {read_only: true, idempotent: true}
        """.formatted(pagination));
    Catalog catalog = Catalog.of(DefinitionLoader.loadDirectory(dir));
    Engine engine = Engine.builder(catalog)
        .config(ConfigSource.of(Map.of("tix", Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort()))))
        .secrets(new MapSecretStore("the test").put("tix_token", "tix-token-0123456789")).build();
    ToolCatalog tools = ToolCatalog.of(catalog, ToolSelection.ALL, THREE, Confirmation.ASK);
    ToolCallHandler handler = new ToolCallHandler(engine, new BudgetedPager(engine, THREE),
        new ConfirmationTokens(ConfirmationTokens.DEFAULT_TTL, Clock.systemUTC(), new SecureRandom()),
        new PrintWriter(new StringWriter()));
    return new Served(handler, tools);
  }

  private static JsonNode structured(CallToolResult result) {
    return McpJson.objectMapper().valueToTree(result.structuredContent());
  }

  private static List<String> ids(CallToolResult result) {
    List<String> out = new ArrayList<>();
    structured(result).get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  @Test
  void anAgentReadsTheWholeSearchInBudgetedRepliesThroughNextCursor() throws Exception {
    Served served = serve("{type: cursor, cursor_path: next_token, cursor_in: body, cursor_param: /page/token}");
    JsonNode schema = McpJson.objectMapper().valueToTree(served.tools().find("tix_search_tickets").orElseThrow().descriptor().inputSchema());
    assertThat(schema.path("properties").has("next_cursor")).isTrue();
    assertThat(schema.path("properties").has("query")).isTrue();
    assertThat(schema.path("properties").has("page_token")).as("the cursor's input is the agent cursor's business").isFalse();

    CallToolResult first = served.call("tix_search_tickets", Map.of("query", "printer"));
    assertThat(first.isError()).isFalse();
    assertThat(ids(first)).containsExactly("T1", "T2", "T3");
    String cursor = structured(first).get("next_cursor").asText();
    assertThat(((TextContent) first.content().get(0)).text())
        .contains("more exist. To continue, call tix_search_tickets with the same arguments plus \"next_cursor\": \"" + cursor + "\"");

    Map<String, Object> again = new HashMap<>(Map.of("query", "printer", "next_cursor", cursor));
    CallToolResult second = served.call("tix_search_tickets", again);
    assertThat(second.isError()).isFalse();
    assertThat(ids(second)).containsExactly("T4", "T5");
    assertThat(structured(second).get("truncated").asBoolean()).isFalse();
    assertThat(((TextContent) second.content().get(0)).text()).contains("that is all");
    assertThat(bodies).contains("{\"query\":\"printer\",\"page\":{\"size\":2,\"token\":\"T2\"}}");
  }

  @Test
  void whenNoInputTakesTheCursorTheReplySaysItCannotContinueInsteadOfHandingOutAUselessCursor() throws Exception {
    Served served = serve("{type: cursor, cursor_path: next_token, cursor_in: body, cursor_param: /page/after}");
    CallToolResult first = served.call("tix_search_tickets", Map.of("query", "printer", "page_token", "T0"));
    assertThat(first.isError()).isFalse();
    assertThat(structured(first).get("truncated").asBoolean()).isTrue();
    assertThat(structured(first).has("next_cursor")).isFalse();
    assertThat(((TextContent) first.content().get(0)).text()).contains("more exist, but this action cannot continue from here");
  }
}
