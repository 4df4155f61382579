package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema (draft 2020-12, format assertions on) validators of inputs, compiled once per distinct schema: the
 * inputs of a workspace repeat the same few schemas ({@code {type: string}}, an id, a limit) thousands of times,
 * and compiling one with networknt costs far more than looking it up. Schemas are compared by value (a
 * {@link JsonNode}'s {@code equals}); the {@value #CAPACITY} most recently used are kept. A validator is fully
 * initialized before it is shared, and networknt's validators are then safe to use from many threads. Thread-safe.
 */
public final class SchemaValidators {
  /** How many distinct schemas are kept compiled. */
  static final int CAPACITY = 4_096;

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<JsonNode, JsonSchema> COMPILED = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<JsonNode, JsonSchema> eldest) {
      return size() > CAPACITY;
    }
  };

  private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
  private static final Map<JsonNode, Boolean> META_VALID = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<JsonNode, Boolean> eldest) {
      return size() > CAPACITY;
    }
  };

  private SchemaValidators() {}

  /**
   * Checks a schema against the draft 2020-12 meta-schema; schemas found valid are remembered.
   *
   * @param schema a JSON Schema, not changed
   * @return the meta-schema's failures; empty when the schema is valid
   */
  public static Set<ValidationMessage> metaProblems(JsonNode schema) {
    synchronized (META_VALID) {
      if (META_VALID.get(schema) != null) {
        return Set.of();
      }
    }
    Set<ValidationMessage> problems = META_SCHEMA.validate(schema);
    if (problems.isEmpty()) {
      synchronized (META_VALID) {
        META_VALID.put(schema.deepCopy(), Boolean.TRUE);
      }
    }
    return problems;
  }

  /**
   * Returns the validator of a schema, compiling it on first use.
   *
   * @param schema a JSON Schema; not changed, and later changes to it do not reach the validator
   * @return the validator
   * @throws RuntimeException as networknt throws for a schema it cannot compile (not kept)
   */
  public static JsonSchema of(JsonNode schema) {
    synchronized (COMPILED) {
      JsonSchema known = COMPILED.get(schema);
      if (known != null) {
        return known;
      }
    }
    JsonNode key = schema.deepCopy();
    JsonSchema compiled = FACTORY.getSchema(key.deepCopy(), CONFIG);
    compiled.initializeValidators();
    synchronized (COMPILED) {
      JsonSchema raced = COMPILED.putIfAbsent(key, compiled);
      return raced != null ? raced : compiled;
    }
  }
}
