package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.error.ErrorCategory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schemas of the format: shipped, documented, and the source of the first problems a file gets. */
class DefinitionSchemaTest {
  private static final String CONNECTOR = """
      name: tix
      base_url: "https://tix.example.com"
      auth: {type: none}
      """;
  private static final String ACTION = """
      description: Gets a ticket.
      method: GET
      path: /tickets/{{id}}
      inputs:
        id: {type: string, required: true}
      """;

  @ParameterizedTest
  @ValueSource(strings = {"connector.schema.json", "action.schema.json"})
  void theSchemasInDocsAreCopiesOfTheOnesInTheJar(String file) throws IOException {
    byte[] shipped;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("switchboard/schema/" + file)) {
      assertThat(in).as("switchboard/schema/" + file + " on the class path").isNotNull();
      shipped = in.readAllBytes();
    }
    Path docs = Path.of("..", "docs", "schema", file);
    assertThat(Files.readAllBytes(docs)).as(docs + " must be a copy of core/src/main/resources/switchboard/schema/" + file
        + "; copy it again after editing").isEqualTo(shipped);
  }

  @ParameterizedTest
  @ValueSource(strings = {"connector.schema.json", "action.schema.json"})
  void everyFieldHasADescriptionForFormsAndEditors(String file) throws IOException {
    JsonNode schema;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("switchboard/schema/" + file)) {
      schema = new ObjectMapper().readTree(in);
    }
    List<String> missing = new ArrayList<>();
    walk(schema, "", missing);
    assertThat(missing).as("fields without a description in " + file).isEmpty();
  }

  private static void walk(JsonNode node, String at, List<String> missing) {
    if (node.isObject()) {
      node.path("properties").fields().forEachRemaining(e -> {
        if (e.getValue().isObject() && !e.getValue().has("description")) {
          missing.add(at + "/properties/" + e.getKey());
        }
      });
      node.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("if")) { // a condition, not a form's field
          walk(e.getValue(), at + "/" + e.getKey(), missing);
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, missing);
      }
    }
  }

  @Test
  void aFailStepTakesExactlyTheErrorCategories() throws IOException {
    JsonNode schema;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("switchboard/schema/action.schema.json")) {
      schema = new ObjectMapper().readTree(in);
    }
    List<String> categories = new ArrayList<>();
    schema.at("/$defs/step/properties/fail/properties/category/enum").forEach(c -> categories.add(c.asText()));
    assertThat(categories).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ErrorCategory.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
  }

  @Test
  void anUnknownAuthTypeIsOneProblemWithTheKnownTypes() {
    assertProblems(CONNECTOR.replace("{type: none}", "{type: apikey, secret: k}"),
        "connector.yaml:3: auth.type: 'apikey' is not a valid auth type; use one of none, api_key, bearer, basic,"
            + " oauth2_client_credentials (did you mean 'api_key'?)");
  }

  @Test
  void aMisspelledFieldOfTheChosenAuthTypeIsNamedWithTheFieldsOfThatTypeOnly() {
    assertProblems(CONNECTOR.replace("{type: none}", "{type: api_key, secret: k, headr: X-Key}"),
        "connector.yaml:3: auth.headr: unknown field 'headr'; did you mean 'header'? known fields here: format, header, param,"
            + " placement, secret, type");
  }

  @Test
  void aMissingFieldIsNamedWithAnExample() {
    assertProblems(CONNECTOR.replace("{type: none}", "{type: api_key}"),
        "connector.yaml:3: auth: missing required field 'secret' (for example secret: tix_api_key)");
    assertProblems(CONNECTOR.replace("{type: none}", "{type: api_key, placement: query, secret: k}"),
        "connector.yaml:3: auth: missing required field 'param' (for example param: api_key)");
    assertProblems("name: tix\nauth: {type: none}\n",
        "connector.yaml:1: missing required field 'base_url' (for example base_url: \"https://{{config.host}}\")");
  }

  @Test
  void typesAndRangesAreExplainedInWords() {
    assertProblems(CONNECTOR + "timeouts: {call_ms: soon}\nretry: {max_attempts: 50}\n",
        "connector.yaml:4: timeouts.call_ms: must be a whole number, not a string",
        "connector.yaml:5: retry.max_attempts: must be a whole number from 1 to 20, not 50");
  }

  @Test
  void namesFollowTheNameRule() {
    assertProblems(CONNECTOR.replace("name: tix", "name: Tix"),
        "connector.yaml:1: name: 'Tix' is not a valid name: lower-case letters, digits and '_', starting with a letter,"
            + " at most 64 characters, such as list_users");
  }

  @Test
  void aStepDoesExactlyOneThing() {
    String compound = """
        description: Closes a ticket.
        inputs: {id: {type: string, required: true}}
        steps:
          - action: get_ticket
            result: "@"
            inputs: {id: "{{id}}"}
          - name: nothing
        """;
    assertActionProblems(compound,
        "close.yaml:4: steps[0]: give exactly one of 'action', 'fail' or 'result', not several",
        "close.yaml:7: steps[1]: missing a required field: give exactly one of 'action', 'fail' or 'result'");
  }

  @Test
  void aCompoundActionSendsNoRequestOfItsOwn() {
    assertActionProblems("""
        description: Closes a ticket.
        method: POST
        steps:
          - result: "`1`"
        """,
        "close.yaml:2: method: not allowed here; a compound action (one with steps) runs other actions and sends no request of its own");
  }

  @Test
  void anInputNeedsATypeOrASharedInput() {
    assertActionProblems(ACTION.replace("{type: string, required: true}", "{required: true}").replace("{{id}}", "x"),
        "close.yaml:5: inputs.id: missing a required field: give at least one of 'type' or 'use'");
  }

  @Test
  void inputNamesFollowTheNameRuleAndConfigIsReserved() {
    assertActionProblems(ACTION + "  config: {type: string}\n",
        "close.yaml:6: inputs.config: 'config' is not a valid input name: lower-case letters, digits and '_', starting with a letter;"
            + " not config, which names the connector's settings");
  }

  @Test
  void anUnknownPaginationTypeIsOneProblemWithTheKnownTypes() {
    assertActionProblems(ACTION + "pagination: {type: token}\n",
        "close.yaml:6: pagination.type: 'token' is not a valid pagination type; use one of none, link_header, cursor,"
            + " offset, page_number");
  }

  /** A minimal valid declaration of each auth type; a type the schema admits and this map lacks fails the test below. */
  private static final Map<String, String> AUTH_EXAMPLES = Map.of(
      "none", "{type: none}",
      "api_key", "{type: api_key, secret: tix_key}",
      "bearer", "{type: bearer, secret: tix_token}",
      "basic", "{type: basic, username: bot, secret: tix_password}",
      "oauth2_client_credentials", "{type: oauth2_client_credentials, token_url: \"https://tix.example.com/token\","
          + " client_id: c1, secret: tix_client_secret}");

  /** A minimal valid declaration of each pagination type (the action takes an input {@code after}). */
  private static final Map<String, String> PAGINATION_EXAMPLES = Map.of(
      "none", "{type: none}",
      "link_header", "{type: link_header}",
      "cursor", "{type: cursor, cursor_param: after, cursor_path: next}",
      "offset", "{type: offset, offset_param: after}",
      "page_number", "{type: page_number, page_param: after}");

  private static List<String> schemaTypes(String file, String pointer) throws IOException {
    try (InputStream in = DefinitionSchemaTest.class.getClassLoader().getResourceAsStream("switchboard/schema/" + file)) {
      List<String> out = new ArrayList<>();
      new ObjectMapper().readTree(in).at(pointer).forEach(t -> out.add(t.asText()));
      assertThat(out).as(pointer + " in " + file).isNotEmpty();
      return out;
    }
  }

  @Test
  void everyAuthTypeTheSchemaAdmitsLoadsAsThatTypeNeverAsNoCredentials() throws IOException {
    List<String> types = schemaTypes("connector.schema.json", "/$defs/auth/properties/type/enum");
    assertThat(AUTH_EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(types);
    for (String type : types) {
      ConnectorDefinition loaded = DefinitionLoader.load(new ConnectorSource(new SourceText("connector.yaml",
          CONNECTOR.replace("{type: none}", AUTH_EXAMPLES.get(type))), List.of(new SourceText("get_ticket.yaml", ACTION))));
      assertThat(loaded.auth().type()).as("auth type " + type).isEqualTo(type);
    }
  }

  @Test
  void everyPaginationTypeTheSchemaAdmitsLoadsAsThatType() throws IOException {
    List<String> types = schemaTypes("action.schema.json", "/$defs/pagination/properties/type/enum");
    assertThat(PAGINATION_EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(types);
    for (String type : types) {
      String action = ACTION.replace("id: {type: string, required: true}", "id: {type: string, required: true}\n  after: {type: string}")
          + "query: {after: \"{{after}}\"}\npagination: " + PAGINATION_EXAMPLES.get(type) + "\n";
      ConnectorDefinition loaded = DefinitionLoader.load(new ConnectorSource(new SourceText("connector.yaml", CONNECTOR),
          List.of(new SourceText("get_ticket.yaml", action))));
      assertThat(loaded.actions()).singleElement().satisfies(a -> assertThat(a.pagination().type()).as("pagination type " + type)
          .isEqualTo(type));
    }
  }

  private static void assertProblems(String connector, String... expected) {
    assertThatThrownBy(() -> DefinitionLoader.load(new ConnectorSource(new SourceText("connector.yaml", connector), List.of())))
        .isInstanceOfSatisfying(DefinitionException.class, e ->
            assertThat(e.problems()).extracting(Problem::toString).containsExactly(expected));
  }

  private static void assertActionProblems(String action, String... expected) {
    assertThatThrownBy(() -> DefinitionLoader.load(new ConnectorSource(new SourceText("connector.yaml", CONNECTOR),
        List.of(new SourceText("close.yaml", action), new SourceText("get_ticket.yaml", ACTION)))))
        .isInstanceOfSatisfying(DefinitionException.class, e ->
            assertThat(e.problems()).extracting(Problem::toString).containsExactly(expected));
  }

}
