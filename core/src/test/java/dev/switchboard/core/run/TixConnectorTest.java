package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.core.definition.ConnectorSource;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.SourceText;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.core.time.ManualTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A connector for an API that is not Okta ("Tix", a ticket service), from YAML alone: its errors in RFC 9457
 * problem details and in the common {error, message} shape show their messages, and its IETF RateLimit headers
 * (draft-ietf-httpapi-ratelimit-headers-11) pace its calls, with nothing declared.
 */
class TixConnectorTest {
  private static final String CONNECTOR = """
      name: tix
      title: Tix
      base_url: "{{config.url}}"
      config:
        url: {env: TIX_URL}
      auth: {type: bearer, secret: tix_token}
      inputs:
        ticket: {type: string, required: true, description: "The ticket's id, such as T123."}
      """;
  private static final String GET_TICKET = """
      description: Gets a ticket.
      method: GET
      path: /tickets/{{id}}
      inputs:
        id: {use: ticket}
      """;
  private static final String CLOSE_TICKET = """
      description: Closes a ticket.
      method: POST
      path: /tickets/{{id}}/close
      inputs:
        id: {use: ticket}
      """;

  private static Engine engine(WireServer server, ManualTime time) {
    Catalog catalog = Catalog.of(List.of(DefinitionLoader.load(new ConnectorSource(new SourceText("tix/connector.yaml", CONNECTOR),
        List.of(new SourceText("tix/get_ticket.yaml", GET_TICKET), new SourceText("tix/close_ticket.yaml", CLOSE_TICKET))))));
    return Engine.builder(catalog)
        .config(ConfigSource.of(Map.of("tix", Map.of("url", server.url()))))
        .secrets(new MapSecretStore("the test").put("tix_token", "tix-canary-token-4f2a9c"))
        .time(time)
        .build();
  }

  @Test
  void aProblemDetailsBodyShowsItsDetailTypeAndErrors() throws Exception {
    try (WireServer server = new WireServer(r -> new WireServer.Answer(404,
        Map.of("Content-Type", List.of("application/problem+json"), "X-Request-Id", List.of("req-77")),
        "{\"type\":\"https://tix.example/probs/no-ticket\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"no ticket T999\",\"errors\":[{\"detail\":\"T999 was deleted\",\"pointer\":\"#/id\"}]}"));
        Engine engine = engine(server, new ManualTime(0))) {
      assertThatThrownBy(() -> engine.call("tix.get_ticket", Map.of("id", TextNode.valueOf("T999"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(e.errorCode()).contains("https://tix.example/probs/no-ticket");
            assertThat(e.errorSummary()).contains("no ticket T999");
            assertThat(e.errorCauses()).containsExactly("T999 was deleted");
            assertThat(e.requestId()).contains("req-77");
            assertThat(e.getMessage()).isEqualTo("tix.get_ticket: Tix answered 404 https://tix.example/probs/no-ticket"
                + " \"no ticket T999\" (T999 was deleted). Request id: req-77.");
          });
    }
  }

  @Test
  void theCommonErrorAndMessageShapeShowsItsMessage() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(404, "{\"error\":\"not_found\",\"message\":\"no ticket T999\"}"));
        Engine engine = engine(server, new ManualTime(0))) {
      assertThatThrownBy(() -> engine.call("tix.get_ticket", Map.of("id", TextNode.valueOf("T999"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("tix.get_ticket: Tix answered 404 not_found \"no ticket T999\".");
          });
    }
  }

  @Test
  void aJsonBodyInNoKnownShapeIsQuotedAndTheDeclarationNamed() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(500, "{\"oops\":{\"why\":\"disk full\"}}"));
        Engine engine = engine(server, new ManualTime(0))) {
      assertThatThrownBy(() -> engine.call("tix.get_ticket", Map.of("id", TextNode.valueOf("T1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.getMessage()).isEqualTo("tix.get_ticket: Tix answered 500"
              + " with a JSON body in no error shape known to connector 'tix' (it can declare its shape under errors:);"
              + " first bytes: \"{\"oops\":{\"why\":\"disk full\"}}\"."));
    }
  }

  @Test
  void ietfRateLimitHeadersPaceTheCallsWithNothingDeclared() throws Exception {
    AtomicInteger served = new AtomicInteger();
    ManualTime time = ManualTime.realPlusWaits(); // the server's Date is the real time
    try (WireServer server = new WireServer(r -> {
      int n = served.incrementAndGet();
      return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
          "RateLimit-Policy", List.of("\"hourly\";q=1000;w=3600, \"burst\";q=2;w=5"),
          "RateLimit", List.of("\"hourly\";r=990;t=3000, \"burst\";r=" + (n == 1 ? 1 : 0) + ";t=5")), "{\"id\":\"T" + n + "\"}");
    }); Engine engine = engine(server, time)) {
      ActionResult first = engine.call("tix.get_ticket", Map.of("id", TextNode.valueOf("T1")));
      engine.call("tix.get_ticket", Map.of("id", TextNode.valueOf("T2")));
      assertThat(time.waits()).isEmpty(); // one left after the first, none after the second
      ActionResult third = engine.call("tix.get_ticket", Map.of("id", TextNode.valueOf("T3")));
      assertThat(third.status()).isEqualTo(200);
      // the burst window had none left: the third call waited for its reset, 5 s after the second's Date
      assertThat(time.waits()).isNotEmpty().allSatisfy(w -> assertThat(w).isBetween(1L, 5000L));
      assertThat(third.stats().rateLimitWaitMs()).isBetween(3000L, 5000L);
      assertThat(first.headers()).containsKeys("ratelimit", "ratelimit-policy");
      assertThat(server.seen).hasSize(3);
    }
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterDate() throws Exception {
    AtomicInteger served = new AtomicInteger();
    ManualTime time = ManualTime.realPlusWaits();
    try (WireServer server = new WireServer(r -> served.getAndIncrement() == 0
        ? new WireServer.Answer(429, Map.of("Content-Type", List.of("application/problem+json"),
            "Retry-After", List.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(4)))),
            "{\"title\":\"Too Many Requests\",\"status\":429}")
        : WireServer.Answer.json(200, "{\"id\":\"T1\"}"));
        Engine engine = engine(server, time)) {
      ActionResult result = engine.call("tix.close_ticket", Map.of("id", TextNode.valueOf("T1")));
      assertThat(result.status()).isEqualTo(200);
      assertThat(time.waits()).singleElement().satisfies(w -> assertThat(w).isBetween(3000L, 5000L));
      assertThat(result.stats().rateLimited()).isEqualTo(1);
    }
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterSeconds() throws Exception {
    AtomicInteger served = new AtomicInteger();
    ManualTime time = new ManualTime(1_733_000_000_000L);
    try (WireServer server = new WireServer(r -> served.getAndIncrement() == 0
        ? new WireServer.Answer(429, Map.of("Content-Type", List.of("application/problem+json"), "Retry-After", List.of("7")),
            "{\"title\":\"Too Many Requests\",\"status\":429}")
        : WireServer.Answer.json(200, "{\"id\":\"T1\"}"));
        Engine engine = engine(server, time)) {
      ActionResult result = engine.call("tix.get_ticket", Map.of("id", TextNode.valueOf("T1")));
      assertThat(result.status()).isEqualTo(200);
      assertThat(time.waits()).singleElement().satisfies(w -> assertThat(w).isBetween(7000L, 8000L));
      assertThat(server.seen).hasSize(2);
    }
  }
}
