package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.sandbox.OktaSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group, System Log and API token actions of the Okta pack against the sandbox, and OAuth service-app auth. */
class OktaGroupLogTokenActionsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static OktaSandbox sandbox;
  private static Engine engine;

  @BeforeAll
  static void start() {
    sandbox = OktaSandbox.builder().port(0).users(40).seed(13L).mixedStatuses(false).build();
    sandbox.start();
    engine = Engine.builder(Catalog.builtIn())
        .config(ConfigSource.of(Map.of("okta", Map.of("org_url", sandbox.orgUrl().toString()))))
        .secrets(new MapSecretStore("the test").put("okta_api_token", sandbox.createApiToken("Agent Studio Connector")))
        .build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Map<String, JsonNode> inputs(Object... pairs) {
    Map<String, JsonNode> out = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      out.put((String) pairs[i], v instanceof Integer n ? F.numberNode(n) : v instanceof Boolean b ? F.booleanNode(b) : F.textNode(v.toString()));
    }
    return out;
  }

  private static JsonNode run(String action, Object... pairs) {
    return engine.call("okta." + action, inputs(pairs)).output();
  }

  private static String someUser() {
    return run("list_users", "limit", 1).get(0).get("id").asText();
  }

  @Test
  void createGetListAndDeleteAGroup() {
    JsonNode group = run("create_group", "name", "Zeta Test Group", "description", "Made by a test");
    String id = group.get("id").asText();
    assertThat(id).startsWith("00g");
    assertThat(run("get_group", "group_id", id).get("name").asText()).isEqualTo("Zeta Test Group");
    assertThat(run("list_groups", "q", "Zeta Test")).extracting(g -> g.get("id").asText()).containsExactly(id);
    run("delete_group", "group_id", id);
    assertThatThrownBy(() -> run("get_group", "group_id", id))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
  }

  @Test
  void addingAMemberTwiceSucceedsAndSaysWhetherTheUserWasAlreadyAMemberCaseC14() {
    String group = run("create_group", "name", "C14 Group").get("id").asText();
    String user = someUser();
    String login = run("get_user", "id", user).get("login").asText();
    JsonNode first = run("add_group_member", "group_id", group, "user_id", login);
    assertThat(first.get("alreadyMember").asBoolean()).isFalse();
    assertThat(first.get("userId").asText()).as("a login is resolved to the id Okta's PUT takes").isEqualTo(user);
    JsonNode second = run("add_group_member", "group_id", group, "user_id", user);
    assertThat(second.get("alreadyMember").asBoolean()).isTrue();
    assertThat(run("list_group_members", "group_id", group)).extracting(m -> m.get("id").asText()).containsExactly(user);
    assertThat(run("list_user_groups", "id", user)).extracting(g -> g.get("id").asText()).contains(group);
    run("remove_group_member", "group_id", group, "user_id", user);
    assertThat(run("list_group_members", "group_id", group)).isEmpty();
  }

  @Test
  void listGroupsFollowsEveryPage() {
    List<String> ids = new ArrayList<>();
    try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("okta.list_groups"), inputs("limit", 2))) {
      pages.forEach(p -> p.output().forEach(g -> ids.add(g.get("id").asText())));
    }
    assertThat(ids).hasSize(sandbox.groupCount()).doesNotHaveDuplicates();
  }

  @Test
  void theSystemLogRecordsChangesAndAUsersRecentEvents() {
    String before = Instant.now().minusSeconds(5).toString();
    JsonNode user = run("create_user", "login", "logged@example.com", "email", "logged@example.com", "first_name", "Log", "last_name", "Ged");
    String id = user.get("id").asText();
    run("deactivate_user", "id", id);
    String until = Instant.now().plusSeconds(5).toString();
    JsonNode events = run("query_logs", "since", before, "until", until, "filter", "eventType eq \"user.lifecycle.deactivate\"");
    assertThat(events).anySatisfy(e -> assertThat(e.get("targets").toString()).contains("logged@example.com"));
    JsonNode recent = run("list_user_events", "user_id", id);
    assertThat(recent).extracting(e -> e.get("eventType").asText()).contains("user.lifecycle.create", "user.lifecycle.deactivate");
    assertThat(recent.get(0).get("eventType").asText()).as("newest first").isEqualTo("user.lifecycle.deactivate");
  }

  @Test
  void aSinceThatIsNotIso8601IsRefusedBeforeAnyRequestCaseC12() {
    assertThatThrownBy(() -> run("query_logs", "since", "yesterday", "until", "2030-01-01T00:00:00Z"))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
          assertThat(e.status()).isZero();
          assertThat(e.field()).contains("since");
        });
  }

  @Test
  void apiTokensAreListedWithoutValuesAndCanBeRevoked() {
    String spare = sandbox.createApiToken("Spare token");
    JsonNode tokens = run("list_api_tokens");
    assertThat(tokens).extracting(t -> t.get("name").asText()).contains("Agent Studio Connector", "Spare token");
    assertThat(tokens.toString()).doesNotContain(spare);
    String spareId = null;
    for (JsonNode t : tokens) {
      if (t.get("name").asText().equals("Spare token")) {
        spareId = t.get("id").asText();
      }
    }
    run("revoke_api_token", "token_id", spareId);
    assertThat(run("list_api_tokens")).extracting(t -> t.get("name").asText()).doesNotContain("Spare token");
  }

  @Test
  void oktasRecommendedServiceAppAuthPrivateKeyJwtWorksAgainstTheSandbox(@TempDir Path dir) throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("sb1").generate();
    String clientId = sandbox.registerServiceApp("Switchboard service app", key.toPublicJWK().toJSONString(),
        Set.of("okta.users.read", "okta.groups.read"));
    Path connector = dir.resolve("okta_service");
    Files.createDirectories(connector.resolve("actions"));
    Files.writeString(connector.resolve("connector.yaml"), """
        name: okta_service
        title: Okta (service app)
        base_url: "{{config.org_url}}"
        config:
          org_url: {env: OKTA_ORG_URL}
          client_id: {env: OKTA_CLIENT_ID}
        auth:
          type: oauth2_client_credentials
          token_url: "{{config.org_url}}/oauth2/v1/token"
          client_id: "{{config.client_id}}"
          client_auth: private_key_jwt
          algorithm: RS256
          secret: okta_private_key
          scopes: [okta.users.read]
        errors: {code: errorCode, message: errorSummary}   # Okta's error body, as the Okta pack declares it
        """);
    Files.writeString(connector.resolve("actions/list_users.yaml"), """
        description: Lists users.
        method: GET
        path: /api/v1/users
        query: {limit: "{{limit}}"}
        inputs: {limit: {type: integer, default: 5}}
        """);
    Files.writeString(connector.resolve("actions/list_groups.yaml"), """
        description: Lists groups.
        method: GET
        path: /api/v1/groups
        """);
    Engine service = Engine.builder(Catalog.of(DefinitionLoader.loadDirectory(connector)))
        .config(ConfigSource.of(Map.of("okta_service", Map.of("org_url", sandbox.orgUrl().toString(), "client_id", clientId))))
        .secrets(new MapSecretStore("the test").put("okta_private_key", key.toJSONString()))
        .build();
    assertThat(service.call("okta_service.list_users", Map.of()).output()).hasSize(5);
    assertThatThrownBy(() -> service.call("okta_service.list_groups", Map.of()))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.PERMISSION);
          assertThat(e.errorCode()).contains("E0000006");
        });
  }
}
