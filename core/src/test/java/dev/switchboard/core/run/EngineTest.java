package dev.switchboard.core.run;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ActionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the wire, against a small in-test server that answers as Okta does. */
class EngineTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @TempDir
  Path dir;

  /** An Okta-like user listing over {@code total} users: Link headers on separate lines, next only when more exist. */
  private static WireServer.Answer oktaUsers(WireServer.Seen request, int total, String base) {
    Map<String, String> query = query(request.rawUri().getRawQuery());
    int limit = Integer.parseInt(query.getOrDefault("limit", "200"));
    int start = query.containsKey("after") ? Integer.parseInt(query.get("after").substring(3)) + 1 : 0;
    int end = Math.min(total, start + limit);
    String body = IntStream.range(start, end)
        .mapToObj(i -> "{\"id\":\"00u" + i + "\",\"profile\":{\"login\":\"user" + i + "@example.com\"}}")
        .collect(Collectors.joining(",", "[", "]"));
    List<String> links = new ArrayList<>();
    links.add("<" + base + request.rawUri() + ">; rel=\"self\"");
    if (end < total) {
      links.add("<" + base + "/api/v1/users?after=00u" + (end - 1) + "&limit=" + limit + ">; rel=\"next\"");
    }
    return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"), "Link", links,
        "X-Okta-Request-Id", List.of("req-" + start)), body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new java.util.HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return out;
  }

  private static List<String> ids(Engine engine, Map<String, JsonNode> inputs) {
    try (var pages = engine.pages(engine.catalog().require("testorg.list_users"), inputs)) {
      return pages.flatMap(p -> {
        List<String> ids = new ArrayList<>();
        p.output().forEach(r -> ids.add(r.get("id").asText()));
        return ids.stream();
      }).toList();
    }
  }

  @Test
  void allPagesYieldEveryUserExactlyOnceIncludingTheLastPartialPageCaseC06() throws Exception {
    String[] base = new String[1];
    try (WireServer server = new WireServer(r -> oktaUsers(r, 2 * 5 + 3, base[0]))) {
      base[0] = server.url();
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      List<String> ids = ids(engine, Map.of("limit", F.numberNode(5)));
      assertThat(ids).hasSize(13).doesNotHaveDuplicates().contains("00u0", "00u12");
      assertThat(server.seen).hasSize(3);
    }
  }

  @Test
  void onePageGivesTheCursorAndAllPagesGiveEveryUserCaseC07() throws Exception {
    String[] base = new String[1];
    try (WireServer server = new WireServer(r -> oktaUsers(r, 450, base[0]))) {
      base[0] = server.url();
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      ActionResult first = engine.call("testorg.list_users", Map.of());
      assertThat(first.output()).hasSize(200);
      assertThat(first.hasMore()).isTrue();
      assertThat(first.nextCursor()).contains("00u199");
      assertThat(first.requestId()).contains("req-0");
      ActionResult second = engine.call("testorg.list_users", Map.of("after", F.textNode(first.nextCursor().get())));
      assertThat(second.output().get(0).get("id").asText()).isEqualTo("00u200");
      assertThat(ids(engine, Map.of())).hasSize(450).doesNotHaveDuplicates();
    }
  }

  @Test
  void aSinglePageWithoutLinkHeaderIsTheOnlyPageCaseC05() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "[{\"id\":\"00g1\",\"profile\":{\"login\":\"x\"}}]"))) {
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      assertThat(ids(engine, Map.of("q", F.textNode("Engineering")))).containsExactly("00g1");
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void theWireCarriesPercent2BForPlusAndPercent40ForAtCaseC01() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "[]"))) {
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      engine.call("testorg.list_users", Map.of("search", F.textNode("profile.login eq \"a+b@example.com\"")));
      assertThat(server.seen.get(0).rawUri().getRawQuery())
          .isEqualTo("search=profile.login%20eq%20%22a%2Bb%40example.com%22&limit=200");
    }
  }

  @Test
  void theTokenIsSentAsSswsWithoutSurroundingWhitespaceCaseC10() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "[]"))) {
      Engine engine = Fixtures.engine(dir, server.url(), "  " + Fixtures.TOKEN + "\n");
      engine.call("testorg.list_users", Map.of());
      assertThat(server.seen.get(0).header("Authorization")).isEqualTo("SSWS " + Fixtures.TOKEN);
    }
  }

  @Test
  void aTokenWithALineBreakInsideFailsBeforeAnyRequestWithoutShowingItCaseC10() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "[]"))) {
      Engine engine = Fixtures.engine(dir, server.url(), "00abc\nDEF");
      assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
            assertThat(e.getMessage()).contains("line break").doesNotContain("00abc").doesNotContain("DEF");
          });
      assertThat(server.seen).isEmpty();
    }
  }

  @Test
  void anInvalidTokenIsAnAuthErrorNamingConnectorAndSchemeAndIsNotRetriedCaseC11() throws Exception {
    String body = "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorLink\":\"E0000011\","
        + "\"errorId\":\"oae1\",\"errorCauses\":[]}";
    try (WireServer server = new WireServer(r -> new WireServer.Answer(401,
        Map.of("Content-Type", List.of("application/json"), "X-Okta-Request-Id", List.of("req-401")), body))) {
      Engine engine = Fixtures.engine(dir, server.url(), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
      assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.errorCode()).contains("E0000011");
            assertThat(e.errorSummary()).contains("Invalid token provided");
            assertThat(e.requestId()).contains("req-401");
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("testorg.list_users").contains("401 E0000011")
                .contains("Connector 'testorg'").contains("scheme SSWS").contains("Not retried");
          });
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void oktaErrorCausesAreKept() throws Exception {
    String body = "{\"errorCode\":\"E0000001\",\"errorSummary\":\"Api validation failed: login\","
        + "\"errorCauses\":[{\"errorSummary\":\"login: An object with this field already exists\"}]}";
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(400, body))) {
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      assertThatThrownBy(() -> engine.call("testorg.get_user", Map.of("id", F.textNode("x"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
            assertThat(e.errorCauses()).containsExactly("login: An object with this field already exists");
            assertThat(e.getMessage()).contains("(login: An object with this field already exists)");
          });
    }
  }

  @Test
  void aNonJsonSuccessIsReportedWithStatusContentTypeAndFirstBytes() throws Exception {
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200,
        Map.of("Content-Type", List.of("text/html; charset=utf-8")), "<html><body>Sign in to Okta</body></html>"))) {
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
            assertThat(e.getMessage()).contains("answered 200 with content type text/html, not JSON")
                .contains("<html><body>Sign in to Okta");
          });
    }
  }

  @Test
  void anHtmlErrorPageIsReportedWithAnExcerpt() throws Exception {
    try (WireServer server = new WireServer(r -> new WireServer.Answer(502,
        Map.of("Content-Type", List.of("text/html")), "<html><h1>502 Bad Gateway</h1></html>"))) {
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.getMessage()).contains("502 with content type text/html").contains("502 Bad Gateway");
          });
    }
  }

  @Test
  void anUnreachableOrgNamesHostAndCause() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Engine engine = Fixtures.engine(dir, "http://127.0.0.1:" + port, Fixtures.TOKEN);
    assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
          assertThat(e.getMessage()).contains("cannot reach 127.0.0.1:" + port).contains("connection refused");
        });
  }

  @Test
  void aSecretEchoedByTheServerNeverReachesTheError() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(403,
        "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission: " + r.header("Authorization") + "\"}"))) {
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.PERMISSION);
            assertThat(e.getMessage()).doesNotContain(Fixtures.TOKEN).contains("[REDACTED]");
            assertThat(e.errorSummary().orElseThrow()).doesNotContain(Fixtures.TOKEN);
          });
    }
  }

  @Test
  void aNextLinkToAnotherHostIsRefused() throws Exception {
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
        "Link", List.of("<https://evil.example/api/v1/users?after=x>; rel=\"next\"")), "[]"))) {
      Engine engine = Fixtures.engine(dir, server.url(), Fixtures.TOKEN);
      assertThatThrownBy(() -> ids(engine, Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.getMessage()).contains("points to https://evil.example"));
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void aMissingSettingNamesTheVariable() {
    Engine engine = Engine.builder(Fixtures.catalog(dir)).config(ConfigSource.environment(Map.of())).build();
    assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
          assertThat(e.getMessage()).contains("needs the setting 'org_url'").contains("TESTORG_ORG_URL");
        });
  }

  @Test
  void aMissingSecretNamesWhereItWasLookedFor() {
    Engine engine = Engine.builder(Fixtures.catalog(dir))
        .config(ConfigSource.of(Map.of("testorg", Map.of("org_url", "https://x.example"))))
        .secrets(new dev.switchboard.core.secret.EnvironmentSecretStore(Map.of()))
        .build();
    assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
        .hasMessageContaining("needs the secret 'testorg_api_token': set environment variable TESTORG_API_TOKEN");
  }

  @Test
  void plainHttpToANonLoopbackHostIsRefused() {
    Engine engine = Fixtures.engine(dir, "http://example.okta.com", Fixtures.TOKEN);
    assertThatThrownBy(() -> engine.call("testorg.list_users", Map.of()))
        .hasMessageContaining("plain http, so credentials would travel unencrypted");
  }
}
