package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.agent.OutputBudget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that writes its requests and closes stdin at once still gets every answer. */
class StdioEndOfInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path defs;

  private List<JsonNode> serve(String... lines) throws Exception {
    SwitchboardMcpServer server = SwitchboardMcpServer.builder(Fixtures.engine(Fixtures.catalog(Fixtures.write(defs)),
            Map.of("SHOP_URL", "http://127.0.0.1:9", "SHOP_API_KEY", "test-key-123")))
        .budget(OutputBudget.DEFAULT)
        .log(new PrintWriter(new StringWriter()))
        .build();
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StdioConnection connection = server.serveStdio(new ByteArrayInputStream(input), out);
    assertThat(connection.awaitEnd(Duration.ofSeconds(30))).as("the connection ended").isTrue();
    connection.close();
    List<JsonNode> messages = new ArrayList<>();
    synchronized (out) {
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          messages.add(JSON.readTree(line));
        }
      }
    }
    return messages;
  }

  @Test
  void requestsPipedInAndClosedAreAllAnswered() throws Exception {
    List<JsonNode> answers = serve(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"script\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    assertThat(answers).extracting(a -> a.path("id").asInt()).containsExactly(1, 2);
    assertThat(answers.get(1).path("result").path("tools").size()).isPositive();
  }

  @Test
  void aRequestBeforeInitializeDoesNotHoldTheEndBack() throws Exception {
    long start = System.nanoTime();
    serve("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}"); // the SDK answers nothing before initialize
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aLineThatIsNotJsonIsAnsweredWithAParseErrorAndTheSessionGoesOn() throws Exception {
    List<JsonNode> answers = serve(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"script\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
    assertThat(answers).hasSize(3);
    assertThat(answers).filteredOn(a -> a.path("id").isNull())
        .singleElement().satisfies(a -> assertThat(a.path("error").path("code").asInt()).isEqualTo(-32700));
    assertThat(answers).filteredOn(a -> a.path("id").asInt() == 3)
        .singleElement().satisfies(a -> assertThat(a.path("result").path("tools").size()).isPositive());
  }
}
