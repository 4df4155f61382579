package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.core.transport.Exchange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The per-call observer of HTTP exchanges (contract C2): one record per request on the wire, free of secrets. */
class ExchangeObserverTest {

  @Test
  void eachRetryAndEachPageIsOneExchangeWithItsStatusRequestIdAndRateLimitRemaining() throws Exception {
    int[] firstPageAsks = {0};
    try (WireServer server = new WireServer(seen -> {
      String target = seen.rawUri().toString();
      if (target.equals("/v1/items") && firstPageAsks[0]++ == 0) {
        return new WireServer.Answer(503, Map.of("Retry-After", List.of("0"), "X-Request-Id", List.of("req-1")), "");
      }
      if (target.equals("/v1/items")) {
        return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"), "X-Request-Id", List.of("req-2"),
            "X-RateLimit-Remaining", List.of("41")), "{\"items\":[{\"n\":1}],\"next\":\"2\"}");
      }
      return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
          "X-Request-Id", List.of("echo " + Shop.KEY)), "{\"items\":[{\"n\":2}],\"next\":null}");
    }); Engine engine = Shop.engine(server.url())) {
      List<Exchange> exchanges = new CopyOnWriteArrayList<>();
      try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("shop.list_items"), Map.of(),
          new CallOptions(exchanges::add))) {
        assertThat(pages.count()).isEqualTo(2);
      }

      assertThat(exchanges).extracting(Exchange::method, Exchange::path, Exchange::status, Exchange::requestId,
              Exchange::rateLimitRemaining, Exchange::failure)
          .containsExactly(
              tuple("GET", "/v1/items", 503, Optional.of("req-1"), OptionalLong.empty(), Optional.empty()),
              tuple("GET", "/v1/items", 200, Optional.of("req-2"), OptionalLong.of(41), Optional.empty()),
              tuple("GET", "/v1/items", 200, Optional.of("echo [REDACTED]"), OptionalLong.empty(),
                  Optional.empty()));
      assertThat(exchanges).allSatisfy(e -> assertThat(e.durationMs()).isNotNegative());
      assertThat(exchanges.toString()).doesNotContain(Shop.KEY).doesNotContain("after=");
    }
  }

  @Test
  void aCallWithoutAnObserverAndOneWithAnotherDoNotSeeEachOthersExchanges() throws Exception {
    try (WireServer server = new WireServer(seen -> WireServer.Answer.json(200, "{\"line\":\"x\"}"));
        Engine engine = Shop.engine(server.url())) {
      List<Exchange> mine = new CopyOnWriteArrayList<>();
      engine.call("shop.get_item", Map.of("id", TextNode.valueOf("1")));
      engine.call("shop.get_item", Map.of("id", TextNode.valueOf("2")), new CallOptions(mine::add));
      assertThat(mine).extracting(Exchange::path).containsExactly("/v1/items/2");
    }
  }

  @Test
  void anObserverThatThrowsDoesNotChangeTheCallsOutcome() throws Exception {
    try (WireServer server = new WireServer(seen -> WireServer.Answer.json(200, "{\"line\":\"ok\"}"));
        Engine engine = Shop.engine(server.url())) {
      ActionResult result = engine.call("shop.get_item", Map.of("id", TextNode.valueOf("1")),
          new CallOptions(e -> {
            throw new IllegalStateException("the run store is down");
          }));
      assertThat(result.output().get("line").asText()).isEqualTo("ok");
    }
  }
}
