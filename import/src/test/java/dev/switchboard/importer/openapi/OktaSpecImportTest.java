package dev.switchboard.importer.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every operation of Okta's own Management API description imports, and the whole connector loads. */
class OktaSpecImportTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static ImportResult all;

  @BeforeAll
  static void importEverything() {
    all = OktaSpec.get().run(OpenApiImport.Selection.everything(), ImportOptions.defaults().withConnector("okta_spec"));
  }

  @Test
  void everyOperationImportsIntoAnActionAndTheConnectorLoads() {
    // RequestImporter.finish loaded all of them with DefinitionLoader.load before returning
    assertThat(OktaSpec.get().operationIds()).hasSize(732);
    assertThat(all.actions()).hasSize(732);
    assertThat(all.actions().stream().map(ImportResult.ActionFile::name).distinct()).hasSize(732);
  }

  @Test
  void theBodiesAnActionCannotSendAreReportedOperationByOperation() {
    Set<String> withoutBody = new TreeSet<>();
    for (Finding f : all.findings(Finding.Kind.LEFT_TO_USER)) {
      if (f.message().contains("imported without it")) {
        withoutBody.add(f.subject());
      }
    }
    assertThat(withoutBody).containsExactly("action publish_csr_for_identity_provider", "action publish_csr_from_application",
        "action publish_security_event_tokens", "action upload_application_logo", "action upload_brand_theme_background_image",
        "action upload_brand_theme_favicon", "action upload_brand_theme_logo");
  }

  @Test
  void listUsersPagesByTheLinkHeaderAndKeepsTheDocumentsWords() throws Exception {
    JsonNode action = yaml("list_users");
    assertThat(action.get("title").asText()).isEqualTo("List all users");
    assertThat(action.at("/pagination/type").asText()).isEqualTo("link_header");
    assertThat(action.at("/pagination/cursor_param").asText()).isEqualTo("after");
    assertThat(action.at("/pagination/limit_param").asText()).isEqualTo("limit");
    assertThat(action.at("/output/records").asText()).isEqualTo("@");
    assertThat(action.at("/inputs/search/examples/0").asText()).isEqualTo("status eq \"STAGED\"");
    assertThat(action.at("/inputs/limit/type").asText()).isEqualTo("integer");
    assertThat(action.at("/annotations/read_only").asBoolean()).isTrue();
    assertThat(all.actions().stream().filter(a -> a.name().equals("list_users")).findFirst().orElseThrow().outputSchema())
        .hasValueSatisfying(s -> assertThat(s.at("/items/properties/profile")).isNotNull());
  }

  @Test
  void createUserTakesTheProfileFieldsAsInputs() throws Exception {
    JsonNode action = yaml("create_user");
    assertThat(action.at("/body/profile/firstName").asText()).isEqualTo("{{first_name}}");
    assertThat(action.at("/body/profile/login").asText()).isEqualTo("{{login}}");
    assertThat(action.at("/inputs/activate/type").asText()).isEqualTo("boolean");
    assertThat(action.at("/inputs/next_login/enum/0").asText()).isEqualTo("changePassword");
    assertThat(action.at("/body/type/id").asText()).isEqualTo("{{type_id}}");
    assertThat(action.get("description").asText()).startsWith("Create a user.").doesNotContain("Legal Disclaimer");
  }

  @Test
  void theConnectorSendsOktasApiTokenAndKnowsItsSandbox() throws Exception {
    JsonNode connector = YAML.readTree(all.connector().yaml());
    assertThat(connector.at("/auth/type").asText()).isEqualTo("api_key");
    assertThat(connector.at("/auth/format").asText()).isEqualTo("SSWS {{secret}}");
    assertThat(connector.at("/config/org_url/example").asText()).isEqualTo("https://subdomain.okta.com");
    assertThat(connector.get("sandbox").asText()).isEqualTo("okta");
    assertThat(all.findings(Finding.Kind.GUESSED)).anySatisfy(f -> assertThat(f.message())
        .contains("preferred over oauth2 (OAuth 2.0 authorization code)"));
  }

  private static JsonNode yaml(String action) throws Exception {
    return YAML.readTree(all.actions().stream().filter(a -> a.name().equals(action)).findFirst().orElseThrow().yaml());
  }
}
