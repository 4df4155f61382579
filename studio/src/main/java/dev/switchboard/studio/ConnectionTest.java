package dev.switchboard.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.InputDefinition;
import java.util.Comparator;
import java.util.Optional;

/**
 * Test connection: the cheapest action of a connector that proves its base URL and credential work: a read-only
 * action no input of which is required, a listing first (asked for one item when it takes a {@code limit}).
 */
final class ConnectionTest {
  private ConnectionTest() {}

  /** {@return the action Test connection runs, when the connector has one} */
  static Optional<ActionDefinition> action(ConnectorDefinition connector) {
    return connector.actions().stream()
        .filter(a -> !a.compound() && !a.internal() && a.annotations().readOnly())
        .filter(a -> a.inputs().values().stream().noneMatch(InputDefinition::required))
        .min(Comparator.comparing((ActionDefinition a) -> a.name().startsWith("list_") ? 0 : 1).thenComparing(a -> a.inputs().size())
            .thenComparing(ActionDefinition::name));
  }

  /** {@return the inputs it is called with: a limit of 1 when it takes one} */
  static ObjectNode inputs(ActionDefinition action) {
    ObjectNode inputs = AuthEdit.YAML.createObjectNode();
    InputDefinition limit = action.inputs().get("limit");
    if (limit != null && limit.type().equals("integer")) {
      inputs.put("limit", 1);
    }
    return inputs;
  }
}
