package dev.switchboard.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.Interceptor;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate-limit link keeps its buckets where its store says: asked once per bucket, each permit released once. */
class RateLimitStoreTest {
  @Test
  void theLinkAsksItsStoreOncePerBucketAndReleasesEachPermitWithTheResponse() throws Exception {
    List<String> opened = new ArrayList<>();
    List<String> released = new ArrayList<>();
    RateLimitStore recording = (scope, bucket, clock, reserve, time) -> {
      opened.add(scope + " " + bucket);
      RateLimitStore.Bucket inner = RateLimitStore.IN_MEMORY.bucket(scope, bucket, clock, reserve, time);
      return call -> {
        RateLimitStore.Permit p = inner.acquire(call);
        return (headers, status) -> {
          released.add(status + " remaining " + headers.remaining());
          p.release(headers, status);
        };
      };
    };
    RateLimitInterceptor link = new RateLimitInterceptor(4, new RateLimitFields(RateLimitFields.Scheme.DECLARED,
        "x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset", RateLimitFields.ResetFormat.EPOCH_SECONDS, false),
        0, TimeSource.SYSTEM, recording, "https://acme.okta.com");
    long reset = System.currentTimeMillis() / 1000 + 60;
    Response answer = new Response(URI.create("https://acme.okta.com/api/v1/users"), 200, Map.of("x-rate-limit-limit",
        List.of("100"), "x-rate-limit-remaining", List.of("99"), "x-rate-limit-reset", List.of(Long.toString(reset))), new byte[0], 1);
    Interceptor.Pipeline pipeline = Interceptor.pipeline(List.of(link), (request, timeout) -> answer);
    Request request = new Request("GET", URI.create("https://acme.okta.com/api/v1/users"), Map.of(), new byte[0]);
    for (int i = 0; i < 3; i++) {
      pipeline.send(request, CallContext.start("/api/v1/users", true, Duration.ofSeconds(5)));
    }
    pipeline.send(request, CallContext.start("/api/v1/groups", true, Duration.ofSeconds(5)));
    assertThat(opened).containsExactly("https://acme.okta.com /api/v1/users", "https://acme.okta.com /api/v1/groups");
    assertThat(released).hasSize(4).allMatch(r -> r.equals("200 remaining 99"));
  }
}
