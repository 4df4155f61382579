package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an action's {@code inputs:}: each input is a JSON Schema (2020-12) property plus its own
 * {@code required} flag; the schema is checked against the meta-schema and its default against the schema.
 */
final class InputReader {
  private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");
  private static final String[] SCHEMA_KEYWORDS = {
    "type", "title", "description", "default", "enum", "const", "examples", "format", "pattern", "minLength",
    "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items",
    "minItems", "maxItems", "uniqueItems", "properties", "additionalProperties", "required"
  };
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final JsonSchema META_SCHEMA = SCHEMAS.getSchema(
      SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private InputReader() {}

  /**
   * Reads the {@code inputs:} of an action.
   *
   * @param m the action's root mapping
   * @return the inputs read without problems, in declaration order
   */
  static Map<String, InputDefinition> read(Mapping m) {
    Map<String, InputDefinition> inputs = new LinkedHashMap<>();
    m.mapping("inputs").ifPresent(in -> {
      for (Iterator<String> it = in.node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (key.equals("config")) {
          in.problem(key, "'config' is reserved for connector settings; choose another input name");
          continue;
        }
        checkName(in, key, key);
        if (!(in.raw(key) instanceof ObjectNode)) {
          in.problem(key, "each input is a mapping such as {type: string, description: ...}");
          continue;
        }
        in.mapping(key).ifPresent(i -> readOne(i, key).ifPresent(d -> inputs.put(key, d)));
      }
    });
    return inputs;
  }

  /** Reads one input's mapping; returns empty after adding problems. */
  private static Optional<InputDefinition> readOne(Mapping i, String name) {
    i.allowOnly(SCHEMA_KEYWORDS);
    String type = i.requiredText("type", "string");
    if (type != null && !TYPES.contains(type)) {
      i.problem("type", "unknown type '" + type + "'; use one of string, integer, number, boolean, array, object");
      return Optional.empty();
    }
    JsonNode requiredNode = i.raw("required");
    boolean required = false;
    if (requiredNode != null && !requiredNode.isNull()) {
      if (requiredNode.isBoolean()) {
        required = requiredNode.booleanValue();
      } else {
        i.problem("required", "must be true or false (this input's own flag, not a list)");
      }
    }
    ObjectNode schema = i.node.deepCopy();
    schema.remove("required");
    boolean[] badPattern = {false};
    i.text("pattern").ifPresent(p -> {
      try {
        Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        i.problem("pattern", "not a valid regular expression: " + e.getDescription());
        badPattern[0] = true;
      }
    });
    if (badPattern[0]) {
      return Optional.empty();
    }
    Set<ValidationMessage> metaProblems = META_SCHEMA.validate(schema);
    if (!metaProblems.isEmpty()) {
      ValidationMessage first = metaProblems.iterator().next();
      String where = first.getInstanceLocation().toString().replaceFirst("^(\\$\\.?|/)", "");
      i.problem(where.isEmpty() ? null : where.replace('/', '.'), "not valid JSON Schema: " + first.getError());
      return Optional.empty();
    }
    JsonSchema validator;
    try {
      validator = SCHEMAS.getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    } catch (RuntimeException e) {
      i.problem(null, "not a valid JSON Schema (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
      return Optional.empty();
    }
    Optional<JsonNode> defaultValue = Optional.ofNullable(schema.get("default")).filter(d -> !d.isNull());
    if (defaultValue.isPresent()) {
      Set<ValidationMessage> errors = validator.validate(defaultValue.get());
      if (!errors.isEmpty()) {
        i.problem("default", "the default does not fit the input's own schema: " + errors.iterator().next().getError());
      }
      if (required) {
        i.problem("required", "an input with a default is never missing; drop required: true or the default");
      }
    }
    String description = i.text("description").orElse("");
    if (type == null) {
      return Optional.empty();
    }
    return Optional.of(new InputDefinition(name, type, description, required, defaultValue, schema));
  }
}
