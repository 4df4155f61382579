package dev.switchboard.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.json.McpJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool names, selection and descriptors, from connectors written as YAML. */
class ToolCatalogTest {
  @TempDir
  Path dir;

  private Catalog catalog(String connector, String... actions) throws IOException {
    Path c = dir.resolve(connector);
    Files.createDirectories(c.resolve("actions"));
    Files.writeString(c.resolve("connector.yaml"), "name: " + connector + "\nbase_url: \"https://x.example\"\nauth: {type: none}\n");
    for (String action : actions) {
      String[] parts = action.split(":", 2);
      Files.writeString(c.resolve("actions/" + parts[0] + ".yaml"), parts[1]);
    }
    return Catalog.of(DefinitionLoader.loadDirectory(dir));
  }

  private static final String LIST = "list_users:description: Lists.\nmethod: GET\npath: /users\n"
      + "query: {after: \"{{after}}\", limit: \"{{limit}}\"}\ninputs: {after: {type: string}, limit: {type: integer, maximum: 200}}\n"
      + "pagination: {type: link_header, cursor_param: after, limit_param: limit}\n";
  private static final String GET = "get_user:description: Gets.\nmethod: GET\npath: /users/{{id}}\ninputs: {id: {type: string, required: true}}\n";
  private static final String DELETE = "delete_user:description: Deletes.\nmethod: DELETE\npath: /users/{{id}}\ninputs: {id: {type: string, required: true}}\n";
  private static final String SUSPEND = "suspend_user:description: Suspends.\nmethod: POST\npath: /users/{{id}}/suspend\ninputs: {id: {type: string, required: true}}\n";

  private Catalog idp() throws IOException {
    return catalog("idp", LIST, GET, DELETE, SUSPEND);
  }

  private static List<String> names(ToolCatalog tools) {
    return tools.tools().stream().map(ActionTool::name).toList();
  }

  private static JsonNode json(Object value) {
    return McpJson.objectMapper().valueToTree(value);
  }

  @Test
  void eachActionIsAToolNamedConnectorUnderscoreAction() throws IOException {
    ToolCatalog tools = ToolCatalog.of(idp(), ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK);
    assertThat(names(tools)).containsExactly("idp_delete_user", "idp_get_user", "idp_list_users", "idp_suspend_user");
  }

  @Test
  void globsSelectByWholeNameAndReadOnlyKeepsOnlyReadOnlyActions() throws IOException {
    assertThat(names(ToolCatalog.of(idp(), new ToolSelection(List.of("idp_list_*"), false), OutputBudget.DEFAULT, Confirmation.ASK)))
        .containsExactly("idp_list_users");
    assertThat(names(ToolCatalog.of(idp(), new ToolSelection(List.of("*_user", "idp_list_user?"), false), OutputBudget.DEFAULT, Confirmation.ASK)))
        .containsExactly("idp_delete_user", "idp_get_user", "idp_list_users", "idp_suspend_user");
    assertThat(names(ToolCatalog.of(idp(), new ToolSelection(List.of(), true), OutputBudget.DEFAULT, Confirmation.ASK)))
        .containsExactly("idp_get_user", "idp_list_users");
    assertThat(names(ToolCatalog.of(idp(), new ToolSelection(List.of("idp_*_user"), true), OutputBudget.DEFAULT, Confirmation.ASK)))
        .containsExactly("idp_get_user");
  }

  @Test
  void aGlobThatMatchesNoToolIsRefusedListingTheTools() throws IOException {
    Catalog catalog = idp();
    assertThatThrownBy(() -> ToolCatalog.of(catalog, new ToolSelection(List.of("okta_*"), false), OutputBudget.DEFAULT, Confirmation.ASK))
        .hasMessageContaining("--tools 'okta_*' matches no tool").hasMessageContaining("idp_list_users");
  }

  @Test
  void aSelectionThatLeavesNoToolIsRefused() throws IOException {
    Catalog catalog = idp();
    assertThatThrownBy(() -> ToolCatalog.of(catalog, new ToolSelection(List.of("idp_delete_*"), true), OutputBudget.DEFAULT, Confirmation.ASK))
        .hasMessageContaining("no tool is left to serve with --read-only");
  }

  @Test
  void aGlobWithCharactersNoToolNameHasIsRefused() {
    assertThatThrownBy(() -> new ToolSelection(List.of("okta list"), false)).hasMessageContaining("is not a tool name pattern");
  }

  @Test
  void twoActionsThatWouldShareAToolNameAreRefusedNamingBoth() throws IOException {
    catalog("a_b", "c:description: C.\nmethod: GET\npath: /c\n");
    Catalog both = catalog("a", "b_c:description: BC.\nmethod: GET\npath: /bc\n");
    assertThatThrownBy(() -> ToolCatalog.of(both, ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK))
        .hasMessageContaining("a.b_c").hasMessageContaining("a_b.c").hasMessageContaining("'a_b_c'");
  }

  @Test
  void anActionWithAnInputTheServerReservesIsRefused() throws IOException {
    Catalog catalog = catalog("idp", "list_things:description: Lists.\nmethod: GET\npath: /things\n"
        + "query: {next_cursor: \"{{next_cursor}}\"}\ninputs: {next_cursor: {type: string}}\npagination: {type: link_header}\n");
    assertThatThrownBy(() -> ToolCatalog.of(catalog, ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK))
        .hasMessageContaining("idp.list_things has an input named 'next_cursor'");
  }

  @Test
  void aListingTakesNextCursorInsteadOfItsCursorInputAndDescribesItsBudget() throws IOException {
    ActionTool list = ToolCatalog.of(idp(), ToolSelection.ALL, new OutputBudget(20, 4096), Confirmation.ASK).find("idp_list_users").orElseThrow();
    JsonNode input = json(list.descriptor().inputSchema());
    assertThat(input.path("properties").has("after")).isFalse();
    assertThat(input.path("properties").path("next_cursor").path("type").asText()).isEqualTo("string");
    assertThat(input.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(list.descriptor().description()).contains("at most 20 items and 4096 bytes");
    JsonNode output = json(list.descriptor().outputSchema());
    assertThat(output.path("type").asText()).isEqualTo("object");
    assertThat(output.path("anyOf").get(0).path("required").toString()).isEqualTo("[\"items\",\"count\",\"truncated\"]");
    assertThat(output.path("anyOf").get(1).path("required").toString()).as("a failed call fits the schema too").isEqualTo("[\"error\"]");
    assertThat(list.descriptor().annotations().openWorldHint()).isTrue();
  }

  @Test
  void aDestructiveToolTakesAConfirmationTokenUnlessConfirmationIsOff() throws IOException {
    ActionTool asks = ToolCatalog.of(idp(), ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK).find("idp_delete_user").orElseThrow();
    assertThat(asks.confirms()).isTrue();
    assertThat(json(asks.descriptor().inputSchema()).path("properties").has("confirmation_token")).isTrue();
    assertThat(json(asks.descriptor().outputSchema()).path("anyOf")).hasSize(3);
    assertThat(asks.descriptor().description()).contains("Destructive: nothing is changed until confirmed");
    ActionTool runs = ToolCatalog.of(idp(), ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.OFF).find("idp_delete_user").orElseThrow();
    assertThat(runs.confirms()).isFalse();
    assertThat(json(runs.descriptor().inputSchema()).path("properties").has("confirmation_token")).isFalse();
    assertThat(runs.descriptor().annotations().destructiveHint()).isTrue();
  }

  @Test
  void aSingleResultToolPromisesAResultAndTheActionsAnnotations() throws IOException {
    ToolCatalog tools = ToolCatalog.of(idp(), ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK);
    ActionTool get = tools.find("idp_get_user").orElseThrow();
    assertThat(json(get.descriptor().outputSchema()).path("anyOf").get(0).path("required").toString()).isEqualTo("[\"result\"]");
    assertThat(get.descriptor().annotations().readOnlyHint()).isTrue();
    assertThat(get.descriptor().annotations().idempotentHint()).isTrue();
    ActionTool suspend = tools.find("idp_suspend_user").orElseThrow();
    assertThat(suspend.descriptor().annotations().readOnlyHint()).isFalse();
    assertThat(suspend.descriptor().annotations().destructiveHint()).isFalse();
    assertThat(suspend.confirms()).isFalse();
  }

  @Test
  void anUnknownToolIsExplainedWithTheClosestNameOrTheSelectionThatLeftItOut() throws IOException {
    ToolCatalog readOnly = ToolCatalog.of(idp(), new ToolSelection(List.of(), true), OutputBudget.DEFAULT, Confirmation.ASK);
    assertThat(readOnly.unknown("idp_get_usr")).startsWith("Unknown tool 'idp_get_usr'; did you mean 'idp_get_user'?");
    assertThat(readOnly.unknown("idp_delete_user")).contains("not served here").contains("--read-only");
    assertThat(readOnly.unknown("zzz")).startsWith("Unknown tool 'zzz'.").doesNotContain("did you mean");
  }

  @Test
  void aToolNameOver64CharactersIsRefusedAsModelApisRefuseIt() throws IOException {
    String action = "a".repeat(61);
    Catalog catalog = catalog("idp", action + ":description: Long.\nmethod: GET\npath: /long\n");
    assertThatThrownBy(() -> ToolCatalog.of(catalog, ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK))
        .hasMessageContaining("would be the tool 'idp_" + action + "'").hasMessageContaining("1 to 64 characters");
  }

  @Test
  void anInstanceOfAPackIsServedAsItsOwnToolsNamingTheInstance() throws IOException {
    Catalog pack = idp();
    Catalog catalog = pack.with(List.of(new ConnectorInstance("idp", "prod").of(pack.connectors().get("idp"))));
    ToolCatalog tools = ToolCatalog.of(catalog, ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK);
    assertThat(names(tools)).contains("idp_get_user", "idp-prod_get_user", "idp-prod_list_users");
    ActionTool get = tools.find("idp-prod_get_user").orElseThrow();
    assertThat(get.plan().id()).isEqualTo("idp@prod.get_user");
    assertThat(get.descriptor().title()).isEqualTo("idp (prod): " + get.plan().definition().title());
    assertThat(get.descriptor().description()).startsWith("On idp@prod, the 'prod' instance of idp").endsWith("Gets.");
    assertThat(tools.find("idp_get_user").orElseThrow().descriptor().description()).isEqualTo("Gets.");
  }
}
