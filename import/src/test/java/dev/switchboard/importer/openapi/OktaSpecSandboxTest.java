package dev.switchboard.importer.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.importer.DefinitionCheck;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.sandbox.OktaSandbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user and group operations imported from Okta's own OpenAPI description run against the Okta sandbox. */
class OktaSpecSandboxTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> OPERATIONS = List.of("listUsers", "createUser", "getUser", "updateUser", "replaceUser",
      "activateUser", "deactivateUser", "deleteUser", "listUserGroups", "listGroups", "addGroup", "getGroup", "replaceGroup",
      "listGroupUsers", "assignUserToGroup", "unassignUserFromGroup", "deleteGroup");
  private static OktaSandbox sandbox;
  private static Engine engine;

  @BeforeAll
  static void start() {
    sandbox = OktaSandbox.builder().port(0).users(30).seed(21L).build();
    sandbox.start();
    ImportResult result = OktaSpec.get().run(OpenApiImport.Selection.operations(OPERATIONS),
        ImportOptions.defaults().withConnector("okta_api"));
    Map<String, String> actions = new LinkedHashMap<>();
    result.actions().forEach(a -> actions.put(a.name(), a.yaml()));
    ConnectorDefinition connector = DefinitionCheck.load("okta_api", result.connector().yaml(), actions);
    engine = Engine.builder(Catalog.of(List.of(connector)))
        .config(ConfigSource.of(Map.of("okta_api", Map.of("org_url", sandbox.orgUrl().toString()))))
        .secrets(new MapSecretStore("the test").put("okta_api_api_token", sandbox.createApiToken("OpenAPI import")))
        .build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static ActionResult call(String action, Object... pairs) {
    Map<String, JsonNode> inputs = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      inputs.put((String) pairs[i], v instanceof Boolean b ? F.booleanNode(b) : v instanceof Integer n ? F.numberNode(n) : F.textNode(v.toString()));
    }
    ActionResult result = engine.call("okta_api." + action, inputs);
    assertThat(result.status()).as(action).isBetween(200, 299);
    return result;
  }

  @Test
  void aUsersLifeThroughTheImportedUserOperations() {
    JsonNode created = call("create_user", "login", "ada@example.com", "email", "ada@example.com", "first_name", "Ada",
        "last_name", "Lovelace", "department", "Research", "activate", false).output();
    assertThat(created.get("status").asText()).isEqualTo("STAGED");
    String id = created.get("id").asText();

    assertThat(call("get_user", "id", id).output().at("/profile/login").asText()).isEqualTo("ada@example.com");
    assertThat(call("update_user", "id", id, "title", "Analyst").output().at("/profile/title").asText()).isEqualTo("Analyst");
    assertThat(call("get_user", "id", id).output().at("/profile/department").asText()).as("a partial update keeps the rest")
        .isEqualTo("Research");
    JsonNode searched = call("list_users", "search", "profile.department eq \"Research\"").output();
    assertThat(searched).anySatisfy(u -> assertThat(u.get("id").asText()).isEqualTo(id));

    call("activate_user", "id", id, "send_email", false);
    assertThat(call("get_user", "id", id).output().get("status").asText()).isEqualTo("PROVISIONED");
    assertThat(call("list_user_groups", "id", id).output().isArray()).isTrue();
    call("deactivate_user", "id", id);
    call("delete_user", "id", id);
  }

  @Test
  void theListingFollowsOktasLinkHeaders() {
    var plan = engine.catalog().require("okta_api.list_users");
    List<ActionResult> pages = engine.pages(plan, Map.of("limit", F.numberNode(7))).toList();
    assertThat(pages).hasSizeGreaterThan(2);
    assertThat(pages.stream().mapToInt(p -> p.output().size()).sum()).isGreaterThan(14);
  }

  @Test
  void aGroupsLifeThroughTheImportedGroupOperations() {
    String group = call("add_group", "name", "Platform", "description", "Everyone who builds the platform").output().get("id").asText();
    assertThat(call("get_group", "group_id", group).output().at("/profile/name").asText()).isEqualTo("Platform");
    assertThat(call("list_groups", "q", "Plat").output()).anySatisfy(g -> assertThat(g.get("id").asText()).isEqualTo(group));
    String user = call("list_users", "limit", 1).output().get(0).get("id").asText();

    assertThat(call("assign_user_to_group", "group_id", group, "user_id", user).status()).isEqualTo(204);
    assertThat(call("list_group_users", "group_id", group).output()).anySatisfy(u -> assertThat(u.get("id").asText()).isEqualTo(user));
    assertThat(call("unassign_user_from_group", "group_id", group, "user_id", user).status()).isEqualTo(204);
    call("replace_group", "group_id", group, "name", "Platform team", "description", "Renamed");
    assertThat(call("get_group", "group_id", group).output().at("/profile/name").asText()).isEqualTo("Platform team");
    assertThat(call("delete_group", "group_id", group).status()).isEqualTo(204);
  }
}
