package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.InputDefinition;
import java.util.Comparator;
import java.util.Optional;

/**
 * Test connection: the cheap action a connector names in {@code connection_test:} (docs/definitions.md), with its
 * inputs; a connector that names none is tested with a read-only action no input of which is required, a listing
 * first (asked for one item when it takes a {@code limit}).
 *
 * @param action the action to call
 * @param inputs the inputs to call it with
 * @param named whether the connector named it (rather than the studio choosing)
 */
record ConnectionTest(ActionDefinition action, ObjectNode inputs, boolean named) {
  /**
   * Finds the connection test of a connector.
   *
   * @param connector the compiled connector
   * @param connectorYaml its connector.yaml, where connection_test is
   * @return the test, or empty when the connector has no action to test with
   * @throws IllegalArgumentException when connection_test names an action the connector does not have, or one that is
   *     not read-only (the message says which)
   */
  static Optional<ConnectionTest> of(ConnectorDefinition connector, String connectorYaml) {
    JsonNode named = ConnectorPages.readYaml(connectorYaml).path("connection_test");
    if (named.isObject()) {
      String name = named.path("action").asText();
      ActionDefinition action = connector.actions().stream().filter(a -> a.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("connection_test names the action '" + name + "', which "
              + connector.name() + " does not have; name one of its read-only actions"));
      if (!action.annotations().readOnly()) {
        throw new IllegalArgumentException("connection_test names '" + name + "', which is not read-only: Test connection"
            + " must change nothing; name a listing or a read");
      }
      ObjectNode inputs = named.path("inputs").isObject() ? ((ObjectNode) named.path("inputs")).deepCopy() : AuthEdit.YAML.createObjectNode();
      return Optional.of(new ConnectionTest(action, inputs, true));
    }
    return connector.actions().stream()
        .filter(a -> !a.compound() && !a.internal() && a.annotations().readOnly())
        .filter(a -> a.inputs().values().stream().noneMatch(InputDefinition::required))
        .min(Comparator.comparing((ActionDefinition a) -> a.name().startsWith("list_") ? 0 : 1).thenComparing(a -> a.inputs().size())
            .thenComparing(ActionDefinition::name))
        .map(a -> new ConnectionTest(a, limitOne(a), false));
  }

  private static ObjectNode limitOne(ActionDefinition action) {
    ObjectNode inputs = AuthEdit.YAML.createObjectNode();
    InputDefinition limit = action.inputs().get("limit");
    if (limit != null && limit.type().equals("integer")) {
      inputs.put("limit", 1);
    }
    return inputs;
  }
}
