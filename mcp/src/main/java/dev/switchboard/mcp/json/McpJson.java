package dev.switchboard.mcp.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

/**
 * The JSON wiring handed to every MCP server and client this project builds, so that none falls back on the
 * SDK's service-loaded defaults (whose schema validator needs a json-schema-validator version the project
 * does not use).
 */
public final class McpJson {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(OBJECT_MAPPER);
  private static final JsonSchemaValidator VALIDATOR = new SchemaValidator(OBJECT_MAPPER);

  private McpJson() {}

  /** {@return the SDK mapper (Jackson 2, unknown properties ignored as MCP's forward compatibility needs)} */
  public static McpJsonMapper mapper() {
    return MAPPER;
  }

  /** {@return the Jackson mapper behind {@link #mapper()}} */
  public static ObjectMapper objectMapper() {
    return OBJECT_MAPPER;
  }

  /** {@return the JSON Schema validator for tool input and output schemas} */
  public static JsonSchemaValidator validator() {
    return VALIDATOR;
  }
}
