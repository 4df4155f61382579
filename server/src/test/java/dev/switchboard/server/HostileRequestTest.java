package dev.switchboard.server;

import static dev.switchboard.server.RestApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.workspace.Database;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * Requests an adversary or a clumsy user sends (break13's findings): each is refused with a 4xx naming the field, loses
 * nothing, and leaks no credential.
 */
class HostileRequestTest {
  static final String SHOP = "name: shop\ntitle: Shop\nbase_url: \"http://127.0.0.1:9\"\n"
      + "auth: {type: api_key, placement: header, header: Authorization, format: \"SSWS {{secret}}\", secret: shop_token}\n";
  static final String FIND = "name: find_orders\ndescription: Finds orders.\nmethod: GET\npath: /orders\nquery: {q: \"{{q}}\"}\n"
      + "inputs:\n  q: {type: string}\nannotations: {read_only: true}\n";

  @TempDir
  Path dir;

  RestApiTest.Running start() {
    RestApiTest t = new RestApiTest();
    t.dir = dir;
    return t.start(Database.Kind.SQLITE);
  }

  @Test
  void aBodyNestedPastTheParsersLimitIsA400NotA500() {
    try (RestApiTest.Running r = start()) {
      String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
      assertProblem(r.api().post("/api/validate", deep), 400, "body");
      ApiClient.Answer keys = r.api().post("/api/keys", deep);
      assertProblem(keys, 400, "body");
      assertThat(keys.json().path("detail").asText()).contains("deeper than the server reads").doesNotContain("StreamReadConstraints");
    }
  }

  @Test
  void anImportWithoutFilesDeletesNothing() {
    try (RestApiTest.Running r = start()) {
      ApiClient api = r.api();
      assertThat(api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP)).status()).isEqualTo(201);
      assertThat(api.put("/api/connectors/shop/credentials/shop_token", Map.of("value", "00tokenKeptThroughImports99")).status())
          .isEqualTo(200);
      assertProblem(api.post("/api/workspace/import", Map.of()), 400, "files");
      ApiClient.Answer misspelt = api.post("/api/workspace/import", Map.of("file", Map.of("shop/connector.yaml", SHOP)));
      assertProblem(misspelt, 400, "file");
      assertThat(misspelt.json().path("detail").asText()).contains("did you mean 'files'");
      assertProblem(api.post("/api/workspace/import", Map.of("files", Map.of())), 400, "files");
      for (String path : List.of("../../etc/passwd", "shop/../connector.yaml", "shop/actions/../x.yaml", "shop/secrets.yaml",
          "connector.yaml", "../connector.yaml")) {
        ApiClient.Answer bad = api.post("/api/workspace/import", Map.of("files", Map.of("shop/connector.yaml", SHOP, path, "x: 1")));
        assertProblem(bad, 400, "files");
        assertThat(bad.json().path("detail").asText()).as(path).contains("'" + path + "'").contains("is not a workspace file")
            .contains("<connector>/actions/<action>.yaml");
      }
      ApiClient.Answer notText = api.post("/api/workspace/import", Map.of("files", Map.of("shop/connector.yaml", Map.of("name", "shop"))));
      assertProblem(notText, 400, "files.shop/connector.yaml");
      assertThat(notText.json().path("detail").asText()).contains("YAML text, a JSON string; got an object");
      assertThat(api.get("/api/connectors").json().path("items")).extracting(n -> n.path("name").asText())
          .containsExactly("okta", "shop");
      assertThat(api.get("/api/connectors/shop/credentials").json().toString()).contains("shop_token");
    }
  }

  @Test
  void aCredentialTypedIntoAnInputIsRedactedInTheRunFromTheFirstCall() {
    String token = "00canaryTypedIntoAnInput4321";
    try (RestApiTest.Running r = start()) {
      ApiClient api = r.api();
      api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP));
      api.put("/api/connectors/shop/credentials/shop_token", Map.of("value", token));
      api.put("/api/connectors/shop/actions/find_orders", RestApiTest.save(FIND, 0));
      ApiClient.Answer saved = api.post("/api/connectors/shop/actions/find_orders/test", Map.of("inputs", Map.of("q", token)));
      ApiClient.Answer unsaved = api.post("/api/connectors/shop/actions/find_orders/test",
          Map.of("inputs", Map.of("q", token), "yaml", FIND.replace("Finds orders.", "Finds orders, unsaved.")));
      for (ApiClient.Answer test : new ApiClient.Answer[] {saved, unsaved}) {
        assertThat(test.body()).doesNotContain(token);
        String id = test.json().path("run_id").asText();
        assertThat(id).isNotEmpty();
        JsonNode run = waitForEnd(api, id);
        assertThat(run.toString()).doesNotContain(token);
        assertThat(run.path("inputs").path("q").asText()).isEqualTo("[REDACTED]");
      }
    }
  }

  /** The run's end is written in the background; reading it back waits for the writer, not for time. */
  private static JsonNode waitForEnd(ApiClient api, String id) {
    for (int i = 0; i < 5000; i++) {
      ApiClient.Answer a = api.get("/api/runs/" + id);
      if (a.status() == 200 && !a.json().path("outcome").asText().equals("running")) {
        return a.json();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("run " + id + " did not end");
  }

  @Test
  void aFieldTheRequestDoesNotReadIsRefusedNamingItAndTheRightOne() {
    try (RestApiTest.Running r = start()) {
      ApiClient api = r.api();
      ApiClient.Answer created = api.post("/api/connectors", Map.of("name", "org", "pack", "okta", "setings",
          Map.of("org_url", "http://127.0.0.1:9")));
      assertProblem(created, 400, "setings");
      assertThat(created.json().path("detail").asText()).contains("did you mean 'settings'");
      assertThat(api.get("/api/connectors").json().path("items")).extracting(n -> n.path("name").asText()).containsExactly("okta");
      assertProblem(api.put("/api/connectors/okta/actions/probe", Map.of("yaml", FIND, "base_version", 0, "force", true)), 400, "force");
      assertThat(api.get("/api/connectors/okta/actions/probe").status()).isEqualTo(404);
    }
  }

  @Test
  void aFieldGivenTwiceOrTextAfterTheBodyIsRefusedNotIgnored() {
    try (RestApiTest.Running r = start()) {
      ApiClient api = r.api();
      ApiClient.Answer twice = api.post("/api/keys", "{\"name\":\"k1\",\"name\":\"k2\",\"role\":\"agent\"}");
      assertProblem(twice, 400, "body");
      assertThat(twice.json().path("detail").asText()).contains("name");
      assertProblem(api.post("/api/keys", "{\"name\":\"k3\",\"role\":\"agent\"} trailing"), 400, "body");
      assertThat(api.get("/api/keys").json().toString()).doesNotContain("\"k2\"").doesNotContain("\"k3\"");
    }
  }

  @Test
  void aNewConnectorsBadOrTakenNameIsRefusedNamingTheName() {
    try (RestApiTest.Running r = start()) {
      ApiClient api = r.api();
      ApiClient.Answer injected = api.post("/api/connectors", Map.of("name", "zz\nbase_url: http://elsewhere.example", "pack", "okta"));
      assertProblem(injected, 400, "name");
      assertProblem(api.post("/api/connectors", Map.of("name", "../etc", "pack", "okta")), 400, "name");
      ApiClient.Answer taken = api.post("/api/connectors", Map.of("name", "okta", "pack", "okta"));
      assertProblem(taken, 409, "name");
      assertThat(taken.json().path("detail").asText()).contains("already exists");
    }
  }

  @Test
  void aMisspeltOrRepeatedQueryParameterIsA400NotIgnored() {
    try (RestApiTest.Running r = start()) {
      ApiClient api = r.api();
      ApiClient.Answer misspelt = api.get("/api/runs?lmit=5");
      assertProblem(misspelt, 400, "lmit");
      assertThat(misspelt.json().path("detail").asText()).contains("did you mean 'limit'");
      ApiClient.Answer twice = api.get("/api/audit?limit=1&limit=600");
      assertProblem(twice, 400, "limit");
      ApiClient.Answer array = api.put("/api/connectors/okta/credentials/okta_api_token", "[1]");
      assertProblem(array, 400, "body");
      assertThat(array.json().path("detail").asText()).isEqualTo("the body must be a JSON object with the field 'value'");
      assertThat(twice.json().path("detail").asText()).contains("given 2 times");
      ApiClient.Answer zero = api.get("/api/runs?limit=0");
      assertProblem(zero, 400, "limit");
      assertThat(zero.json().path("detail").asText()).contains("from 1 to 500");
      assertProblem(api.get("/api/runs?limit=-1"), 400, "limit");
      assertThat(api.get("/api/runs?limit=5&outcome=ok").status()).isEqualTo(200);
      assertThat(api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP)).status()).isEqualTo(201);
      assertProblem(api.get("/api/connectors/shop/diff?from=1&too=1"), 400, "too");
    }
  }

  /** Sends raw HTTP/1.1 bytes and returns the whole answer (status line, headers, body). */
  private static String raw(URI server, String requestHead) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void whatJettyRefusesBeforeTheRoutesIsProblemJsonNotAnHtmlPage() throws Exception {
    try (RestApiTest.Running r = start()) {
      URI server = r.server().uri();
      String close = "Host: 127.0.0.1\r\nConnection: close\r\n";
      String headers = raw(server, "GET /api/runs HTTP/1.1\r\n" + close + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n");
      String line = raw(server, "GET /api/runs?q=" + "a".repeat(20_000) + " HTTP/1.1\r\n" + close + "\r\n");
      String utf8 = raw(server, "GET /api/connectors/%C3%28 HTTP/1.1\r\n" + close + "\r\n");
      String ambiguous = raw(server, "GET /api/connectors/a%2Fb HTTP/1.1\r\n" + close + "\r\n");
      for (String answer : List.of(headers, line, utf8, ambiguous)) {
        String status = answer.substring(0, answer.indexOf("\r\n"));
        assertThat(status).as(status).matches("HTTP/1.1 4\\d\\d .*");
        assertThat(answer.toLowerCase(Locale.ROOT)).as(status).contains("content-type: application/problem+json")
            .doesNotContain("<html");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(Json.MAPPER.readTree(body).path("status").asInt()).as(status).isEqualTo(Integer.parseInt(status.substring(9, 12)));
        assertThat(body).doesNotContain("aaaa");
      }
      assertThat(headers).startsWith("HTTP/1.1 431");
      assertThat(line).startsWith("HTTP/1.1 414");
    }
  }

  @Test
  void anInvalidActionLeadsWithItsOwnProblemNotACompoundsComplaintAboutIt() {
    try (RestApiTest.Running r = start()) {
      ApiClient api = r.api();
      JsonNode current = api.get("/api/connectors/okta/actions/list_users").json();
      String broken = current.path("yaml").asText().replaceFirst("(?m)^method: GET$", "method: FETCH");
      ApiClient.Answer refused = api.put("/api/connectors/okta/actions/list_users",
          Map.of("yaml", broken, "base_version", current.path("version").asInt()));
      assertProblem(refused, 422, "yaml");
      JsonNode problems = refused.json().path("problems");
      assertThat(problems.size()).as(problems.toString()).isGreaterThan(1);
      assertThat(problems.get(0).path("file").asText()).isEqualTo("okta/actions/list_users.yaml");
      assertThat(refused.json().path("detail").asText()).contains("list_users.yaml").contains("FETCH");
    }
  }

  @Test
  void aKeyWhoseToolGlobMatchesNothingIsMadeWithAWarningNamingIt() {
    try (RestApiTest.Running r = start()) {
      ApiClient.Answer typo = r.api().post("/api/keys", Map.of("name", "claude", "role", "agent", "tools", List.of("okta_lst_*", "okta_get_*")));
      assertThat(typo.status()).isEqualTo(201);
      assertThat(typo.json().path("warnings")).hasSize(1);
      assertThat(typo.json().path("warnings").get(0).asText()).contains("'okta_lst_*' matches no tool now").contains("such as okta_");
      ApiClient.Answer right = r.api().post("/api/keys", Map.of("name", "cursor", "role", "agent", "tools", List.of("okta_list_*")));
      assertThat(right.status()).isEqualTo(201);
      assertThat(right.json().has("warnings")).isFalse();
    }
  }
}
