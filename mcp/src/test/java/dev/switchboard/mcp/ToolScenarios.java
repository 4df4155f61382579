package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.sandbox.OktaSandbox;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an MCP client meets, driven with the MCP Java SDK's own client: the same scenarios over each transport
 * (subclasses say how to connect). The server serves the catalog's Okta pack against the Okta sandbox, and the
 * test connector of {@link Fixtures} against {@link ShopApi}.
 */
abstract class ToolScenarios {
  static final ObjectMapper JSON = McpJson.objectMapper();
  static final int SANDBOX_USERS = 250;

  static ShopApi shop;
  static OktaSandbox sandbox;
  static String oktaToken;
  static Path defs;
  /** Every result's JSON seen by the clients, to check that no secret ever appears. */
  static final List<String> transcript = new CopyOnWriteArrayList<>();
  /** What the eliciting client answers; set per test. */
  static final AtomicReference<Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult>> answer = new AtomicReference<>();
  /** The elicitation requests the eliciting client received. */
  static final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServices() throws Exception {
    shop = new ShopApi();
    sandbox = OktaSandbox.builder().port(0).users(SANDBOX_USERS).seed(7L).build();
    sandbox.start();
    oktaToken = sandbox.createApiToken("MCP tests");
    defs = Fixtures.write(Files.createTempDirectory("switchboard-mcp-defs"));
    transcript.clear();
  }

  @AfterAll
  static void stopServices() {
    shop.close();
    sandbox.close();
  }

  @BeforeEach
  void resetElicitation() {
    answer.set(r -> McpSchema.ElicitResult.builder(McpSchema.ElicitResult.Action.DECLINE).build());
    asked.clear();
  }

  /** The environment the server reads its settings and secrets from. */
  static Map<String, String> serverEnv() {
    return Map.of("SHOP_URL", shop.url(), "SHOP_API_KEY", ShopApi.KEY,
        "OKTA_ORG_URL", sandbox.orgUrl().toString(), "OKTA_API_TOKEN", oktaToken);
  }

  /** The elicitation handler of eliciting clients: records the request and answers as {@link #answer} says. */
  static McpSchema.ElicitResult elicit(McpSchema.ElicitFormRequest request) {
    asked.add(request);
    return answer.get().apply(request);
  }

  /** A connected client that does not declare elicitation. */
  abstract McpSyncClient plainClient();

  /** A connected client that declares elicitation and answers through {@link #elicit}. */
  abstract McpSyncClient elicitingClient();

  /** What the server logged so far. */
  abstract String serverLog();

  static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    try {
      transcript.add(JSON.writeValueAsString(result));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(text(result)).doesNotContain("\tat ", "Exception", ".java:");
    return result;
  }

  static JsonNode structured(CallToolResult result) {
    assertThat(result.structuredContent()).as("structuredContent").isNotNull();
    return JSON.valueToTree(result.structuredContent());
  }

  static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  static List<String> ids(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  private static Map<String, McpSchema.Tool> tools(McpSyncClient client) {
    Map<String, McpSchema.Tool> out = new LinkedHashMap<>();
    client.listTools().tools().forEach(t -> out.put(t.name(), t));
    return out;
  }

  @Test
  void toolsListOffersEveryActionWithTitleSchemasAndAnnotations() {
    Map<String, McpSchema.Tool> tools = tools(plainClient());
    assertThat(tools).containsKeys("okta_list_users", "okta_get_user", "okta_delete_user", "okta_suspend_user",
        "shop_list_items", "shop_get_item", "shop_delete_item", "shop_archive_item");
    assertThat(tools).doesNotContainKey("okta_delete_user_request");
    McpSchema.Tool list = tools.get("okta_list_users");
    assertThat(list.title()).isEqualTo("Okta: List users");
    assertThat(list.description()).startsWith("Lists users in the Okta org").contains("at most 50 items");
    JsonNode input = JSON.valueToTree(list.inputSchema());
    assertThat(input.path("properties").has("next_cursor")).isTrue();
    assertThat(input.path("properties").has("after")).as("the upstream cursor gives way to next_cursor").isFalse();
    assertThat(input.path("properties").path("limit").path("maximum").asInt()).isEqualTo(200);
    assertThat(JSON.valueToTree(list.outputSchema()).path("anyOf").toString()).contains("items", "truncated", "error");
    assertThat(list.annotations().readOnlyHint()).isTrue();
    assertThat(list.annotations().destructiveHint()).isFalse();
    assertThat(list.annotations().idempotentHint()).isTrue();
    McpSchema.Tool delete = tools.get("shop_delete_item");
    assertThat(delete.annotations().readOnlyHint()).isFalse();
    assertThat(delete.annotations().destructiveHint()).isTrue();
    assertThat(JSON.valueToTree(delete.inputSchema()).path("properties").has("confirmation_token")).isTrue();
    McpSchema.Tool archive = tools.get("shop_archive_item");
    assertThat(archive.annotations().readOnlyHint()).isFalse();
    assertThat(archive.annotations().destructiveHint()).isFalse();
  }

  @Test
  void theInstructionsExplainPagingConfirmationAndTheServersNotes() {
    assertThat(plainClient().getServerInstructions()).contains("next_cursor", "confirmation_token", "This is a test server.");
  }

  @Test
  void everyReadToolAnswersWithStructuredContentAndAText() {
    McpSyncClient client = plainClient();
    JsonNode someUser = structured(call(client, "okta_list_users", Map.of("limit", 1))).path("items").get(0);
    String userId = someUser.path("id").asText();
    String groupId = structured(call(client, "okta_list_groups", Map.of("limit", 1))).path("items").get(0).path("id").asText();
    Map<String, Map<String, Object>> arguments = new HashMap<>();
    arguments.put("okta_list_users", Map.of());
    arguments.put("okta_get_user", Map.of("id", userId));
    arguments.put("okta_get_user_by_login", Map.of("login", someUser.path("login").asText()));
    arguments.put("okta_list_user_groups", Map.of("id", userId));
    arguments.put("okta_list_user_events", Map.of("user_id", userId));
    arguments.put("okta_list_groups", Map.of());
    arguments.put("okta_get_group", Map.of("group_id", groupId));
    arguments.put("okta_list_group_members", Map.of("group_id", groupId));
    arguments.put("okta_query_logs", Map.of("since", "2020-01-01T00:00:00Z", "until", "2030-01-01T00:00:00Z"));
    arguments.put("okta_list_api_tokens", Map.of());
    arguments.put("shop_list_items", Map.of("tag", "red"));
    arguments.put("shop_get_item", Map.of("id", "it3"));
    List<String> readTools = tools(client).values().stream()
        .filter(t -> Boolean.TRUE.equals(t.annotations().readOnlyHint())).map(McpSchema.Tool::name).toList();
    assertThat(arguments.keySet()).containsExactlyInAnyOrderElementsOf(readTools);
    for (String tool : readTools) {
      CallToolResult result = call(client, tool, arguments.get(tool));
      assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
      JsonNode s = structured(result);
      assertThat(s.has("items") || s.has("result")).as(tool).isTrue();
      assertThat(text(result)).isNotBlank();
    }
    JsonNode user = structured(call(client, "okta_get_user", Map.of("id", userId))).path("result");
    assertThat(user.path("id").asText()).isEqualTo(userId);
    assertThat(user.has("login")).isTrue();
    assertThat(user.has("_links")).as("mapped for agents, not Okta's raw user").isFalse();
  }

  @Test
  void anOktaDestructiveToolIsPreviewedThenRunsOnTheSandboxWithItsToken() {
    McpSyncClient client = plainClient();
    String userId = structured(call(client, "okta_list_users", Map.of("search", "status eq \"ACTIVE\"", "limit", 1)))
        .path("items").get(0).path("id").asText();
    JsonNode confirmation = structured(call(client, "okta_suspend_user", Map.of("id", userId))).path("confirmation");
    assertThat(confirmation.path("request").path("method").asText()).isEqualTo("POST");
    assertThat(confirmation.path("request").path("path").asText()).isEqualTo("/api/v1/users/" + userId + "/lifecycle/suspend");
    assertThat(structured(call(client, "okta_get_user", Map.of("id", userId))).path("result").path("status").asText()).isEqualTo("ACTIVE");
    CallToolResult done = call(client, "okta_suspend_user", Map.of("id", userId, "confirmation_token", confirmation.path("token").asText()));
    assertThat(done.isError()).as(text(done)).isFalse();
    assertThat(structured(done).path("result").toString()).isEqualTo("{}");
    assertThat(text(done)).as("Okta's {} said in words").isEqualTo("Done: Suspend user (okta.suspend_user) succeeded; Okta"
        + " answered 200 with an empty result {}, its confirmation that the action was carried out.");
    assertThat(structured(call(client, "okta_get_user", Map.of("id", userId))).path("result").path("status").asText()).isEqualTo("SUSPENDED");
  }

  @Test
  void aListingReturnsFiftyItemsThenNextCursorContinuesExactlyToTheEnd() {
    McpSyncClient client = plainClient();
    CallToolResult first = call(client, "shop_list_items", Map.of());
    JsonNode s = structured(first);
    assertThat(s.path("count").asInt()).isEqualTo(50);
    assertThat(s.path("truncated").asBoolean()).isTrue();
    assertThat(text(first)).contains("50 items from shop.list_items", "next_cursor");
    List<String> all = new ArrayList<>(ids(s.path("items")));
    while (s.path("truncated").asBoolean()) {
      s = structured(call(client, "shop_list_items", Map.of("next_cursor", s.path("next_cursor").asText())));
      all.addAll(ids(s.path("items")));
    }
    assertThat(s.has("next_cursor")).isFalse();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < ShopApi.TOTAL; i++) {
      if (!shop.deleted.contains("it" + i)) {
        expected.add("it" + i);
      }
    }
    assertThat(all).isEqualTo(expected);
    JsonNode users = structured(call(client, "okta_list_users", Map.of()));
    assertThat(users.path("count").asInt()).isEqualTo(50);
    assertThat(users.path("truncated").asBoolean()).isTrue();
  }

  @Test
  void aBadInputIsAnErrorResultNamingTheFieldAndNothingIsSent() {
    McpSyncClient client = plainClient();
    long before = shop.seen.size();
    CallToolResult bad = call(client, "shop_get_item", Map.of("id", "../admin"));
    assertThat(bad.isError()).isTrue();
    JsonNode error = structured(bad).path("error");
    assertThat(error.path("category").asText()).isEqualTo("validation");
    assertThat(error.path("field").asText()).isEqualTo("id");
    assertThat(text(bad)).startsWith("Error (validation): input 'id'");
    CallToolResult typo = call(client, "shop_get_item", Map.of("idd", "it1"));
    assertThat(structured(typo).path("error").path("field").asText()).isEqualTo("idd");
    assertThat(text(typo)).contains("did you mean 'id'");
    CallToolResult range = call(client, "okta_list_users", Map.of("limit", 0));
    assertThat(structured(range).path("error").path("field").asText()).isEqualTo("limit");
    CallToolResult cursor = call(client, "shop_list_items", Map.of("next_cursor", "not-a-cursor"));
    assertThat(structured(cursor).path("error").path("field").asText()).isEqualTo("next_cursor");
    assertThat(shop.seen.size()).isEqualTo(before);
  }

  @Test
  void anUpstreamErrorCarriesItsCategoryAndTheServicesCodeAndSummary() {
    CallToolResult missing = call(plainClient(), "shop_get_item", Map.of("id", "it999"));
    assertThat(missing.isError()).isTrue();
    JsonNode error = structured(missing).path("error");
    assertThat(error.path("category").asText()).isEqualTo("not_found");
    assertThat(error.path("status").asInt()).isEqualTo(404);
    assertThat(error.path("error_code").asText()).isEqualTo("E0000007");
    assertThat(error.path("error_summary").asText()).isEqualTo("Not found: Resource not found: it999 (Item)");
    assertThat(error.path("retryable").asBoolean()).isFalse();
    assertThat(text(missing)).startsWith("Error (not_found): shop.get_item: Shop answered 404 E0000007");
  }

  @Test
  void aDestructiveToolFirstReturnsWhatWouldChangeAndAOneTimeTokenThenRunsWithIt() {
    McpSyncClient client = plainClient();
    CallToolResult preview = call(client, "shop_delete_item", Map.of("id", "it5"));
    assertThat(preview.isError()).isFalse();
    JsonNode confirmation = structured(preview).path("confirmation");
    assertThat(confirmation.path("request").path("method").asText()).isEqualTo("DELETE");
    assertThat(confirmation.path("request").path("path").asText()).isEqualTo("/items/it5");
    assertThat(confirmation.path("request").path("inputs").path("id").asText()).isEqualTo("it5");
    assertThat(confirmation.path("expires_in_seconds").asInt()).isEqualTo(300);
    String token = confirmation.path("token").asText();
    assertThat(text(preview)).contains("nothing has been changed", "DELETE /items/it5", token);
    assertThat(shop.count("DELETE", "/items/it5")).as("nothing sent before confirmation").isZero();

    Map<String, Object> confirmed = new HashMap<>(Map.of("id", "it5", "confirmation_token", token));
    CallToolResult done = call(client, "shop_delete_item", confirmed);
    assertThat(done.isError()).as(text(done)).isFalse();
    assertThat(structured(done).has("result")).isTrue();
    assertThat(shop.deleted).contains("it5");
    assertThat(shop.count("DELETE", "/items/it5")).isEqualTo(1);

    CallToolResult again = call(client, "shop_delete_item", confirmed);
    assertThat(again.isError()).isTrue();
    assertThat(structured(again).path("error").path("field").asText()).isEqualTo("confirmation_token");
    assertThat(text(again)).contains("already used");
    assertThat(shop.count("DELETE", "/items/it5")).isEqualTo(1);
  }

  @Test
  void aCompoundDestructiveToolPreviewsItsStepsThenRunsThemWithItsToken() {
    McpSyncClient client = plainClient();
    JsonNode user = structured(call(client, "okta_list_users", Map.of("search", "status eq \"ACTIVE\"", "limit", 2)))
        .path("items").get(1);
    Map<String, Object> arguments = Map.of("id", user.path("id").asText(), "deactivate_first", true);
    CallToolResult preview = call(client, "okta_delete_user", arguments);
    JsonNode request = structured(preview).path("confirmation").path("request");
    assertThat(request.path("action").asText()).isEqualTo("okta.delete_user");
    assertThat(request.path("steps").toString()).contains("okta.get_user: GET /api/v1/users/{{id}}",
        "okta.delete_user_request: DELETE /api/v1/users/{{id}}");
    assertThat(text(preview)).contains("would run the steps of okta.delete_user");
    Map<String, Object> confirmed = new HashMap<>(arguments);
    confirmed.put("confirmation_token", structured(preview).path("confirmation").path("token").asText());
    CallToolResult done = call(client, "okta_delete_user", confirmed);
    assertThat(done.isError()).as(text(done)).isFalse();
    assertThat(structured(done).path("result").path("deleted").asBoolean()).isTrue();
    CallToolResult gone = call(client, "okta_get_user", Map.of("id", user.path("id").asText()));
    assertThat(structured(gone).path("error").path("category").asText()).isEqualTo("not_found");
  }

  @Test
  void aConfirmationTokenOnlyWorksForTheArgumentsItPreviewed() {
    McpSyncClient client = plainClient();
    String token = structured(call(client, "shop_delete_item", Map.of("id", "it6"))).path("confirmation").path("token").asText();
    CallToolResult other = call(client, "shop_delete_item", Map.of("id", "it7", "confirmation_token", token));
    assertThat(other.isError()).isTrue();
    assertThat(text(other)).contains("other arguments");
    assertThat(shop.deleted).doesNotContain("it6", "it7");
  }

  @Test
  void aClientWithElicitationIsAskedAndADestructiveToolRunsWhenTheUserAccepts() {
    answer.set(r -> McpSchema.ElicitResult.builder(McpSchema.ElicitResult.Action.ACCEPT).content(Map.of("confirm", true)).build());
    CallToolResult done = call(elicitingClient(), "shop_delete_item", Map.of("id", "it8"));
    assertThat(done.isError()).as(text(done)).isFalse();
    assertThat(asked).singleElement().satisfies(r -> assertThat(r.message()).contains("DELETE /items/it8"));
    assertThat(shop.deleted).contains("it8");
  }

  @Test
  void whenTheUserDeclinesTheElicitationNothingChanges() {
    CallToolResult refused = call(elicitingClient(), "shop_delete_item", Map.of("id", "it9"));
    assertThat(refused.isError()).isTrue();
    assertThat(structured(refused).path("error").path("category").asText()).isEqualTo("not_confirmed");
    assertThat(text(refused)).contains("declined", "nothing was changed");
    assertThat(asked).hasSize(1);
    assertThat(shop.deleted).doesNotContain("it9");
  }

  @Test
  void aWriteThatIsNotDestructiveRunsWithoutConfirmation() {
    CallToolResult done = call(plainClient(), "shop_archive_item", Map.of("id", "it2"));
    assertThat(done.isError()).as(text(done)).isFalse();
    assertThat(structured(done).path("result").path("status").asText()).isEqualTo("ARCHIVED");
    assertThat(shop.archived).contains("it2");
  }

  @Test
  void noSecretAppearsInAnyResultOrInTheServersLog() {
    McpSyncClient client = plainClient();
    call(client, "okta_list_users", Map.of("limit", 2));
    call(client, "shop_get_item", Map.of("id", "it404"));
    call(client, "shop_delete_item", Map.of("id", "it1"));
    assertThat(transcript).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContain(ShopApi.KEY, oktaToken));
    assertThat(serverLog()).doesNotContain(ShopApi.KEY, oktaToken).doesNotContain("\tat ");
  }

  @Test
  void aCallToAnUnknownToolSuggestsTheClosestAsTheCliDoes() {
    assertThatThrownBy(() -> plainClient().callTool(new McpSchema.CallToolRequest("okta_list_user", Map.of())))
        .isInstanceOf(McpError.class)
        .satisfies(e -> {
          McpSchema.JSONRPCResponse.JSONRPCError error = ((McpError) e).getJsonRpcError();
          assertThat(error.code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
          assertThat(error.message()).isEqualTo("Unknown tool 'okta_list_user'; did you mean 'okta_list_users'?"
              + " tools/list gives the " + tools(plainClient()).size() + " tools this server serves.");
        });
    assertThatThrownBy(() -> plainClient().callTool(new McpSchema.CallToolRequest("frobnicate", Map.of())))
        .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool 'frobnicate'.").hasMessageNotContaining("did you mean");
  }
}
