package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.core.transport.ApacheHttpTransport;
import dev.switchboard.core.transport.Transport;
import dev.switchboard.sandbox.OktaSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Okta pack through the engine against the Okta sandbox: the seed's flow (Moveworks Agent Studio's Okta
 * guide) and the field cases of ../shared/cases/okta-wire-cases.md that this pack reaches.
 */
class OktaSandboxFlowTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Catalog CATALOG = Catalog.builtIn();

  private static Engine engine(OktaSandbox sandbox, String token, AtomicInteger requests) {
    ApacheHttpTransport http = new ApacheHttpTransport();
    Transport counting = (request, timeout) -> {
      requests.incrementAndGet();
      return http.send(request, timeout);
    };
    return Engine.builder(CATALOG)
        .config(ConfigSource.of(Map.of("okta", Map.of("org_url", sandbox.orgUrl().toString()))))
        .secrets(new MapSecretStore("the test").put("okta_api_token", token))
        .transport(counting)
        .build();
  }

  private static List<JsonNode> all(Engine engine, Map<String, JsonNode> inputs) {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<ActionResult> pages = engine.pages(CATALOG.require("okta.list_users"), inputs)) {
      pages.forEach(p -> p.output().forEach(out::add));
    }
    return out;
  }

  @Test
  void theSeedFlowListsUsersWithATokenNamedAgentStudioConnector() {
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(50).seed(7L).build()) {
      sandbox.start();
      String token = sandbox.createApiToken("Agent Studio Connector");
      AtomicInteger requests = new AtomicInteger();
      ActionResult result = engine(sandbox, token, requests).call("okta.list_users", Map.of());
      assertThat(result.status()).isEqualTo(200);
      assertThat(result.output()).isNotEmpty();
      assertThat(result.output().get(0).get("id").asText()).startsWith("00u");
      assertThat(result.output().get(0).get("login").asText()).contains("@");
      assertThat(result.requestId()).isPresent();
      assertThat(result.headers()).containsKeys("x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset");
      assertThat(requests).hasValue(1);
    }
  }

  @Test
  void aWrongTokenIsAnAuthErrorAndIsNotRetried() {
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(5).seed(7L).build()) {
      sandbox.start();
      sandbox.createApiToken("Agent Studio Connector");
      AtomicInteger requests = new AtomicInteger();
      assertThatThrownBy(() -> engine(sandbox, "00wrongTokenValue0000000000000000000000000", requests).call("okta.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.errorCode()).contains("E0000011");
            assertThat(e.errorSummary()).contains("Invalid token provided");
            assertThat(e.getMessage()).contains("Connector 'okta'").contains("scheme SSWS")
                .doesNotContain("00wrongTokenValue");
          });
      assertThat(requests).hasValue(1);
    }
  }

  @Test
  void anOAuthAccessTokenSentAsSswsIsAnAuthErrorNamingTheSchemeCaseC11() {
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(5).seed(7L).build()) {
      sandbox.start();
      String jwt = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiIwb2ExIiwic2NwIjpbIm9rdGEudXNlcnMucmVhZCJdfQ.c2lnbmF0dXJl";
      AtomicInteger requests = new AtomicInteger();
      assertThatThrownBy(() -> engine(sandbox, jwt, requests).call("okta.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
            assertThat(e.errorCode()).contains("E0000011");
            assertThat(e.getMessage()).contains("scheme SSWS").contains("OAuth access token").doesNotContain(jwt);
          });
      assertThat(requests).hasValue(1);
    }
  }

  @Test
  void aLoginWithPlusAndAtIsFoundBySearchCaseC01() {
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(20).seed(7L).build()) {
      sandbox.start();
      String id = sandbox.createUser(Map.of("login", "a+b@example.com", "email", "a+b@example.com",
          "firstName", "Ada", "lastName", "Plus"), "ACTIVE");
      Engine engine = engine(sandbox, sandbox.createApiToken("test"), new AtomicInteger());
      List<JsonNode> found = all(engine, Map.of("search", F.textNode("profile.login eq \"a+b@example.com\"")));
      assertThat(found).extracting(u -> u.get("id").asText()).containsExactly(id);
    }
  }

  @Test
  void everyPageIsFollowedAndTheLastPartialPageIsKeptCaseC06() {
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(0).seed(7L).build()) {
      sandbox.start();
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 2 * 200 + 3; i++) {
        created.add(sandbox.createUser(Map.of("login", "user" + i + "@example.com", "email", "user" + i + "@example.com",
            "firstName", "User", "lastName", "Number" + i), "ACTIVE"));
      }
      AtomicInteger requests = new AtomicInteger();
      List<JsonNode> users = all(engine(sandbox, sandbox.createApiToken("test"), requests), Map.of());
      assertThat(users).extracting(u -> u.get("id").asText()).containsExactlyInAnyOrderElementsOf(created);
      assertThat(requests).hasValue(3);
    }
  }

  @Test
  void onePageHintsAtTheCursorAndAllPagesGiveEveryUserCaseC07() {
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(0).seed(7L).build()) {
      sandbox.start();
      for (int i = 0; i < 450; i++) {
        sandbox.createUser(Map.of("login", "u" + i + "@example.com", "email", "u" + i + "@example.com",
            "firstName", "U", "lastName", "N" + i), "ACTIVE");
      }
      Engine engine = engine(sandbox, sandbox.createApiToken("test"), new AtomicInteger());
      ActionResult first = engine.call("okta.list_users", Map.of());
      assertThat(first.output()).hasSize(200);
      assertThat(first.hasMore()).isTrue();
      assertThat(first.nextCursor()).isPresent();
      ActionResult second = engine.call("okta.list_users", Map.of("after", F.textNode(first.nextCursor().get())));
      assertThat(second.output()).hasSize(200);
      assertThat(second.output().get(0).get("id")).isNotEqualTo(first.output().get(0).get("id"));
      assertThat(all(engine, Map.of())).hasSize(450);
    }
  }

  @Test
  void aQuickSearchWithoutLinkHeaderIsTheOnlyPageCaseC05() {
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(0).seed(7L).build()) {
      sandbox.start();
      String id = sandbox.createUser(Map.of("login", "eng@example.com", "email", "eng@example.com",
          "firstName", "Engineering", "lastName", "Lead"), "ACTIVE");
      AtomicInteger requests = new AtomicInteger();
      List<JsonNode> users = all(engine(sandbox, sandbox.createApiToken("test"), requests), Map.of("q", F.textNode("Engineering")));
      assertThat(users).extracting(u -> u.get("id").asText()).containsExactly(id);
      assertThat(requests).hasValue(1);
    }
  }
}
