package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
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
  private InputReader() {}

  /**
   * Reads the {@code inputs:} of an action.
   *
   * @param m the action's root mapping
   * @param shared the connector's shared inputs, which an input takes with {@code use:}
   * @return the inputs read without problems, in declaration order
   */
  static Map<String, InputDefinition> read(Mapping m, SharedInputs shared) {
    Map<String, InputDefinition> inputs = new LinkedHashMap<>();
    m.mapping("inputs").ifPresent(in -> {
      for (Iterator<String> it = in.node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        in.mapping(key).flatMap(i -> i.has("use") ? shared(i, key, shared) : readOne(i, key)).ifPresent(d -> inputs.put(key, d));
      }
    });
    return inputs;
  }

  /**
   * Reads an input that takes a shared one: its keywords are the shared input's, each replaced by one given here.
   */
  private static Optional<InputDefinition> shared(Mapping i, String name, SharedInputs shared) {
    String use = i.text("use").orElse("");
    Optional<SharedInputs.Entry> entry = shared.use(use);
    if (entry.isEmpty()) {
      i.problem("use", "'" + use + "' is not a shared input of the connector; "
          + (shared.names().isEmpty() ? "its connector.yaml declares none under inputs:"
              : Mapping.closest(use, shared.names()).map(c -> "did you mean '" + c + "'? ").orElse("")
                  + "shared inputs: " + String.join(", ", shared.names())));
      return Optional.empty();
    }
    if (entry.get().definition().isEmpty()) {
      return Optional.empty(); // its problems are reported at the connector
    }
    if (i.node.size() == 1) {
      InputDefinition d = entry.get().definition().get();
      return Optional.of(new InputDefinition(name, d.type(), d.description(), d.required(), d.defaultValue(), d.schema()));
    }
    ObjectNode merged = entry.get().raw().deepCopy();
    i.node.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
    merged.remove("use");
    return readOne(i.over(merged), name);
  }

  /** Reads one input's keywords; returns empty when they have problems (the schema's or a cross-check's). */
  static Optional<InputDefinition> readOne(Mapping i, String name) {
    String type = i.text("type").orElse(null);
    if (type == null || i.flagged(null)) {
      return Optional.empty(); // the schema reported what is wrong here
    }
    boolean required = i.flag("required", false);
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
    Set<ValidationMessage> metaProblems = SchemaValidators.metaProblems(schema);
    if (!metaProblems.isEmpty()) {
      ValidationMessage first = metaProblems.iterator().next();
      String where = SchemaMessages.field(first.getInstanceLocation());
      i.problem(where.isEmpty() ? null : where, "not valid JSON Schema: " + first.getError());
      return Optional.empty();
    }
    JsonSchema validator;
    try {
      validator = SchemaValidators.of(schema);
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
    return Optional.of(new InputDefinition(name, type, description, required, defaultValue, schema));
  }
}
