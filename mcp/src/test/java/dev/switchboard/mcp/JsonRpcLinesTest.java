package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRpcLinesTest {
  @Test
  void linesThatAreNotJsonRpcMessagesAreDroppedAndTheRestPassThrough() throws Exception {
    String input = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n\n{not json\n[1,2]\n{\"jsonrpc\":\"2.0\",\"id\":51}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    StringWriter log = new StringWriter();
    JsonRpcLines lines = new JsonRpcLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(log));
    String passed = new String(lines.readAllBytes(), StandardCharsets.UTF_8);
    assertThat(passed).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");
    assertThat(log.toString().lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("dropped a line"));
  }

  @Test
  void anOversizedLineIsDroppedWithoutHoldingIt() throws Exception {
    byte[] big = new byte[JsonRpcLines.MAX_LINE_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'x');
    byte[] next = "\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[big.length + next.length];
    System.arraycopy(big, 0, all, 0, big.length);
    System.arraycopy(next, 0, all, big.length, next.length);
    StringWriter log = new StringWriter();
    JsonRpcLines lines = new JsonRpcLines(new ByteArrayInputStream(all), new PrintWriter(log));
    assertThat(new String(lines.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n");
    assertThat(log.toString()).contains("dropped a message of");
  }
}
