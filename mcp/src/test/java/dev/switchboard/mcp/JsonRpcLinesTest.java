package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StringWriter log = new StringWriter();
  private final ByteArrayOutputStream answers = new ByteArrayOutputStream();

  private String passed(byte[] input) throws Exception {
    JsonRpcLines lines = new JsonRpcLines(new ByteArrayInputStream(input), new PrintWriter(log), null, answers);
    return new String(lines.readAllBytes(), StandardCharsets.UTF_8);
  }

  private List<JsonNode> answers() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : answers.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  @Test
  void messagesPassThroughAndBlankLinesAreSkippedSilently() throws Exception {
    String input = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n\n  \n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    assertThat(passed(input.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");
    assertThat(answers.size()).isZero();
    assertThat(log.toString()).isEmpty();
  }

  @Test
  void aLineThatIsNotJsonIsAnsweredWithAParseErrorAndIdNull() throws Exception {
    String input = "{not json\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n";
    assertThat(passed(input.getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n");
    List<JsonNode> errors = answers();
    assertThat(errors).hasSize(2).allSatisfy(e -> {
      assertThat(e.path("jsonrpc").asText()).isEqualTo("2.0");
      assertThat(e.has("id")).isTrue();
      assertThat(e.get("id").isNull()).isTrue();
      assertThat(e.path("error").path("code").asInt()).isEqualTo(-32700);
      assertThat(e.path("error").path("message").asText()).startsWith("Parse error: ").contains("not JSON");
    });
    assertThat(log.toString()).contains("answered -32700");
  }

  @Test
  void jsonThatIsNotAMessageIsAnInvalidRequestWithItsIdWhenItHasOne() throws Exception {
    String input = "[1,2]\n{\"jsonrpc\":\"2.0\",\"id\":51}\n{\"id\":\"a\",\"method\":\"ping\"}\n42\n";
    assertThat(passed(input.getBytes(StandardCharsets.UTF_8))).isEmpty();
    List<JsonNode> errors = answers();
    assertThat(errors).extracting(e -> e.path("error").path("code").asInt()).containsOnly(-32600);
    assertThat(errors).extracting(e -> e.get("id").toString()).containsExactly("null", "51", "\"a\"", "null");
  }

  @Test
  void anOversizedLineIsAnsweredWithAParseErrorWithoutHoldingIt() throws Exception {
    byte[] big = new byte[JsonRpcLines.MAX_LINE_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'x');
    byte[] next = "\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[big.length + next.length];
    System.arraycopy(big, 0, all, 0, big.length);
    System.arraycopy(next, 0, all, big.length, next.length);
    assertThat(passed(all)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n");
    JsonNode error = answers().get(0);
    assertThat(error.get("id").isNull()).isTrue();
    assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(error.path("error").path("message").asText()).contains((JsonRpcLines.MAX_LINE_BYTES + 10) + " bytes");
  }
}
