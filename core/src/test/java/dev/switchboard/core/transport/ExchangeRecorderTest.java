package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The link that reports exchanges to a call's observer. */
class ExchangeRecorderTest {
  private static final String SECRET = "tok-abcdef-123456";

  private static final ExchangeRecorder RECORDER = new ExchangeRecorder(text -> text.replace(SECRET, "[REDACTED]"),
      response -> response.header("x-request-id"), response -> OptionalLong.empty());

  @Test
  void anExchangeWithoutAResponseIsReportedWithStatusZeroAndTheFailureScrubbed() {
    List<Exchange> seen = new CopyOnWriteArrayList<>();
    Interceptor.Pipeline pipeline = Interceptor.pipeline(List.of(RECORDER), (request, timeout) -> {
      throw new IOException("connection reset while sending " + SECRET);
    });
    Request request = new Request("POST", URI.create("http://127.0.0.1:1/users/" + SECRET + "?key=" + SECRET), Map.of(), new byte[0]);
    CallContext call = CallContext.start("/users", false, Duration.ofSeconds(5), seen::add);

    assertThatThrownBy(() -> pipeline.send(request, call)).isInstanceOf(IOException.class);

    assertThat(seen).hasSize(1);
    Exchange exchange = seen.get(0);
    assertThat(exchange.method()).isEqualTo("POST");
    assertThat(exchange.path()).isEqualTo("/users/[REDACTED]");
    assertThat(exchange.status()).isZero();
    assertThat(exchange.requestId()).isEmpty();
    assertThat(exchange.failure()).contains("IOException: connection reset while sending [REDACTED]");
  }

  @Test
  void aCallNobodyObservesPassesStraightThrough() throws Exception {
    Response answer = new Response(URI.create("http://127.0.0.1:1/x"), 200, Map.of("x-request-id", List.of("r1")), new byte[0], 1);
    Interceptor.Pipeline pipeline = Interceptor.pipeline(List.of(RECORDER), (request, timeout) -> answer);
    Request request = new Request("GET", URI.create("http://127.0.0.1:1/x"), Map.of(), new byte[0]);
    assertThat(pipeline.send(request, CallContext.start("/x", true, Duration.ofSeconds(5)))).isSameAs(answer);
  }
}
