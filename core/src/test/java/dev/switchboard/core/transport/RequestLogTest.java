package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The request log's lines carry a server's words, never its control bytes: a terminal shows them, never obeys them. */
class RequestLogTest {
  private static final String HOSTILE = "\u001b]0;owned\u0007\u001b[2J\r\nswitchboard: GET fake -> 200\u202e\u009b31m\u007f";

  private static List<String> run(Transport transport) {
    List<String> lines = new ArrayList<>();
    Interceptor.Pipeline pipeline = Interceptor.pipeline(List.of(new RequestLog(lines::add, UnaryOperator.identity(),
        r -> r.header("x-okta-request-id"), r -> r.header("x-rate-limit-remaining"))), transport);
    try {
      pipeline.send(new Request("GET", URI.create("http://127.0.0.1:9/api/v1/users"), Map.of(), new byte[0]),
          CallContext.start("/api/v1/users", true, Duration.ofSeconds(5)));
    } catch (IOException | InterruptedException e) {
      // the failure's line is what is checked
    }
    return lines;
  }

  private static void assertPrintable(String line) {
    assertThat(line.codePoints()).noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
  }

  @Test
  void controlCharactersAServerSendsInHeadersAreShownEscaped() {
    List<String> lines = run((request, timeout) -> new Response(request.uri(), 200,
        Map.of("x-okta-request-id", List.of(HOSTILE), "x-rate-limit-remaining", List.of("9\u001b[0m")), new byte[0], 1_000_000));
    assertThat(lines).hasSize(1);
    assertPrintable(lines.get(0));
    assertThat(lines.get(0)).contains("\\u001b]0;owned\\u0007").contains("\\u000d\\u000a").contains("\\u202e").contains("9\\u001b[0m");
  }

  @Test
  void controlCharactersInAFailureAreShownEscaped() {
    List<String> lines = run((request, timeout) -> {
      throw new IOException("invalid status line: " + HOSTILE);
    });
    assertThat(lines).hasSize(1);
    assertPrintable(lines.get(0));
    assertThat(lines.get(0)).contains("failed: IOException: invalid status line: \\u001b]0;owned");
  }

  @Test
  void theLineIsScrubbedBeforeItIsEscaped() {
    List<String> lines = new ArrayList<>();
    Interceptor.Pipeline pipeline = Interceptor.pipeline(List.of(new RequestLog(lines::add, t -> t.replace("sec\nret", "[REDACTED]"),
        r -> r.header("x-okta-request-id"), r -> Optional.empty())),
        (request, timeout) -> new Response(request.uri(), 200, Map.of("x-okta-request-id", List.of("sec\nret")), new byte[0], 1));
    try {
      pipeline.send(new Request("GET", URI.create("http://127.0.0.1:9/x"), Map.of(), new byte[0]),
          CallContext.start("/x", true, Duration.ofSeconds(5)));
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(lines.get(0)).contains("(request id [REDACTED])");
  }
}
