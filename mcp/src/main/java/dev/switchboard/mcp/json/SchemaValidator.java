package dev.switchboard.mcp.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates JSON against tool schemas for the MCP SDK with networknt json-schema-validator 1.5.x, JSON Schema
 * draft 2020-12 (the dialect MCP's 2025-06-18 and later revisions assume for tool schemas when none is named).
 * Compiled schemas are cached per schema map instance, since the SDK passes the same map for every call of a
 * tool. Thread-safe.
 */
final class SchemaValidator implements JsonSchemaValidator {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final int CACHE_SIZE = 512;

  private final ObjectMapper json;
  private final Map<Map<String, Object>, JsonSchema> cache = new IdentityHashMap<>();

  SchemaValidator(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    if (schema == null) {
      return ValidationResponse.asInvalid("no schema to validate against");
    }
    JsonNode instance = json.valueToTree(structuredContent);
    Set<ValidationMessage> errors;
    try {
      errors = compiled(schema).validate(instance);
    } catch (RuntimeException e) {
      return ValidationResponse.asInvalid("the schema cannot be used: " + e.getMessage());
    }
    if (!errors.isEmpty()) {
      return ValidationResponse.asInvalid(errors.stream()
          .sorted(Comparator.comparing(ValidationMessage::getMessage))
          .map(ValidationMessage::getMessage)
          .collect(Collectors.joining("; ", "the structured content does not match the output schema: ", "")));
    }
    try {
      return ValidationResponse.asValid(json.writeValueAsString(instance));
    } catch (JsonProcessingException e) {
      return ValidationResponse.asInvalid("the structured content cannot be written as JSON");
    }
  }

  private JsonSchema compiled(Map<String, Object> schema) {
    synchronized (cache) {
      JsonSchema hit = cache.get(schema);
      if (hit != null) {
        return hit;
      }
    }
    JsonSchema compiled = FACTORY.getSchema(json.<JsonNode>valueToTree(schema));
    synchronized (cache) {
      if (cache.size() >= CACHE_SIZE) {
        cache.clear();
      }
      cache.put(schema, compiled);
    }
    return compiled;
  }
}
