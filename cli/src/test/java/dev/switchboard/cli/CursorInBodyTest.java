package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector for an API that is not Okta, whose search takes its cursor in a POST body, declared in YAML alone:
 * the CLI lists it page by page and its continuation hint names the action's real input (issue 11 point 3; the
 * hint used to say {@code --input after=...} whatever the action took).
 */
class CursorInBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
      JsonNode body = JSON.readTree(text);
      JsonNode token = body.path("page").path("token");
      int from = token.isTextual() ? Integer.parseInt(token.asText().substring(1)) + 1 : 1;
      int to = Math.min(from + 1, 5);
      List<String> tickets = new ArrayList<>();
      for (int i = from; i <= to; i++) {
        tickets.add("{\"id\":\"T" + i + "\",\"title\":\"ticket " + i + "\"}");
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

  private Map<String, String> env(String pagination) throws IOException {
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
        pagination: %s
        output: {records: tickets}
        """.formatted(pagination));
    return Map.of("SWITCHBOARD_DEFS", dir.resolve("defs").toString(),
        "TIX_URL", "http://127.0.0.1:" + server.getAddress().getPort(), "TIX_TOKEN", "tix-token-0123456789");
  }

  private static final String IN_BODY = "{type: cursor, cursor_path: next_token, cursor_in: body, cursor_param: /page/token}";

  @Test
  void theHintAfterTheFirstPageNamesTheInputThatTakesTheCursor() throws Exception {
    CliTest.Outcome first = CliTest.run(env(IN_BODY), "run", "tix.search_tickets", "--input", "query=printer", "--output", "jsonl");
    assertThat(first.code()).isZero();
    assertThat(first.out()).contains("\"T1\"", "\"T2\"").doesNotContain("\"T3\"");
    assertThat(first.err()).contains("2 records; more exist: add --all to fetch every page, or continue with --input page_token=T2")
        .doesNotContain("after=");

    CliTest.Outcome next = CliTest.run(env(IN_BODY), "run", "tix.search_tickets", "--input", "query=printer",
        "--input", "page_token=T2", "--output", "jsonl");
    assertThat(next.code()).isZero();
    assertThat(next.out()).contains("\"T3\"", "\"T4\"").doesNotContain("\"T2\"");
    assertThat(next.err()).contains("continue with --input page_token=T4");
    assertThat(bodies).containsExactly("{\"query\":\"printer\",\"page\":{\"size\":2}}",
        "{\"query\":\"printer\",\"page\":{\"size\":2,\"token\":\"T2\"}}");
  }

  @Test
  void allFollowsTheCursorInTheBodyToTheLastPage() throws Exception {
    CliTest.Outcome all = CliTest.run(env(IN_BODY), "run", "tix.search_tickets", "--input", "query=printer", "--all",
        "--output", "jsonl");
    assertThat(all.code()).isZero();
    assertThat(all.out().lines()).hasSize(5);
    assertThat(all.err()).contains("5 records from 3 pages");
  }

  @Test
  void whenNoInputTakesTheCursorTheHintSaysSo() throws Exception {
    Map<String, String> env = env("{type: cursor, cursor_path: next_token, cursor_in: body, cursor_param: /page/after}");
    CliTest.Outcome first = CliTest.run(env, "run", "tix.search_tickets", "--input", "query=printer", "--output", "jsonl");
    assertThat(first.code()).isZero();
    assertThat(first.err()).contains("more exist: add --all to fetch every page (no input of tix.search_tickets takes its"
        + " cursor, so a later run cannot continue from here)").doesNotContain("--input");
  }
}
