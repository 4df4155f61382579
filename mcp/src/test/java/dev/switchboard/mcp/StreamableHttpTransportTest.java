package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.http.ApiKey;
import dev.switchboard.mcp.http.HttpEndpoint;
import dev.switchboard.mcp.http.HttpOptions;
import dev.switchboard.mcp.json.McpJson;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scenarios over Streamable HTTP, with the SDK's HTTP client sending the bearer key. */
class StreamableHttpTransportTest extends ToolScenarios {
  private static final StringWriter log = new StringWriter();
  private static HttpEndpoint endpoint;
  private static ApiKey key;
  private static McpSyncClient plain;
  private static McpSyncClient eliciting;

  @BeforeAll
  static void serve() {
    key = ApiKey.generate(new SecureRandom());
    SwitchboardMcpServer server = SwitchboardMcpServer.builder(Fixtures.engine(Fixtures.catalog(defs), serverEnv()))
        .note("This is a test server.")
        .log(new PrintWriter(log, true))
        .build();
    endpoint = server.serveHttp(new HttpOptions(HttpOptions.LOOPBACK, 0, key, List.of()));
  }

  @AfterAll
  static void stop() {
    for (McpSyncClient client : new McpSyncClient[] {plain, eliciting}) {
      if (client != null) {
        client.closeGracefully();
      }
    }
    plain = null;
    eliciting = null;
    endpoint.close();
  }

  static McpSyncClient connect(String url, String bearer, boolean elicitation) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(url)
        .endpoint(HttpOptions.ENDPOINT)
        .jsonMapper(McpJson.mapper())
        .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + bearer))
        .build();
    McpClient.SyncSpec spec = McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(60))
        .jsonSchemaValidator(McpJson.validator());
    if (elicitation) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(ToolScenarios::elicit);
    }
    McpSyncClient client = spec.build();
    client.initialize();
    return client;
  }

  @Override
  McpSyncClient plainClient() {
    if (plain == null) {
      plain = connect("http://127.0.0.1:" + endpoint.port(), key.reveal(), false);
    }
    return plain;
  }

  @Override
  McpSyncClient elicitingClient() {
    if (eliciting == null) {
      eliciting = connect("http://127.0.0.1:" + endpoint.port(), key.reveal(), true);
    }
    return eliciting;
  }

  @Override
  String serverLog() {
    return log.toString();
  }

  @Test
  void withConfirmationOffADestructiveToolRunsAtOnceAndTheInstructionsSaySo() {
    ApiKey otherKey = ApiKey.generate(new SecureRandom());
    SwitchboardMcpServer server = SwitchboardMcpServer.builder(Fixtures.engine(Fixtures.catalog(defs), serverEnv()))
        .confirmation(Confirmation.OFF).build();
    try (HttpEndpoint unattended = server.serveHttp(new HttpOptions(HttpOptions.LOOPBACK, 0, otherKey, List.of()))) {
      McpSyncClient client = connect("http://127.0.0.1:" + unattended.port(), otherKey.reveal(), false);
      try {
        assertThat(client.getServerInstructions()).contains("Confirmation of destructive tools is off");
        McpSchema.Tool delete = client.listTools().tools().stream().filter(t -> t.name().equals("shop_delete_item")).findFirst().orElseThrow();
        assertThat(delete.annotations().destructiveHint()).isTrue();
        assertThat(delete.inputSchema().toString()).doesNotContain("confirmation_token");
        McpSchema.CallToolResult done = call(client, "shop_delete_item", Map.of("id", "it13"));
        assertThat(done.isError()).as(text(done)).isFalse();
        assertThat(shop.deleted).contains("it13");
      } finally {
        client.closeGracefully();
      }
    }
  }
}
