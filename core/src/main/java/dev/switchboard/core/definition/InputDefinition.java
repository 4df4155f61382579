package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One input argument of an action, declared under {@code inputs:} as a JSON Schema property
 * (https://json-schema.org/draft/2020-12) plus {@code required}.
 *
 * @param name the input's name, used in templates as {@code {{name}}}
 * @param type the JSON Schema type: {@code string}, {@code integer}, {@code number}, {@code boolean},
 *     {@code array} or {@code object}
 * @param description what the input means
 * @param required whether a call must give it
 * @param defaultValue the value used when a call omits it
 * @param schema the input's JSON Schema (every keyword but {@code required}), read-only
 */
public record InputDefinition(
    String name, String type, String description, boolean required, Optional<JsonNode> defaultValue, ObjectNode schema) {}
