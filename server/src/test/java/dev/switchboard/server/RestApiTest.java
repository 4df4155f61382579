package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RestApiTest {
  static final String SHOP = "name: shop\ntitle: Shop\nbase_url: \"{{config.shop_url}}\"\nconfig:\n  shop_url: {description: the shop}\n"
      + "auth: {type: api_key, placement: header, header: Authorization, format: \"SSWS {{secret}}\", secret: shop_token}\n";
  static final String LIST = "name: list_orders\ndescription: Lists orders.\nmethod: GET\npath: /orders\n";

  @TempDir
  Path dir;

  /** A server on a fresh workspace of one kind, with its admin key. */
  record Running(Workspace workspace, SwitchboardServer server, ApiClient api) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      workspace.close();
    }
  }

  Running start(Database.Kind kind) {
    Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open();
    FirstStart.Outcome first = FirstStart.prepare(ws, Map.of());
    SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of())).build().start();
    return new Running(ws, server, new ApiClient(server.uri(), first.generatedKey().orElseThrow()));
  }

  static Map<String, Object> save(String yaml, int base) {
    return Map.of("yaml", yaml, "base_version", base);
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aFirstStartHoldsTheOktaConnectorAndOneAdminKey(Database.Kind kind) {
    try (Running r = start(kind)) {
      JsonNode list = r.api().get("/api/connectors").json();
      assertThat(list.path("items")).extracting(n -> n.path("name").asText()).containsExactly("okta");
      assertThat(list.path("items").get(0).path("actions").asInt()).isGreaterThan(20);
      assertThat(r.api().get("/api/keys").json().path("items")).singleElement()
          .satisfies(k -> assertThat(k.path("role").asText()).isEqualTo("admin"));
      assertThat(FirstStart.prepare(r.workspace(), Map.of()).generatedKey()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void connectorsAndActionsAreSavedVersionedAndRestored(Database.Kind kind) {
    try (Running r = start(kind)) {
      ApiClient api = r.api();
      assertThat(api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP)).status()).isEqualTo(201);
      ApiClient.Answer created = api.put("/api/connectors/shop/actions/list_orders", save(LIST, 0));
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("version").asInt()).isEqualTo(1);
      ApiClient.Answer changed = api.put("/api/connectors/shop/actions/list_orders", save(LIST.replace("/orders", "/v2/orders"), 1));
      assertThat(changed.status()).isEqualTo(200);

      assertThat(api.get("/api/connectors/shop/actions/list_orders").json().path("yaml").asText()).contains("/v2/orders");
      assertThat(api.get("/api/connectors/shop/actions/list_orders/versions").json().path("items")).hasSize(2);
      assertThat(api.get("/api/connectors/shop/actions/list_orders/diff?from=1&to=2").json().path("diff").asText())
          .contains("-path: /orders").contains("+path: /v2/orders");
      ApiClient.Answer restored = api.post("/api/connectors/shop/actions/list_orders/restore", Map.of("version", 1, "base_version", 2));
      assertThat(restored.json().path("version").asInt()).isEqualTo(3);
      assertThat(restored.json().path("yaml").asText()).isEqualTo(LIST);
      assertThat(api.get("/api/connectors/shop").json().path("actions")).singleElement()
          .satisfies(a -> assertThat(a.path("action").asText()).isEqualTo("list_orders"));
      assertThat(api.delete("/api/connectors/shop/actions/list_orders?base_version=3").status()).isEqualTo(204);
      assertThat(api.get("/api/connectors/shop/actions/list_orders").status()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aStaleSaveIsA409NamingWhoSavedInBetween(Database.Kind kind) {
    try (Running r = start(kind)) {
      ApiClient admin = r.api();
      ObjectNode bob = (ObjectNode) admin.post("/api/keys", Map.of("name", "bob", "role", "admin")).json();
      ApiClient asBob = admin.as(bob.path("key").asText());
      admin.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP));
      asBob.put("/api/connectors/shop", save(SHOP + "description: Bob's\n", 1));

      ApiClient.Answer stale = admin.put("/api/connectors/shop", save(SHOP + "description: Mine\n", 1));
      assertThat(stale.status()).isEqualTo(409);
      assertThat(stale.contentType()).startsWith("application/problem+json");
      assertThat(stale.json().path("field").asText()).isEqualTo("base_version");
      assertThat(stale.json().path("saved_by").asText()).isEqualTo("bob");
      assertThat(stale.json().path("current_version").asInt()).isEqualTo(2);
      assertThat(stale.json().path("detail").asText()).contains("saved by bob");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void badRequestsAre4xxNamingTheFieldNeverA500(Database.Kind kind) {
    try (Running r = start(kind)) {
      ApiClient api = r.api();
      api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP));
      assertProblem(api.post("/api/connectors", "{not json"), 400, "body");
      assertProblem(api.post("/api/connectors", "[1,2]"), 400, "body");
      assertProblem(api.post("/api/connectors", Map.of("yaml", SHOP)), 400, "name");
      assertProblem(api.put("/api/connectors/shop/actions/list_orders", Map.of("yaml", LIST)), 400, "base_version");
      assertProblem(api.put("/api/connectors/shop/actions/list_orders", Map.of("yaml", 5, "base_version", 0)), 400, "yaml");
      assertProblem(api.put("/api/connectors/shop/actions/list_orders", save("name: list_orders\nmethod: FETCH\npath: /x\n", 0)), 422, "yaml");
      ApiClient.Answer invalid = api.put("/api/connectors/shop/actions/list_orders", save("name: list_orders\nmethod: GET\npath: /x\nbogus: 1\n", 0));
      assertThat(invalid.json().path("problems").get(0).path("file").asText()).isEqualTo("shop/actions/list_orders.yaml");
      assertProblem(api.put("/api/connectors/shop/actions/Bad-Name", save(LIST, 0)), 400, "action");
      assertProblem(api.put("/api/connectors/nowhere/actions/list_orders", save(LIST, 0)), 404, null);
      assertProblem(api.get("/api/runs?limit=9999"), 400, "limit");
      assertProblem(api.get("/api/runs?limit=abc"), 400, "limit");
      assertProblem(api.get("/api/runs?since=yesterday"), 400, "since");
      assertProblem(api.get("/api/runs?cursor=%21%21%21"), 400, "cursor");
      assertProblem(api.get("/api/runs?action=list_users"), 400, "action");
      assertProblem(api.get("/api/nothing-here"), 404, null);
      assertProblem(api.send("PATCH", "/api/connectors", Map.of()), 405, null);
      assertProblem(api.put("/api/connectors/shop/settings", Map.of("settings", Map.of("nope", "x"), "base_version", 0)), 422, "settings.nope");
      assertProblem(api.post("/api/keys", Map.of("name", "k", "role", "root")), 400, "role");
      assertProblem(api.delete("/api/connectors/shop"), 400, "base_version");
      assertProblem(api.as(null).get("/api/connectors"), 401, "Authorization");
      assertProblem(api.as("sbk_not-a-key").get("/api/connectors"), 401, "Authorization");
    }
  }

  static void assertProblem(ApiClient.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
    if (field != null) {
      assertThat(answer.json().path("field").asText()).isEqualTo(field);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void credentialsAreWriteOnly(Database.Kind kind) {
    try (Running r = start(kind)) {
      ApiClient api = r.api();
      api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP));
      String token = "00canaryTokenForTheRestApi12345";
      ApiClient.Answer set = api.put("/api/connectors/shop/credentials/shop_token", Map.of("value", token));
      assertThat(set.status()).isEqualTo(200);
      assertThat(set.json().path("last4").asText()).isEqualTo("2345");
      ApiClient.Answer list = api.get("/api/connectors/shop/credentials");
      ApiClient.Answer connector = api.get("/api/connectors/shop");
      ApiClient.Answer audit = api.get("/api/audit");
      for (ApiClient.Answer a : List.of(set, list, connector, audit)) {
        assertThat(a.body()).doesNotContain(token);
      }
      assertThat(audit.json().path("items").get(0).path("event").asText()).isEqualTo("credential.set");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aCredentialTheAuthConfigDoesNotReadIsRefusedNamingTheOneItReads(Database.Kind kind) {
    try (Running r = start(kind)) {
      ApiClient api = r.api();
      api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP));
      String token = "00canaryTokenForATypo12345";
      ApiClient.Answer typo = api.put("/api/connectors/shop/credentials/shop_tokn", Map.of("value", token));
      assertProblem(typo, 400, "name");
      assertThat(typo.json().path("detail").asText()).contains("'shop_tokn'").contains("reads 'shop_token'")
          .contains("/api/connectors/shop/credentials/shop_token");
      assertThat(typo.body()).doesNotContain(token);
      assertThat(api.get("/api/connectors/shop/credentials").json().path("items")).as("nothing stored").isEmpty();
      assertThat(api.put("/api/connectors/shop/credentials/shop_token", Map.of("value", token)).status()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void anAgentKeyCannotUseTheRestApi(Database.Kind kind) {
    try (Running r = start(kind)) {
      String agent = r.api().post("/api/keys", Map.of("name", "claude", "role", "agent", "tools", List.of("okta_list_*"),
          "read_only", true)).json().path("key").asText();
      assertProblem(r.api().as(agent).get("/api/connectors"), 403, "Authorization");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void exportThenImportIsAnExactRoundTrip(Database.Kind kind) {
    try (Running r = start(kind)) {
      ApiClient api = r.api();
      api.post("/api/connectors", Map.of("name", "shop", "yaml", SHOP, "settings", Map.of("shop_url", "https://shop.example.com")));
      api.put("/api/connectors/shop/actions/list_orders", save(LIST + "# a comment, kept\n\n", 0));
      JsonNode exported = api.get("/api/workspace/export").json();
      Map<String, String> files = new TreeMap<>();
      exported.path("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
      assertThat(files).containsKeys("okta/connector.yaml", "shop/connector.yaml", "shop/settings.yaml", "shop/actions/list_orders.yaml");
      assertThat(files.get("shop/actions/list_orders.yaml")).endsWith("# a comment, kept\n\n");

      api.delete("/api/connectors/shop?base_version=1");
      JsonNode summary = api.post("/api/workspace/import", Map.of("files", files)).json();
      assertThat(summary.path("created").asInt()).isEqualTo(3);
      JsonNode again = api.get("/api/workspace/export").json();
      assertThat(again).isEqualTo(exported);
      JsonNode second = api.post("/api/workspace/import", Map.of("files", files)).json();
      assertThat(second.path("unchanged").asInt()).isEqualTo(files.size());
      assertThat(api.get("/api/audit?target=*").json().path("items").get(0).path("event").asText()).isEqualTo("workspace.imported");

      assertProblem(api.post("/api/workspace/import", Map.of("files", Map.of("bad/connector.yaml", "name: other\n"))), 422, "yaml");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aPackBecomesAConnectorOfItsOwn(Database.Kind kind) {
    try (Running r = start(kind)) {
      ApiClient.Answer created = r.api().post("/api/connectors", Map.of("name", "okta_prod", "pack", "okta",
          "settings", Map.of("org_url", "https://dev-1.okta.com")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.json().path("yaml").asText()).contains("name: okta_prod");
      assertThat(created.json().path("settings").path("org_url").asText()).isEqualTo("https://dev-1.okta.com");
      assertProblem(r.api().post("/api/connectors", Map.of("name", "x", "pack", "nope")), 400, "pack");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void hostAndOriginAreCheckedAsMcpHttpDoes(Database.Kind kind) throws Exception {
    try (Running r = start(kind)) {
      int port = r.server().port();
      assertThat(raw(port, "GET /api/connectors HTTP/1.1\r\nHost: evil.example.com:" + port + "\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 421").contains("--allow-host");
      assertThat(raw(port, "GET /api/connectors HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: https://evil.example.com\r\n"
          + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 403").contains("--allow-origin");
      assertThat(raw(port, "GET /api/openapi.json HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 200").contains("\"openapi\":\"3.1.0\"".replace(":", ": ").replace(": ", ":").substring(0, 9));
    }
  }

  static String raw(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
