package dev.switchboard.importer.postman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.importer.DefinitionCheck;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.sandbox.OktaSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Postman collection v2.1: requests in folders, variables and inherited auth become one connector's actions. */
class PostmanImportTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path COLLECTION = Path.of("src/test/resources/postman/okta-users.postman_collection.json");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @TempDir
  Path tmp;

  private static JsonNode action(ImportResult r, String name) throws Exception {
    return YAML.readTree(r.actions().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().yaml());
  }

  @Test
  void requestsInFoldersBecomeActionsNamedAfterThem() throws Exception {
    ImportResult r = PostmanImport.read(COLLECTION).run(ImportOptions.defaults());
    assertThat(r.connector().name()).isEqualTo("okta");
    assertThat(r.actions()).extracting(ImportResult.ActionFile::name)
        .containsExactly("list_users", "create_user_without_credentials", "get_user", "suspend_user");
    JsonNode list = action(r, "list_users");
    assertThat(list.get("description").asText()).startsWith("Lists users of the org");
    assertThat(list.at("/inputs/search/examples/0").asText()).isEqualTo("profile.department eq \"Engineering\"");
    assertThat(list.at("/query/filter").isMissingNode()).as("a disabled parameter is left out").isTrue();
    assertThat(list.at("/pagination/type").asText()).isEqualTo("link_header");
    assertThat(action(r, "get_user").get("path").asText()).isEqualTo("/api/v1/users/{{user_id}}");
    assertThat(action(r, "suspend_user").get("path").asText()).isEqualTo("/api/v1/users/{{user_id}}/lifecycle/suspend");
    assertThat(r.actions().get(3).yaml()).contains("# Postman folder: Users / Lifecycle");
    assertThat(action(r, "create_user_without_credentials").at("/body/profile/firstName").asText()).isEqualTo("{{first_name}}");
  }

  @Test
  void theCollectionsAuthAndVariablesMakeTheConnector() throws Exception {
    ImportResult r = PostmanImport.read(COLLECTION).run(ImportOptions.defaults());
    JsonNode c = YAML.readTree(r.connector().yaml());
    assertThat(c.get("title").asText()).isEqualTo("Okta Users API");
    assertThat(c.at("/config/org_url/example").asText()).isEqualTo("https://dev-123456.okta.com");
    assertThat(c.at("/auth/format").asText()).isEqualTo("SSWS {{secret}}");
    assertThat(r.secrets()).isEmpty();
    assertThat(r.findings(Finding.Kind.LEFT_TO_USER)).anySatisfy(f -> assertThat(f.message()).contains("'{{apikey}}' is a placeholder"));
  }

  @Test
  void requestsThatCannotBeActionsAreSkippedAndReported() {
    ImportResult r = PostmanImport.read(COLLECTION).run(ImportOptions.defaults());
    assertThat(r.findings()).anySatisfy(f -> assertThat(f.subject() + ": " + f.message())
        .contains("request \"Sign-in widget form post\"").contains("form data"));
    assertThat(r.findings()).anySatisfy(f -> assertThat(f.subject() + ": " + f.message())
        .contains("request \"Status page\"").contains("https://status.okta.com"));
  }

  @Test
  void aRealTokenInAVariableGoesToTheSecrets() throws Exception {
    String text = Files.readString(COLLECTION).replace("{\"key\": \"apikey\", \"value\": \"\"}",
        "{\"key\": \"apikey\", \"value\": \"00Xq7vLk2RmPz9WcTbN4yHsJd6FgA1eU3oIiKlMn\"}");
    ImportResult r = PostmanImport.parse(text, "collection").run(ImportOptions.defaults().withConnector("okta_pm"));
    assertThat(r.secrets()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("okta_pm_api_token"));
    assertThat(r.connector().yaml() + r.actions()).doesNotContain("00Xq7vLk2RmPz9WcTbN4yHsJd6FgA1eU3oIiKlMn");
  }

  @Test
  void theImportedRequestsRunAgainstTheSandbox() {
    ImportResult r = PostmanImport.read(COLLECTION).run(ImportOptions.defaults().withConnector("okta_pm"));
    Map<String, String> texts = new LinkedHashMap<>();
    r.actions().forEach(a -> texts.put(a.name(), a.yaml()));
    ConnectorDefinition connector = DefinitionCheck.load("okta_pm", r.connector().yaml(), texts);
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(20).seed(3L).build()) {
      sandbox.start();
      Engine engine = Engine.builder(Catalog.of(List.of(connector)))
          .config(ConfigSource.of(Map.of("okta_pm", Map.of("org_url", sandbox.orgUrl().toString()))))
          .secrets(new MapSecretStore("the test").put("okta_pm_api_token", sandbox.createApiToken("postman"))).build();
      JsonNode created = engine.call("okta_pm.create_user_without_credentials", Map.of("login", F.textNode("kay@example.com"),
          "email", F.textNode("kay@example.com"), "first_name", F.textNode("Kay"), "last_name", F.textNode("Ng"),
          "activate", F.booleanNode(false))).output();
      assertThat(engine.call("okta_pm.get_user", Map.of("user_id", F.textNode(created.get("id").asText()))).output()
          .at("/profile/login").asText()).isEqualTo("kay@example.com");
      assertThat(engine.call("okta_pm.list_users", Map.of("limit", F.numberNode(5))).output()).hasSize(5);
    }
  }

  @Test
  void whatIsNotACollectionIsAClearError() throws Exception {
    assertThatThrownBy(() -> PostmanImport.parse("{\"info\": {", "x.json")).isInstanceOf(ImportException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> PostmanImport.parse("{\"id\": \"1\", \"name\": \"old\", \"order\": [], \"requests\": []}", "v1.json"))
        .isInstanceOf(ImportException.class).hasMessageContaining("format v1").hasMessageContaining("Collection v2.1");
    assertThatThrownBy(() -> PostmanImport.parse("{\"openapi\": \"3.0.0\", \"paths\": {}}", "spec.json"))
        .isInstanceOf(ImportException.class).hasMessageContaining("info.schema");
    assertThatThrownBy(() -> PostmanImport.read(tmp.resolve("none.json"))).isInstanceOf(ImportException.class)
        .hasMessageContaining("no such file");
  }
}
