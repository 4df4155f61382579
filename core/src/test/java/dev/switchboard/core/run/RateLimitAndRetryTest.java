package dev.switchboard.core.run;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ActionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.core.time.ManualTime;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits, retries and time budgets on the wire (cases C08 and C09 of ../shared/cases/okta-wire-cases.md). */
class RateLimitAndRetryTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String API_KEY = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";
  private static final String GET_USER = """
      description: Gets a user.
      method: GET
      path: /api/v1/users/{{id}}
      inputs:
        id: {type: string, required: true}
      """;
  private static final String CREATE_USER = """
      description: Creates a user.
      method: POST
      path: /api/v1/users
      body: {profile: {login: "{{login}}"}}
      inputs:
        login: {type: string, required: true}
      """;

  @TempDir
  Path dir;

  private static String httpDate(long epochMillis) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
  }

  private Engine engine(String extra, WireServer server) {
    return Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(API_KEY, extra), Map.of("get_user", GET_USER, "create_user", CREATE_USER)),
        server.url(), Map.of("testorg_api_token", Fixtures.TOKEN));
  }

  /** An engine that waits by a hand-moved clock, so that its waits take no time. */
  private Engine engine(String extra, WireServer server, ManualTime time) {
    return Engine.builder(Fixtures.catalog(dir, Fixtures.connector(API_KEY, extra), Map.of("get_user", GET_USER, "create_user", CREATE_USER)))
        .config(ConfigSource.of(Map.of("testorg", Map.of("org_url", server.url()))))
        .secrets(new MapSecretStore("the test").put("testorg_api_token", Fixtures.TOKEN))
        .time(time)
        .build();
  }

  @Test
  void a429IsRetriedOnlyAfterTheResetMeasuredAgainstTheServerDateCaseC08() throws Exception {
    long[] reset = new long[1];
    List<Long> sentAt = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    ManualTime time = ManualTime.realPlusWaits(); // the server's Date is the real time
    try (WireServer server = new WireServer(r -> {
      long now = time.epochMillis();
      sentAt.add(now);
      if (calls.getAndIncrement() == 0) {
        reset[0] = now / 1000 + 3;
        return new WireServer.Answer(429, Map.of("Content-Type", List.of("application/json"), "Date", List.of(httpDate(now)),
            "X-Rate-Limit-Limit", List.of("600"), "X-Rate-Limit-Remaining", List.of("0"), "X-Rate-Limit-Reset", List.of(Long.toString(reset[0]))),
            "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many requests.\"}");
      }
      return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"), "Date", List.of(httpDate(now))), "{\"id\":\"00u1\"}");
    })) {
      ActionResult result = engine(Fixtures.OKTA_RATE_LIMIT, server, time).call("testorg.get_user", Map.of("id", F.textNode("00u1")));
      assertThat(result.status()).isEqualTo(200);
      assertThat(server.seen).hasSize(2);
      assertThat(sentAt.get(1)).isGreaterThanOrEqualTo(reset[0] * 1000);
      // until the reset on the server's clock: 3 s after its Date (2 s if a second began between Date and reset)
      assertThat(time.waits()).singleElement().satisfies(w -> assertThat(w).isBetween(2000L, 3000L));
      assertThat(result.stats().rateLimited()).isEqualTo(1);
      assertThat(result.stats().retries()).isEqualTo(1);
      assertThat(result.stats().rateLimitWaitMs()).isEqualTo(time.waits().get(0));
    }
  }

  @Test
  void fortyParallelCallsAgainstABucketOfTenAllSucceedWithFew429sCaseC09() throws Exception {
    AtomicInteger tooMany = new AtomicInteger();
    Object lock = new Object();
    long[] window = {0};
    int[] used = {0};
    try (WireServer server = new WireServer(r -> {
      long now = System.currentTimeMillis();
      long second = now / 1000;
      int remaining;
      boolean allowed;
      synchronized (lock) {
        if (second != window[0]) {
          window[0] = second;
          used[0] = 0;
        }
        allowed = used[0] < 10;
        if (allowed) {
          used[0]++;
        }
        remaining = 10 - used[0];
      }
      Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"), "Date", List.of(httpDate(now)),
          "X-Rate-Limit-Limit", List.of("10"), "X-Rate-Limit-Remaining", List.of(Integer.toString(remaining)),
          "X-Rate-Limit-Reset", List.of(Long.toString(second + 1)));
      if (!allowed) {
        tooMany.incrementAndGet();
        return new WireServer.Answer(429, headers, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"rate limit\"}");
      }
      return new WireServer.Answer(200, headers, "{\"id\":\"00u1\"}");
    })) {
      Engine engine = engine(Fixtures.OKTA_RATE_LIMIT + "retry: {max_attempts: 6}\n", server);
      ExecutorService pool = Executors.newFixedThreadPool(40);
      List<Future<ActionResult>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> engine.call("testorg.get_user", Map.of("id", F.textNode("00u1")))));
      }
      for (Future<ActionResult> f : futures) {
        assertThat(f.get().status()).isEqualTo(200);
      }
      pool.shutdown();
      assertThat(tooMany.get()).isLessThanOrEqualTo(4);
      assertThat(server.seen.size()).isEqualTo(40 + tooMany.get());
    }
  }

  @Test
  void a503OnAGetIsRetriedWithOktaRetryHeaders() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (WireServer server = new WireServer(r -> calls.getAndIncrement() == 0
        ? new WireServer.Answer(503, Map.of("Content-Type", List.of("application/json"), "X-Okta-Request-Id", List.of("first-req")), "{}")
        : WireServer.Answer.json(200, "{\"id\":\"00u1\"}"))) {
      ManualTime time = new ManualTime(1_733_000_000_000L);
      ActionResult result = engine("retry: {initial_backoff_ms: 1000, headers: {X-Okta-Retry-For: \"{{first_request_id}}\","
          + " X-Okta-Retry-Count: \"{{retry_count}}\"}}\n", server, time)
          .call("testorg.get_user", Map.of("id", F.textNode("00u1")));
      assertThat(time.waits()).singleElement().satisfies(w -> assertThat(w).isBetween(500L, 1500L)); // ±50% jitter
      assertThat(result.stats().backoffWaitMs()).isEqualTo(time.waits().get(0));
      assertThat(result.status()).isEqualTo(200);
      assertThat(server.seen).hasSize(2);
      assertThat(server.seen.get(0).header("X-Okta-Retry-For")).isNull();
      assertThat(server.seen.get(1).header("X-Okta-Retry-For")).isEqualTo("first-req");
      assertThat(server.seen.get(1).header("X-Okta-Retry-Count")).isEqualTo("1");
      assertThat(result.stats().retries()).isEqualTo(1);
    }
  }

  @Test
  void a503OnAPostIsNotRetried() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(503, "{\"errorCode\":\"E0000009\",\"errorSummary\":\"Internal Server Error\"}"))) {
      assertThatThrownBy(() -> engine("retry: {initial_backoff_ms: 10}\n", server).call("testorg.create_user", Map.of("login", F.textNode("a@b.c"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
            assertThat(e.status()).isEqualTo(503);
          });
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void a429OnAPostIsRetriedBecauseTheServerDidNotActOnIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (WireServer server = new WireServer(r -> calls.getAndIncrement() == 0
        ? new WireServer.Answer(429, Map.of("Content-Type", List.of("application/json"), "Retry-After", List.of("0")), "{}")
        : WireServer.Answer.json(200, "{\"id\":\"00u9\"}"))) {
      ActionResult result = engine("", server).call("testorg.create_user", Map.of("login", F.textNode("a@b.c")));
      assertThat(result.status()).isEqualTo(200);
      assertThat(server.seen).hasSize(2);
    }
  }

  @Test
  void retriesStopAtMaxAttemptsAndTheLastAnswerIsReported() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(504, "{\"errorSummary\":\"gateway timeout\"}"))) {
      ManualTime time = new ManualTime(1_733_000_000_000L);
      assertThatThrownBy(() -> engine("retry: {max_attempts: 3, initial_backoff_ms: 500}\n", server, time)
          .call("testorg.get_user", Map.of("id", F.textNode("x"))))
          .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT));
      assertThat(server.seen).hasSize(3);
      assertThat(time.waits()).hasSize(2); // between the three attempts, none after the last
    }
  }

  @Test
  void aSlowServerHitsTheRequestTimeout() throws Exception {
    try (WireServer server = new WireServer(r -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return WireServer.Answer.json(200, "{}");
    })) {
      Engine engine = engine("timeouts: {request_ms: 300, call_ms: 1000}\nretry: {max_attempts: 1}\n", server);
      long start = System.nanoTime();
      assertThatThrownBy(() -> engine.call("testorg.get_user", Map.of("id", F.textNode("x"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(e.getMessage()).contains("did not answer in time");
          });
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
    }
  }

  @Test
  void retriesNeverWaitPastTheCallBudget() throws Exception {
    try (WireServer server = new WireServer(r -> new WireServer.Answer(503,
        Map.of("Content-Type", List.of("application/json"), "Retry-After", List.of("30")), "{}"))) {
      ManualTime time = new ManualTime(1_733_000_000_000L);
      assertThatThrownBy(() -> engine("timeouts: {call_ms: 2000}\n", server, time).call("testorg.get_user", Map.of("id", F.textNode("x"))))
          .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.status()).isEqualTo(503));
      assertThat(time.waits()).isEmpty(); // 30 s would end past the 2 s budget, so the 503 is handed back at once
      assertThat(server.seen).hasSize(1);
    }
  }
}
