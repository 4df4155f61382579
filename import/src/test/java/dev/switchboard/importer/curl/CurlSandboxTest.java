package dev.switchboard.importer.curl;

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
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.sandbox.OktaSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Imported cURL commands run against the embedded Okta sandbox: the guide's command lists users. */
class CurlSandboxTest {
  /** The cURL of the Okta guide (Moveworks Agent Studio), as issue 14 quotes it. */
  static final String GUIDE = "curl -i -X GET https://subdomain.okta.com/api/v1/users -H 'Authorization: YOUR_API_KEY_HERE'";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static OktaSandbox sandbox;
  private static String token;

  @BeforeAll
  static void start() {
    sandbox = OktaSandbox.builder().port(0).users(40).seed(14L).build();
    sandbox.start();
    token = sandbox.createApiToken("Agent Studio Connector");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Engine engine(ImportResult result) {
    Map<String, String> actions = new LinkedHashMap<>();
    result.actions().forEach(a -> actions.put(a.name(), a.yaml()));
    ConnectorDefinition connector = DefinitionCheck.load(result.connector().name(), result.connector().yaml(), actions);
    return Engine.builder(Catalog.of(List.of(connector)))
        .config(ConfigSource.of(Map.of(connector.name(), Map.of("org_url", sandbox.orgUrl().toString()))))
        .secrets(new MapSecretStore("the test").put(connector.name() + "_api_token", token))
        .build();
  }

  private static String command(String fixture) throws Exception {
    String text = Files.readString(Path.of("src/test/resources/curl", fixture + ".txt"));
    return text.substring(text.indexOf("\n---\n") + 5);
  }

  @Test
  void theGuidesCurlImportsAndListsUsers() {
    ImportResult result = CurlImport.run(GUIDE, ImportOptions.defaults().avoiding(Set.of("okta")));

    assertThat(result.connector().name()).isEqualTo("okta_imported");
    assertThat(result.actions()).extracting(ImportResult.ActionFile::name).containsExactly("list_users");
    assertThat(result.secrets()).as("YOUR_API_KEY_HERE is a placeholder, not a secret").isEmpty();
    assertThat(result.findings(Finding.Kind.LEFT_TO_USER)).anySatisfy(f ->
        assertThat(f.message()).contains("'YOUR_API_KEY_HERE' is a placeholder, not a secret").contains("secrets set okta_imported_api_token"));
    assertThat(result.findings(Finding.Kind.IGNORED)).anySatisfy(f -> assertThat(f.subject()).isEqualTo("option -i"));
    assertThat(result.connector().yaml()).contains("format: \"SSWS {{secret}}\"").contains("sandbox: okta")
        .doesNotContain("YOUR_API_KEY_HERE");

    ActionResult users = engine(result).call("okta_imported.list_users", Map.of());

    assertThat(users.status()).isEqualTo(200);
    assertThat(users.output().isArray()).isTrue();
    assertThat(users.output().size()).isGreaterThan(10);
    assertThat(users.output().get(0).at("/profile/login").asText()).contains("@");
  }

  @Test
  void oktasDocumentedCommandsRunAgainstTheSandbox() throws Exception {
    ImportOptions options = ImportOptions.defaults().withConnector("okta_docs");
    ImportResult create = CurlImport.run(command("okta-create-user"), options);
    JsonNode created = engine(create).call("okta_docs.create_user", Map.of("login", F.textNode("grace@example.com"),
        "email", F.textNode("grace@example.com"), "first_name", F.textNode("Grace"), "last_name", F.textNode("Hopper"),
        "activate", F.booleanNode(false))).output();
    assertThat(created.get("status").asText()).isEqualTo("STAGED");

    ImportResult get = CurlImport.run(command("okta-get-user"), options);
    JsonNode fetched = engine(get).call("okta_docs.get_user", Map.of("user_id", F.textNode(created.get("id").asText()))).output();
    assertThat(fetched.at("/profile/login").asText()).isEqualTo("grace@example.com");

    ImportResult filter = CurlImport.run(command("okta-list-users-with-filter"), options);
    JsonNode active = engine(filter).call("okta_docs.list_users", Map.of("filter", F.textNode("status eq \"ACTIVE\""))).output();
    assertThat(active).isNotEmpty().allSatisfy(u -> assertThat(u.get("status").asText()).isEqualTo("ACTIVE"));

    ImportResult group = CurlImport.run(command("okta-create-group"), options);
    JsonNode g = engine(group).call("okta_docs.create_group", Map.of("name", F.textNode("West Coast Users"),
        "description", F.textNode("All Users West of The Rockies"))).output();
    ImportResult assign = CurlImport.run(command("okta-assign-user-to-group"), options);
    ActionResult assigned = engine(assign).call("okta_docs.update_group_user", Map.of("group_id", F.textNode(g.get("id").asText()),
        "user_id", F.textNode(created.get("id").asText())));
    assertThat(assigned.status()).isEqualTo(204);
  }
}
