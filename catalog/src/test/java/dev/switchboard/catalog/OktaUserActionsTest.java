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
import dev.switchboard.sandbox.OktaSandbox;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every user action of the Okta pack, through the engine, against the Okta sandbox. */
class OktaUserActionsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static OktaSandbox sandbox;
  private static Engine engine;

  @BeforeAll
  static void start() {
    sandbox = OktaSandbox.builder().port(0).users(60).seed(11L).build();
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

  private static JsonNode run(String action, Object... pairs) {
    Map<String, JsonNode> inputs = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      inputs.put((String) pairs[i], v instanceof Boolean b ? F.booleanNode(b) : v instanceof Integer n ? F.numberNode(n) : F.textNode(v.toString()));
    }
    ActionResult result = engine.call("okta." + action, inputs);
    assertThat(result.status()).isBetween(200, 299);
    return result.output();
  }

  private static String newUser(String login) {
    return run("create_user", "login", login, "email", login, "first_name", "Test", "last_name", "User", "department", "QA",
        "title", "Tester").get("id").asText();
  }

  @Test
  void createGetUpdateAndReplaceAUser() {
    JsonNode created = run("create_user", "login", "ada@example.com", "email", "ada@example.com", "first_name", "Ada",
        "last_name", "Lovelace", "department", "Research", "title", "Analyst");
    assertThat(created.get("status").asText()).isEqualTo("STAGED");
    String id = created.get("id").asText();
    assertThat(run("get_user", "id", "ada@example.com").get("id").asText()).isEqualTo(id);
    JsonNode updated = run("update_user", "id", id, "department", "Engineering");
    assertThat(updated.get("department").asText()).isEqualTo("Engineering");
    assertThat(updated.get("title").asText()).as("a partial update keeps other attributes (C15)").isEqualTo("Analyst");
    JsonNode replaced = run("replace_user", "id", id, "login", "ada@example.com", "email", "ada@example.com",
        "first_name", "Ada", "last_name", "King");
    assertThat(replaced.get("lastName").asText()).isEqualTo("King");
    assertThat(replaced.get("title").isNull() || replaced.get("title").isMissingNode()).as("replace clears omitted attributes").isTrue();
  }

  @Test
  void aDuplicateLoginIsAValidationErrorWithItsCause() {
    newUser("dup@example.com");
    assertThatThrownBy(() -> newUser("dup@example.com"))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
          assertThat(e.errorCode()).contains("E0000001");
          assertThat(e.errorCauses()).anySatisfy(c -> assertThat(c).contains("login"));
        });
  }

  @Test
  void activatingAStagedUserWithoutEmailReturnsTheActivationUrlCaseC13() {
    String id = newUser("c13@example.com");
    JsonNode activated = run("activate_user", "id", id, "send_email", false);
    assertThat(activated.get("activationUrl").asText()).startsWith("http");
    assertThat(run("get_user", "id", id).get("status").asText()).isEqualTo("PROVISIONED");
    assertThatThrownBy(() -> run("activate_user", "id", id, "send_email", false))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void suspendUnsuspendResetAndExpireFollowOktasLifecycle() {
    String active = run("list_users", "search", "status eq \"ACTIVE\"", "limit", 1).get(0).get("id").asText();
    run("suspend_user", "id", active);
    assertThat(run("get_user", "id", active).get("status").asText()).isEqualTo("SUSPENDED");
    assertThatThrownBy(() -> run("suspend_user", "id", active))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.errorCode()).contains("E0000038"));
    run("unsuspend_user", "id", active);
    assertThat(run("get_user", "id", active).get("status").asText()).isEqualTo("ACTIVE");
    assertThat(run("expire_password", "id", active).get("status").asText()).isEqualTo("PASSWORD_EXPIRED");
    String other = run("list_users", "search", "status eq \"ACTIVE\"", "limit", 1).get(0).get("id").asText();
    assertThat(run("reset_password", "id", other, "send_email", false).get("resetPasswordUrl").asText()).startsWith("http");
    assertThat(run("get_user", "id", other).get("status").asText()).isEqualTo("RECOVERY");
  }

  @Test
  void unlockReturnsALockedOutUserToActive() {
    JsonNode locked = run("list_users", "search", "status eq \"LOCKED_OUT\"", "limit", 1);
    assertThat(locked).as("the seeded org has locked-out users").isNotEmpty();
    String id = locked.get(0).get("id").asText();
    run("unlock_user", "id", id);
    assertThat(run("get_user", "id", id).get("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void deleteRefusesAnActiveUserUnlessToldToDeactivateFirst() {
    String id = newUser("gone@example.com");
    run("activate_user", "id", id, "send_email", false);
    assertThatThrownBy(() -> run("delete_user", "id", id))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT);
          assertThat(e.getMessage()).contains("is PROVISIONED, not DEPROVISIONED").contains("deactivate_first=true");
        });
    assertThat(run("get_user", "id", id).get("status").asText()).isEqualTo("PROVISIONED");
    JsonNode deleted = run("delete_user", "id", id, "deactivate_first", true);
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    assertThat(deleted.get("previousStatus").asText()).isEqualTo("PROVISIONED");
    assertThatThrownBy(() -> run("get_user", "id", id))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
  }

  @Test
  void deactivateThenDeleteADeprovisionedUser() {
    String id = newUser("bye@example.com");
    run("deactivate_user", "id", id);
    assertThat(run("get_user", "id", id).get("status").asText()).isEqualTo("DEPROVISIONED");
    assertThat(run("delete_user", "id", id).get("previousStatus").asText()).isEqualTo("DEPROVISIONED");
  }

  @Test
  void aLoginWithASlashIsFoundBySearchCaseC03() {
    String id = sandbox.createUser(Map.of("login", "ops/ada@example.com", "email", "ada.ops@example.com",
        "firstName", "Ada", "lastName", "Ops"), "ACTIVE");
    assertThatThrownBy(() -> run("get_user", "id", "ops/ada@example.com"))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.errorCode()).contains("E0000022");
          assertThat(e.getMessage()).contains("use okta.get_user_by_login");
        });
    assertThat(run("get_user_by_login", "login", "ops/ada@example.com").get("id").asText()).isEqualTo(id);
    String plain = newUser("plain@example.com");
    assertThat(run("get_user_by_login", "login", "plain@example.com").get("id").asText()).isEqualTo(plain);
    assertThatThrownBy(() -> run("get_user_by_login", "login", "nobody/x@example.com"))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
  }

  @Test
  void getUserByLoginMatchesTheWholeLoginNotAShortLoginOrAnId() {
    String id = newUser("exact.match@example.com");
    assertThat(run("get_user_by_login", "login", "EXACT.match@example.com").get("id").asText()).isEqualTo(id);
    assertThatThrownBy(() -> run("get_user_by_login", "login", "exact.match"))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    assertThatThrownBy(() -> run("get_user_by_login", "login", id))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
  }

  @Test
  void aFailingStepIsReportedUnderItsCompoundWithItsNumberAndAction() {
    String id = newUser("half@example.com");
    run("activate_user", "id", id, "send_email", false);
    sandbox.close();
    assertThatThrownBy(() -> run("delete_user", "id", id, "deactivate_first", true))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.getMessage()).startsWith("okta.delete_user: step 1 (get_user) failed"));
    start();
  }

  @Test
  void aLoginWithAQuoteCannotReachTheSearchExpression() {
    assertThatThrownBy(() -> run("get_user_by_login", "login", "x\" or status eq \"ACTIVE"))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
          assertThat(e.field()).contains("login");
        });
  }
}
