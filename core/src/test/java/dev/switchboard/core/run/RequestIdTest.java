package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.ratelimit.RateLimitFields;
import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a response's request id is read: the declared header first, then the common ones, then a vendor-prefixed one. */
class RequestIdTest {
  private static Response answer(Map<String, List<String>> headers) {
    return new Response(URI.create("http://127.0.0.1/x"), 200, headers, new byte[0], 1);
  }

  private static ResponseDecoder decoder(Optional<String> declared) {
    return new ResponseDecoder(JmesPathErrorDecoder.standard(), RateLimitFields.STANDARD, declared);
  }

  @Test
  void theDeclaredHeaderWinsOverTheCommonOnes() {
    Response r = answer(Map.of("x-request-id", List.of("common"), "x-trace", List.of("declared")));
    assertThat(decoder(Optional.of("X-Trace")).requestId(r)).contains("declared");
    assertThat(decoder(Optional.empty()).requestId(r)).contains("common");
  }

  @Test
  void withoutDeclarationAVendorPrefixedRequestIdIsFound() {
    assertThat(decoder(Optional.empty()).requestId(answer(Map.of("x-acme-request-id", List.of("r-1"))))).contains("r-1");
    assertThat(decoder(Optional.empty()).requestId(answer(Map.of("x-amzn-requestid", List.of("r-2"))))).contains("r-2");
    assertThat(decoder(Optional.empty()).requestId(answer(Map.of("x-requested-with", List.of("no"))))).isEmpty();
  }
}
