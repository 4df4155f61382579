package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The action editor's form as the other view of the YAML, the auth form's YAML, and the output draft. */
class ActionFormTest {
  static final String ACTION = """
      name: get_user
      title: Get user
      method: GET
      path: /api/v1/users/{{user_id}}
      query:
        expand: "{{expand}}"
      inputs:
        user_id: {type: string, required: true, minLength: 1, examples: ["00ub0oNGTSWTBKOLGLNR"]}
        expand: {type: string}
        limit: {type: integer, minimum: 1, examples: [5]}
      error_hints:
        E0000007: The user does not exist.
      """;

  @Test
  void theFormReadFromYamlWritesTheSameActionBackKeepingWhatItDoesNotShow() throws Exception {
    ActionForm form = ActionForm.of(ACTION);
    assertThat(form.path()).isEqualTo("/api/v1/users/{{user_id}}");
    assertThat(form.query()).containsExactly(new ActionForm.Row("expand", "{{expand}}"));
    assertThat(form.inputs()).extracting(ActionForm.InputRow::example).containsExactly("00ub0oNGTSWTBKOLGLNR", "", "5");
    String yaml = form.applyTo(ACTION);
    JsonNode before = AuthEdit.YAML.readTree(ACTION);
    JsonNode after = AuthEdit.YAML.readTree(yaml);
    assertThat(after).isEqualTo(before);
    assertThat(yaml).contains("path: \"/api/v1/users/{{user_id}}\"").contains("minLength: 1").contains("E0000007");
  }

  @Test
  void anEditedFieldChangesOnlyItsPartOfTheYamlAndExamplesKeepTheirType() throws Exception {
    ActionForm form = ActionForm.of(ACTION);
    ActionForm edited = new ActionForm(form.name(), "Get one user", form.description(), "GET", form.path(), List.of(), form.headers(),
        "", List.of(new ActionForm.InputRow("user_id", "string", true, "The user's id", "00u1", ""),
            new ActionForm.InputRow("limit", "integer", false, "", "7", "")), "", Map.of(), "", "", "true");
    JsonNode after = AuthEdit.YAML.readTree(edited.applyTo(ACTION));
    assertThat(after.path("title").asText()).isEqualTo("Get one user");
    assertThat(after.has("query")).isFalse();
    assertThat(after.path("inputs").has("expand")).isFalse();
    assertThat(after.path("inputs").path("limit").path("examples").get(0).isIntegralNumber()).isTrue();
    assertThat(after.path("inputs").path("user_id").path("minLength").asInt()).isEqualTo(1);
    assertThat(after.path("annotations").path("read_only").asBoolean()).isTrue();
    assertThat(ActionForm.examples(edited.applyTo(ACTION)).path("limit").asInt()).isEqualTo(7);
  }

  @Test
  void theGuidesValueFormatBecomesATemplateAndNamesTheCredential() {
    JsonNode auth = AuthEdit.auth("api_key", Map.of("placement", "header", "header", "Authorization", "format", "SSWS {api_token}"));
    assertThat(auth.path("format").asText()).isEqualTo("SSWS {{secret}}");
    assertThat(auth.path("secret").asText()).isEqualTo("api_token");
    String yaml = AuthEdit.replace("# my connector\nname: x\nbase_url: https://x.example.com\nauth:\n  type: none\nsandbox: okta\n",
        (com.fasterxml.jackson.databind.node.ObjectNode) auth);
    assertThat(yaml).startsWith("# my connector\nname: x\n").contains("  format: \"SSWS {{secret}}\"\n").endsWith("sandbox: okta\n");
    assertThat(AuthEdit.formType(AuthEdit.auth(AuthEdit.PRIVATE_KEY_JWT, Map.of("token_url", "https://x/oauth2/v1/token",
        "client_id", "0oa1", "secret", "key")))).isEqualTo(AuthEdit.PRIVATE_KEY_JWT);
  }

  @Test
  void theOutputDraftOfAListProjectsPlainAndNestedFields() throws Exception {
    JsonNode body = AuthEdit.YAML.readTree("""
        - {id: 00u1, status: ACTIVE, profile: {login: a@example.com, firstName: Ada}, _links: {self: {href: x}}}
        - {id: 00u2, status: STAGED, profile: {login: b@example.com, firstName: Bo}}
        """);
    OutputDraft draft = OutputDraft.of(body);
    assertThat(draft.records()).isEqualTo("@");
    assertThat(draft.map()).isEqualTo("{id: id, status: status, login: profile.login, firstName: profile.firstName}");
    assertThat(draft.schema().path("type").asText()).isEqualTo("array");
    assertThat(draft.schema().path("items").path("properties").has("login")).isTrue();
  }

  @Test
  void theAuthFormIsDrawnFromTheDefinitionSchema() {
    assertThat(SchemaForm.authKinds()).extracting(SchemaForm.Kind::type)
        .contains("api_key", "bearer", "basic", "oauth2_client_credentials");
    SchemaForm.Kind apiKey = SchemaForm.authKind("api_key").orElseThrow();
    assertThat(apiKey.field("placement").orElseThrow().options()).containsExactly("header", "query");
    assertThat(apiKey.field("secret").orElseThrow().secretName()).isTrue();
    assertThat(ConnectorPages.authKinds()).containsKey(AuthEdit.PRIVATE_KEY_JWT);
  }
}
