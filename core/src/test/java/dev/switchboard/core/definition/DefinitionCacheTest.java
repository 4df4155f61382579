package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading a connector again through a {@link DefinitionCache} reads only what changed and finds what a fresh load finds. */
class DefinitionCacheTest {
  private static final String CONNECTOR = """
      name: tix
      base_url: "https://tix.example.com"
      auth: {type: none}
      inputs:
        ticket_id: {type: string, required: true, minLength: 1}
      """;
  private static final String GET = """
      name: get_ticket
      description: Gets a ticket.
      method: GET
      path: /tickets/{{id}}
      inputs:
        id: {use: ticket_id}
      """;
  private static final String CLOSE = """
      name: close_ticket
      description: Closes a ticket.
      method: POST
      path: /tickets/{{id}}/close
      inputs:
        id: {type: string, required: true}
      """;
  private static final String CHECK = """
      name: check_ticket
      description: Looks at a ticket.
      inputs: {id: {type: string, required: true}}
      steps:
        - action: get_ticket
          inputs: {id: "{{id}}"}
      annotations: {read_only: true}
      """;

  private static ConnectorSource source(String connector, String... actions) {
    List<SourceText> texts = new ArrayList<>();
    for (String a : actions) {
      String name = a.lines().findFirst().orElseThrow().substring("name: ".length());
      texts.add(new SourceText("tix/actions/" + name + ".yaml", a));
    }
    return new ConnectorSource(new SourceText("tix/connector.yaml", connector), texts);
  }

  private static ActionDefinition action(ConnectorDefinition c, String name) {
    return c.actions().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void onlyTheActionWhoseTextChangedIsReadAgain() {
    DefinitionCache cache = new DefinitionCache();
    ConnectorDefinition first = DefinitionLoader.load(source(CONNECTOR, GET, CLOSE, CHECK), cache);
    assertThat(cache.size()).isEqualTo(3);

    String changed = CLOSE.replace("Closes a ticket.", "Closes a ticket for good.");
    ConnectorDefinition second = DefinitionLoader.load(source(CONNECTOR, GET, changed, CHECK), cache);

    assertThat(action(second, "get_ticket")).isSameAs(action(first, "get_ticket"));
    assertThat(action(second, "check_ticket")).isSameAs(action(first, "check_ticket"));
    assertThat(action(second, "close_ticket")).isNotSameAs(action(first, "close_ticket"));
    assertThat(action(second, "close_ticket").description()).isEqualTo("Closes a ticket for good.");
    assertThat(DefinitionLoader.load(source(CONNECTOR, GET, changed, CHECK)).actions()).extracting(ActionDefinition::name)
        .isEqualTo(second.actions().stream().map(ActionDefinition::name).toList());
  }

  @Test
  void aChangedConnectorFileMakesEveryActionBeReadAgain() {
    DefinitionCache cache = new DefinitionCache();
    ConnectorDefinition first = DefinitionLoader.load(source(CONNECTOR, GET, CLOSE), cache);
    ConnectorDefinition second = DefinitionLoader.load(source(CONNECTOR.replace("minLength: 1", "minLength: 2"), GET, CLOSE), cache);

    assertThat(action(second, "get_ticket")).isNotSameAs(action(first, "get_ticket"));
    assertThat(action(second, "get_ticket").inputs().get("id").schema().get("minLength").asInt()).isEqualTo(2);
    assertThat(action(second, "close_ticket")).isNotSameAs(action(first, "close_ticket"));
  }

  @Test
  void anActionTakenFromTheCacheStillTakesItsSharedInput() {
    DefinitionCache cache = new DefinitionCache();
    DefinitionLoader.load(source(CONNECTOR, GET, CLOSE), cache);

    ConnectorDefinition again = DefinitionLoader.load(source(CONNECTOR, GET, CLOSE.replace("POST", "PUT")), cache);

    assertThat(action(again, "close_ticket").method()).isEqualTo("PUT");
    assertThat(action(again, "get_ticket").inputs().get("id").required()).isTrue();
  }

  @Test
  void checksAcrossActionsAreMadeAgainForActionsTakenFromTheCache() {
    DefinitionCache cache = new DefinitionCache();
    DefinitionLoader.load(source(CONNECTOR, GET, CHECK), cache);

    String destructive = GET.replace("method: GET", "method: DELETE");
    assertThatThrownBy(() -> DefinitionLoader.load(source(CONNECTOR, destructive, CHECK), cache))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).extracting(Problem::file)
            .contains("tix/actions/check_ticket.yaml"));
    assertThatThrownBy(() -> DefinitionLoader.load(source(CONNECTOR, CHECK), cache))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .anyMatch(p -> p.contains("get_ticket") && p.startsWith("tix/actions/check_ticket.yaml"))
            .anyMatch(p -> p.contains("shared input 'ticket_id' is taken by no action")));
  }
}
