package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.json.McpJson;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios over stdio: the server runs in a subprocess ({@link StdioTestServer}), launched by the SDK's
 * {@link StdioClientTransport} as an MCP host launches a server, so stdout carries only MCP messages or the
 * client fails to parse them.
 */
class StdioTransportTest extends ToolScenarios {
  private static final List<String> stderr = new CopyOnWriteArrayList<>();
  private static McpSyncClient plain;
  private static McpSyncClient eliciting;

  /** Returns the command that runs a class of this test class path in a new JVM. */
  static ServerParameters.Builder java(String mainClass, String... args) {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters.Builder b = ServerParameters.builder(java).arg("-Xshare:auto").arg("-XX:TieredStopAtLevel=1")
        .arg("-cp").arg(classPath).arg(mainClass);
    for (String a : args) {
      b.arg(a);
    }
    return b;
  }

  static McpSyncClient connect(boolean elicitation) {
    StdioClientTransport transport = new StdioClientTransport(
        java(StdioTestServer.class.getName(), defs.toString()).env(serverEnv()).build(), McpJson.mapper());
    transport.setStdErrorHandler(stderr::add);
    McpClient.SyncSpec spec = McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60))
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
      plain = connect(false);
    }
    return plain;
  }

  @Override
  McpSyncClient elicitingClient() {
    if (eliciting == null) {
      eliciting = connect(true);
    }
    return eliciting;
  }

  @Override
  String serverLog() {
    return String.join("\n", stderr);
  }

  @AfterAll
  static void disconnect() {
    for (McpSyncClient client : new McpSyncClient[] {plain, eliciting}) {
      if (client != null) {
        client.closeGracefully();
      }
    }
    plain = null;
    eliciting = null;
  }

  @Test
  void theServerLogsEachCallOnStderrWithoutArgumentsOrResults() {
    call(plainClient(), "shop_get_item", java.util.Map.of("id", "it11"));
    assertThat(serverLog()).contains("switchboard mcp: shop_get_item ok (HTTP 200)").doesNotContain("Item 11");
  }
}
