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
