package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs declared once in connector.yaml and taken by actions with {@code use:}. */
class SharedInputsTest {
  private static final String CONNECTOR = """
      name: tix
      base_url: "https://tix.example.com"
      auth: {type: none}
      inputs:
        ticket_id:
          type: string
          required: true
          minLength: 1
          description: The ticket's id, such as T123.
      """;

  private static ConnectorDefinition load(String connector, String... actions) {
    List<SourceText> texts = new java.util.ArrayList<>();
    for (int i = 0; i < actions.length; i++) {
      texts.add(new SourceText("action" + i + ".yaml", "name: action" + i + "\n" + actions[i]));
    }
    return DefinitionLoader.load(new ConnectorSource(new SourceText("connector.yaml", connector), texts));
  }

  @Test
  void anActionTakesASharedInputUnderItsOwnName() {
    ConnectorDefinition c = load(CONNECTOR, """
        description: Gets a ticket.
        method: GET
        path: /tickets/{{id}}
        inputs:
          id: {use: ticket_id}
        """);
    InputDefinition id = c.actions().get(0).inputs().get("id");
    assertThat(id.name()).isEqualTo("id");
    assertThat(id.required()).isTrue();
    assertThat(id.description()).isEqualTo("The ticket's id, such as T123.");
    assertThat(id.schema().get("minLength").asInt()).isEqualTo(1);
  }

  @Test
  void keywordsGivenBesideUseReplaceTheSharedOnesOneByOne() {
    ConnectorDefinition c = load(CONNECTOR, """
        description: Closes a ticket.
        method: POST
        path: /tickets/{{id}}/close
        inputs:
          id: {use: ticket_id, description: The ticket to close., maxLength: 12}
        """);
    InputDefinition id = c.actions().get(0).inputs().get("id");
    assertThat(id.description()).isEqualTo("The ticket to close.");
    assertThat(id.required()).isTrue();
    assertThat(id.schema().get("minLength").asInt()).isEqualTo(1);
    assertThat(id.schema().get("maxLength").asInt()).isEqualTo(12);
    assertThat(id.schema().has("use")).isFalse();
  }

  @Test
  void anUnknownSharedInputIsNamedWithTheClosest() {
    assertThatThrownBy(() -> load(CONNECTOR, """
        description: Gets a ticket.
        method: GET
        path: /tickets/{{id}}
        inputs:
          id: {use: ticket_ids}
        """))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactly("action0.yaml:6: inputs.id.use: 'ticket_ids' is not a shared input of the connector;"
                + " did you mean 'ticket_id'? shared inputs: ticket_id",
                "connector.yaml:5: inputs.ticket_id: shared input 'ticket_id' is taken by no action; take it in an action with"
                    + " inputs: {ticket_id: {use: ticket_id}}, or remove it"));
  }

  @Test
  void aBrokenSharedInputIsReportedOnceAtTheConnector() {
    String broken = CONNECTOR.replace("minLength: 1", "minLength: one");
    String action = """
        description: Gets a ticket.
        method: GET
        path: /tickets/{{id}}
        inputs:
          id: {use: ticket_id}
        """;
    assertThatThrownBy(() -> load(broken, action, action))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactly("connector.yaml:8: inputs.ticket_id.minLength: must be a whole number, not a string"));
  }
}
