package dev.switchboard.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.Engine;
import dev.switchboard.mcp.SwitchboardMcpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Streamable HTTP endpoint's guard on the wire (raw HTTP/1.1 over a socket, so that Host and Origin can be
 * anything): Host and Origin checks against DNS rebinding and foreign pages, then the bearer API key.
 */
class RequestGuardTest {
  private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
      + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
  private static ApiKey key;
  private static HttpEndpoint endpoint;
  private static int port;

  record Reply(int status, Map<String, String> headers, String body) {}

  @BeforeAll
  static void serve() throws IOException {
    Path dir = Files.createTempDirectory("guard");
    Files.createDirectories(dir.resolve("actions"));
    Files.writeString(dir.resolve("connector.yaml"), "name: demo\nbase_url: \"https://demo.example\"\nauth: {type: none}\n");
    Files.writeString(dir.resolve("actions/ping.yaml"), "description: Pings.\nmethod: GET\npath: /ping\n");
    Engine engine = Engine.builder(Catalog.of(DefinitionLoader.loadDirectory(dir))).build();
    key = ApiKey.generate(new SecureRandom());
    endpoint = SwitchboardMcpServer.builder(engine).build()
        .serveHttp(new HttpOptions(HttpOptions.LOOPBACK, 0, key, List.of("https://app.example.com")));
    port = endpoint.port();
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  private static Reply send(String method, Map<String, String> headers, String body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      StringBuilder request = new StringBuilder(method).append(" /mcp HTTP/1.1\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      request.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String[] head = text.substring(0, split).split("\r\n");
      Map<String, String> replyHeaders = new LinkedHashMap<>();
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        replyHeaders.put(head[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT), head[i].substring(colon + 1).strip());
      }
      return new Reply(Integer.parseInt(head[0].split(" ")[1]), replyHeaders, text.substring(split + 4));
    }
  }

  private static Map<String, String> headers(String host, String origin, String authorization) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", host);
    if (origin != null) {
      h.put("Origin", origin);
    }
    if (authorization != null) {
      h.put("Authorization", authorization);
    }
    h.put("Content-Type", "application/json");
    h.put("Accept", "application/json, text/event-stream");
    return h;
  }

  private static String self() {
    return "127.0.0.1:" + port;
  }

  @Test
  void aRequestWithTheKeyAndNoOriginIsServed() throws IOException {
    Reply reply = send("POST", headers(self(), null, "Bearer " + key.reveal()), INITIALIZE);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers()).containsKey("mcp-session-id");
    assertThat(reply.body()).contains("\"serverInfo\"");
  }

  @Test
  void theServerListensOnLoopbackOnly() {
    assertThat(endpoint.uri().toString()).isEqualTo("http://127.0.0.1:" + port + "/mcp");
  }

  @Test
  void aRequestWithoutTheKeyIsRefusedWith401AndAHint() throws IOException {
    Reply reply = send("POST", headers(self(), null, null), INITIALIZE);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.headers().get("www-authenticate")).startsWith("Bearer");
    assertThat(reply.body()).contains("Authorization: Bearer <key>", ApiKey.ENV);
  }

  @Test
  void aWrongKeyIsRefusedWith401AndNeitherKeyIsEchoed() throws IOException {
    String wrong = "test-only-wrong-key";
    Reply reply = send("POST", headers(self(), null, "Bearer " + wrong), INITIALIZE);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body()).contains("not this server's").doesNotContain(wrong, key.reveal());
  }

  @Test
  void aForeignOriginIsRefusedWith403EvenWithTheKey() throws IOException {
    Reply reply = send("POST", headers(self(), "https://evil.example", "Bearer " + key.reveal()), INITIALIZE);
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.body()).contains("https://evil.example", "--allow-origin");
  }

  @Test
  void aForeignHostNameIsRefusedWith421AgainstDnsRebinding() throws IOException {
    Reply reply = send("POST", headers("attacker.example:" + port, null, "Bearer " + key.reveal()), INITIALIZE);
    assertThat(reply.status()).isEqualTo(421);
    assertThat(reply.body()).contains("attacker.example");
  }

  @Test
  void theServersOwnOriginAndLocalhostAreAllowed() throws IOException {
    Reply own = send("POST", headers(self(), "http://127.0.0.1:" + port, "Bearer " + key.reveal()), INITIALIZE);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.headers().get("access-control-allow-origin")).isEqualTo("http://127.0.0.1:" + port);
    Reply localhost = send("POST", headers("localhost:" + port, "http://localhost:" + port, "Bearer " + key.reveal()), INITIALIZE);
    assertThat(localhost.status()).isEqualTo(200);
  }

  @Test
  void anOriginAllowedByOptionPassesItsPreflightWithoutTheKey() throws IOException {
    Map<String, String> h = headers(self(), "https://app.example.com", null);
    h.put("Access-Control-Request-Method", "POST");
    Reply preflight = send("OPTIONS", h, "");
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.headers().get("access-control-allow-headers")).contains("Authorization", "Mcp-Session-Id");
    Reply call = send("POST", headers(self(), "https://app.example.com", "Bearer " + key.reveal()), INITIALIZE);
    assertThat(call.status()).isEqualTo(200);
  }

  @Test
  void aShortOrBlankApiKeyIsRefusedWithoutShowingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiKey.of("short-secret"))
        .hasMessageContaining("at least 24").hasMessageNotContaining("short-secret");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiKey.of("has a space inside the key value"))
        .hasMessageContaining("without spaces");
    assertThat(ApiKey.generate(new SecureRandom()).toString()).doesNotContain("sbk_");
  }

  @Test
  void aMalformedOrSessionlessRequestGetsAPlainJsonRpcErrorWithoutJavaInternals() throws IOException {
    Map<String, String> headers = Map.of("Host", "127.0.0.1:" + port, "Content-Type", "application/json",
        "Accept", "application/json, text/event-stream", "Authorization", "Bearer " + key.reveal());
    for (String body : List.of("{not json", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}")) {
      Reply reply = send("POST", headers, body);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":")
          .doesNotContain("stackTrace").doesNotContain("className");
    }
  }
}
