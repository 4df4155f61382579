package dev.switchboard.core.run;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ActionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compression, redirects, JSON bodies and error hints on the wire. */
class WireFeaturesTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String API_KEY = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";
  private static final String GET_USER = """
      description: Gets a user.
      method: GET
      path: /api/v1/users/{{id}}
      inputs:
        id: {type: string, required: true}
      error_hints:
        E0000022: Okta cannot fetch a login that contains '/' by path; use okta.list_users with search=profile.login eq "...".
      """;
  private static final String UPDATE_USER = """
      description: Updates a user's profile partially.
      method: POST
      path: /api/v1/users/{{id}}
      body:
        profile:
          department: "{{department}}"
          title: "{{title}}"
          displayName: "{{first}} {{last}}"
        groupIds: "{{groups}}"
      inputs:
        id: {type: string, required: true}
        department: {type: string}
        title: {type: string}
        first: {type: string}
        last: {type: string}
        groups: {type: array, items: {type: string}}
      """;

  @TempDir
  Path dir;

  private Engine engine(String extra, String url) {
    return Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(API_KEY, extra),
        Map.of("get_user", GET_USER, "update_user", UPDATE_USER)),
        url, Map.of("testorg_api_token", Fixtures.TOKEN));
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void gzipBodiesAreAskedForAndDecodedEvenWhenChunked() throws Exception {
    byte[] body = gzip("{\"id\":\"00u1\",\"profile\":{\"login\":\"x@example.com\"}}");
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200,
        Map.of("Content-Type", List.of("application/json"), "Content-Encoding", List.of("gzip")), "", body, true))) {
      ActionResult result = engine("", server.url()).call("testorg.get_user", Map.of("id", F.textNode("00u1")));
      assertThat(result.body().path("profile").path("login").asText()).isEqualTo("x@example.com");
      assertThat(server.seen.get(0).header("Accept-Encoding")).contains("gzip");
    }
  }

  @Test
  void deflateBodiesAreDecoded() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
      deflate.write("{\"id\":\"00u2\"}".getBytes(StandardCharsets.UTF_8));
    }
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200,
        Map.of("Content-Type", List.of("application/json"), "Content-Encoding", List.of("deflate")), "", out.toByteArray(), false))) {
      assertThat(engine("", server.url()).call("testorg.get_user", Map.of("id", F.textNode("00u2"))).body().get("id").asText()).isEqualTo("00u2");
    }
  }

  @Test
  void aCompressedBodyThatExpandsPastTheCapIsRefused() throws Exception {
    byte[] bomb = gzip("[" + "0,".repeat(500_000) + "0]");
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200,
        Map.of("Content-Type", List.of("application/json"), "Content-Encoding", List.of("gzip")), "", bomb, false))) {
      assertThat(bomb.length).isLessThan(100_000);
      assertThatThrownBy(() -> engine("max_response_bytes: 100000\n", server.url()).call("testorg.get_user", Map.of("id", F.textNode("x"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
            assertThat(e.getMessage()).contains("larger than the cap of 100000 bytes");
          });
    }
  }

  @Test
  void aCorruptGzipBodyIsAnUpstreamError() throws Exception {
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200,
        Map.of("Content-Type", List.of("application/json"), "Content-Encoding", List.of("gzip")), "not gzip at all"))) {
      assertThatThrownBy(() -> engine("", server.url()).call("testorg.get_user", Map.of("id", F.textNode("x"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
            assertThat(e.getMessage()).contains("gzip body cannot be decoded");
          });
    }
  }

  @Test
  void aSameOriginRedirectIsFollowedWithCredentials() throws Exception {
    try (WireServer server = new WireServer(r -> r.rawUri().getPath().endsWith("/old")
        ? new WireServer.Answer(301, Map.of("Location", List.of("/api/v1/users/new")), "")
        : WireServer.Answer.json(200, "{\"id\":\"new\"}"))) {
      ActionResult result = engine("", server.url()).call("testorg.get_user", Map.of("id", F.textNode("old")));
      assertThat(result.body().get("id").asText()).isEqualTo("new");
      assertThat(server.seen.get(1).header("Authorization")).isEqualTo("SSWS " + Fixtures.TOKEN);
    }
  }

  @Test
  void aRedirectToAnotherHostIsRefusedUnlessAllowedAndThenCarriesNoCredentials() throws Exception {
    try (WireServer other = new WireServer(r -> WireServer.Answer.json(200, "{\"id\":\"elsewhere\"}"))) {
      String elsewhere = other.url().replace("127.0.0.1", "localhost") + "/landing";
      try (WireServer server = new WireServer(r -> new WireServer.Answer(302, Map.of("Location", List.of(elsewhere)), ""))) {
        assertThatThrownBy(() -> engine("", server.url()).call("testorg.get_user", Map.of("id", F.textNode("x"))))
            .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.getMessage()).contains("Redirects are not followed")
                .contains("pointed to http://localhost:"));
        assertThat(other.seen).isEmpty();
      }
    }
  }

  @Test
  void aPartialUpdateSendsOnlyTheFieldsGivenCaseC15() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "{\"id\":\"00u1\"}"))) {
      engine("", server.url()).call("testorg.update_user", Map.of("id", F.textNode("00u1"), "department", F.textNode("Sales")));
      assertThat(server.seen.get(0).method()).isEqualTo("POST");
      assertThat(server.seen.get(0).body()).isEqualTo("{\"profile\":{\"department\":\"Sales\"}}");
      assertThat(server.seen.get(0).header("Content-Type")).isEqualTo("application/json");
    }
  }

  @Test
  void bodyValuesKeepTheirJsonTypesAndTextIsEscaped() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "{}"))) {
      engine("", server.url()).call("testorg.update_user", Map.of("id", F.textNode("00u1"),
          "first", F.textNode("Ada \"the\""), "last", F.textNode("L\\ovelace"),
          "groups", F.arrayNode().add("00g1").add("00g2")));
      assertThat(server.seen.get(0).body())
          .isEqualTo("{\"profile\":{\"displayName\":\"Ada \\\"the\\\" L\\\\ovelace\"},\"groupIds\":[\"00g1\",\"00g2\"]}");
    }
  }

  @Test
  void anErrorHintOfTheActionIsAddedForItsErrorCodeCaseC03() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(405,
        "{\"errorCode\":\"E0000022\",\"errorSummary\":\"The endpoint does not support the provided HTTP method\"}"))) {
      assertThatThrownBy(() -> engine("", server.url()).call("testorg.get_user", Map.of("id", F.textNode("a/b@example.com"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.getMessage()).contains("405 E0000022").contains("use okta.list_users with search=profile.login eq");
          });
      assertThat(server.seen.get(0).rawUri().getRawPath()).isEqualTo("/api/v1/users/a%2Fb%40example.com");
    }
  }
}
