package dev.switchboard.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Adds simple inputs to an action: a type, a required flag, an example and a description. */
final class Inputs {
  private Inputs() {}

  /**
   * Adds an input.
   *
   * @param action the action
   * @param name the input's name (not taken yet)
   * @param type the JSON Schema type
   * @param required whether callers must give it
   * @param example an example value, typed as the input is
   * @param description a description, or empty
   */
  static void add(ActionDraft action, String name, String type, boolean required, Optional<?> example, String description) {
    ObjectNode schema = YamlText.object();
    schema.put("type", type);
    if (!description.isEmpty()) {
      schema.put("description", description);
    }
    example.ifPresent(e -> {
      if (e instanceof JsonNode node) {
        schema.putArray("examples").add(node);
      } else {
        schema.putArray("examples").add(e.toString());
      }
    });
    action.input(new ActionDraft.Input(name, schema, required));
  }
}
