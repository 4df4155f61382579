package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.mcp.json.McpJson;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's first "done when": a connector for an API that is not Okta ("Tix"), from YAML alone, against a server
 * that speaks RFC 9457 problem+json, the IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers) and takes its
 * search cursor in a POST body. In the CLI ({@code switchboard run}) and over MCP ({@code switchboard mcp} on stdio,
 * in its own process): the problem's detail and request id are shown, the calls are paced by the headers (the server
 * counts every request that arrives before the window it announced has reset, and answers it 429), and the
 * continuation hint names what really continues the listing.
 */
class TixFromYamlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "tix-token-5b0c7e91d2";
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  @TempDir
  Path dir;

  private HttpServer server;
  private final List<String> searches = new CopyOnWriteArrayList<>();
  /** Requests to the search that arrived before the window the previous answer announced had reset. */
  private final AtomicInteger early = new AtomicInteger();
  /** The epoch second at which the search's window resets (one request a second: each answer says none is left). */
  private final AtomicLong resetsAt = new AtomicLong();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tickets/search", this::search);
    server.createContext("/tickets/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestURI().getPath().substring("/tickets/".length());
      send(exchange, 404, "application/problem+json", Map.of("X-Request-Id", "req-404-" + id),
          "{\"type\":\"https://tix.example/probs/no-ticket\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no ticket "
              + id + "\"}");
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Tickets T1..T5, two a page; the cursor in {"page": {"token": ...}}, the next one in "next_token". */
  private void search(HttpExchange exchange) throws IOException {
    String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    long second = now; // the Date below is this second, so a client reads the reset as the next one
    String date = HTTP_DATE.format(Instant.ofEpochSecond(second));
    Map<String, String> headers = Map.of("Date", date, "RateLimit-Policy", "\"burst\";q=1;w=1", "RateLimit", "\"burst\";r=0;t=1");
    if (now < resetsAt.get()) {
      early.incrementAndGet();
      send(exchange, 429, "application/problem+json", headers, "{\"title\":\"Too Many Requests\",\"status\":429,"
          + "\"detail\":\"one search a second\"}");
      return;
    }
    resetsAt.set(second + 1);
    searches.add(text);
    JsonNode token = JSON.readTree(text).path("page").path("token");
    int from = token.isTextual() ? Integer.parseInt(token.asText().substring(1)) + 1 : 1;
    int to = Math.min(from + 1, 5);
    List<String> tickets = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      tickets.add("{\"id\":\"T" + i + "\",\"title\":\"ticket " + i + "\"}");
    }
    send(exchange, 200, "application/json", headers, "{\"tickets\":[" + String.join(",", tickets) + "],\"next_token\":"
        + (to < 5 ? "\"T" + to + "\"" : "null") + "}");
  }

  private static void send(HttpExchange exchange, int status, String type, Map<String, String> headers, String body)
      throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(out);
    }
  }

  /** Writes the connector's YAML and returns the environment that points the CLI at it and at the server. */
  private Map<String, String> env() throws IOException {
    Path c = dir.resolve("defs/tix");
    Files.createDirectories(c.resolve("actions"));
    Files.writeString(c.resolve("connector.yaml"), """
        name: tix
        title: Tix
        base_url: "{{config.url}}"
        config:
          url: {env: TIX_URL}
        auth: {type: bearer, secret: tix_token}
        """);
    Files.writeString(c.resolve("actions/search_tickets.yaml"), """
        description: Searches tickets.
        method: POST
        path: /tickets/search
        body: {query: "{{query}}", page: {size: 2, token: "{{page_token}}"}}
        inputs:
          query: {type: string, required: true}
          page_token: {type: string}
        pagination: {type: cursor, cursor_path: next_token, cursor_in: body, cursor_param: /page/token}
        output: {records: tickets}
        annotations: {read_only: true, idempotent: true}
        """);
    Files.writeString(c.resolve("actions/get_ticket.yaml"), """
        description: Gets a ticket.
        method: GET
        path: /tickets/{{id}}
        inputs:
          id: {type: string, required: true}
        annotations: {read_only: true}
        """);
    return Map.of("SWITCHBOARD_DEFS", dir.resolve("defs").toString(), "SWITCHBOARD_HOME", dir.resolve("home").toString(),
        "TIX_URL", "http://127.0.0.1:" + server.getAddress().getPort(), "TIX_TOKEN", TOKEN);
  }

  @Test
  void inTheCliTheProblemIsShownTheListingIsPacedAndTheHintNamesTheCursorInput() throws Exception {
    Map<String, String> env = env();
    CliTest.Outcome missing = CliTest.run(env, "run", "tix.get_ticket", "--input", "id=T999");
    assertThat(missing.code()).isEqualTo(Main.EXIT_FAILED);
    assertThat(missing.err()).contains("Tix answered 404 https://tix.example/probs/no-ticket \"no ticket T999\"",
        "Request id: req-404-T999").doesNotContain(TOKEN);

    CliTest.Outcome first = CliTest.run(env, "run", "tix.search_tickets", "--input", "query=printer", "--output", "jsonl");
    assertThat(first.code()).isZero();
    assertThat(first.out().lines()).hasSize(2);
    assertThat(first.err()).contains("2 records; more exist: add --all to fetch every page, or continue with --input"
        + " page_token=T2").doesNotContain("after=");

    resetsAt.set(0); // a new process knows nothing of the last one's window; pace from here
    searches.clear();
    CliTest.Outcome all = CliTest.run(env, "run", "tix.search_tickets", "--input", "query=printer", "--all", "--output", "jsonl");
    assertThat(all.code()).isZero();
    assertThat(all.out().lines()).hasSize(5);
    assertThat(all.err()).contains("5 records from 3 pages");
    assertThat(searches).as("one request per page, each with the cursor of the last in its body").containsExactly(
        "{\"query\":\"printer\",\"page\":{\"size\":2}}",
        "{\"query\":\"printer\",\"page\":{\"size\":2,\"token\":\"T2\"}}",
        "{\"query\":\"printer\",\"page\":{\"size\":2,\"token\":\"T4\"}}");
    assertThat(early).as("requests sent before the announced reset").hasValue(0);
  }

  @Test
  void overMcpTheProblemIsShownTheCallsArePacedAndNextCursorContinues() throws Exception {
    Map<String, String> env = env();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> args = List.of("-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(), "mcp", "--max-items", "3");
    List<String> stderr = new CopyOnWriteArrayList<>();
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java.toString()).args(args).build(),
        McpJson.mapper()) {
      @Override
      protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().keySet().removeIf(k -> k.startsWith("OKTA_") || k.startsWith("SWITCHBOARD_") || k.startsWith("TIX_"));
        builder.environment().putAll(env);
        return builder;
      }
    };
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60)).jsonSchemaValidator(McpJson.validator()).build();
    try {
      client.initialize();
      McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("tix_get_ticket", Map.of("id", "T999")));
      assertThat(missing.isError()).isTrue();
      assertThat(text(missing)).contains("no ticket T999", "req-404-T999").doesNotContain(TOKEN);

      McpSchema.CallToolResult first = client.callTool(new McpSchema.CallToolRequest("tix_search_tickets", Map.of("query", "printer")));
      assertThat(first.isError()).isFalse();
      JsonNode one = McpJson.objectMapper().valueToTree(first.structuredContent());
      assertThat(ids(one)).containsExactly("T1", "T2", "T3");
      String cursor = one.path("next_cursor").asText();
      assertThat(cursor).isNotEmpty();
      assertThat(text(first)).contains("call tix_search_tickets with the same arguments plus \"next_cursor\": \"" + cursor + "\"")
          .doesNotContain("page_token");

      McpSchema.CallToolResult second = client.callTool(new McpSchema.CallToolRequest("tix_search_tickets",
          Map.of("query", "printer", "next_cursor", cursor)));
      assertThat(second.isError()).isFalse();
      JsonNode two = McpJson.objectMapper().valueToTree(second.structuredContent());
      assertThat(ids(two)).containsExactly("T4", "T5");
      assertThat(two.path("truncated").asBoolean()).isFalse();
    } finally {
      client.closeGracefully();
    }
    assertThat(searches.size()).as("the searches the server answered").isGreaterThanOrEqualTo(3);
    assertThat(early).as("requests sent before the announced reset").hasValue(0);
    assertThat(String.join("\n", stderr)).doesNotContain(TOKEN).doesNotContain("\tat ");
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  private static List<String> ids(JsonNode structured) {
    List<String> out = new ArrayList<>();
    structured.path("items").forEach(i -> out.add(i.path("id").asText()));
    return out;
  }
}
