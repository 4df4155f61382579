package dev.switchboard.importer.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.importer.Texts;
import dev.switchboard.importer.YamlText;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * OpenAPI schemas made into the JSON Schema (draft 2020-12) the definition format takes for inputs: {@code $ref}s
 * followed (against {@code components.schemas}), {@code allOf} merged, {@code oneOf}/{@code anyOf} of objects merged
 * into the union of their fields, read-only properties dropped, OpenAPI 3.0's boolean {@code exclusiveMinimum} made
 * numeric, and only the keywords and formats the engine's validator knows kept. Nesting is cut at {@link #DEPTH}
 * levels (recursive schemas, such as a group rule's conditions, stay finite).
 */
final class Schemas {
  /** Nested schemas deeper than this are written as their type alone. */
  static final int DEPTH = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");
  private static final Set<String> FORMATS = Set.of("date-time", "date", "time", "email", "uri", "uuid", "hostname", "ipv4", "ipv6");

  private final Map<String, Schema> components;

  Schemas(OpenAPI api) {
    this.components = api.getComponents() == null || api.getComponents().getSchemas() == null ? Map.of()
        : api.getComponents().getSchemas();
  }

  /**
   * The fields of an object schema after merging: its properties (read-only ones dropped), which are required, and
   * whether it merged the alternatives of a oneOf or anyOf.
   *
   * @param type the JSON type
   * @param properties the properties, in order
   * @param required the required property names
   * @param union whether alternatives were merged
   * @param alternatives how many alternatives were merged
   */
  record Shape(String type, Map<String, Schema> properties, Set<String> required, boolean union, int alternatives) {}

  /** Follows a schema's {@code $ref} chain. */
  Schema resolve(Schema schema) {
    Schema s = schema;
    for (int i = 0; s != null && s.get$ref() != null && i < 32; i++) {
      String ref = s.get$ref();
      Schema next = components.get(ref.substring(ref.lastIndexOf('/') + 1));
      if (next == null) {
        return s;
      }
      s = next;
    }
    return s;
  }

  /** Returns the name a schema is referred to by ({@code User}), if it is a reference. */
  static Optional<String> refName(Schema schema) {
    return Optional.ofNullable(schema).map(Schema::get$ref).map(r -> r.substring(r.lastIndexOf('/') + 1));
  }

  /** Merges allOf, oneOf and anyOf into one shape. */
  Shape shape(Schema schema) {
    Map<String, Schema> properties = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    boolean[] union = {false};
    int[] alternatives = {0};
    String type = collect(resolve(schema), properties, required, union, alternatives, 0);
    properties.entrySet().removeIf(e -> Boolean.TRUE.equals(resolve(e.getValue()).getReadOnly()));
    required.retainAll(properties.keySet());
    return new Shape(type, properties, required, union[0], alternatives[0]);
  }

  private String collect(Schema s, Map<String, Schema> properties, Set<String> required, boolean[] union, int[] alternatives,
      int depth) {
    if (s == null || depth > 8) {
      return "object";
    }
    String type = type(s);
    if (s.getProperties() != null) {
      properties.putAll(s.getProperties());
    }
    if (s.getRequired() != null) {
      required.addAll(s.getRequired());
    }
    if (s.getAllOf() != null) {
      for (Object part : s.getAllOf()) {
        String t = collect(resolve((Schema) part), properties, required, union, alternatives, depth + 1);
        type = type == null ? t : type;
      }
    }
    List<?> options = s.getOneOf() != null ? s.getOneOf() : s.getAnyOf();
    if (options != null && !options.isEmpty()) {
      union[0] = true;
      alternatives[0] += options.size();
      for (Object part : options) {
        Map<String, Schema> partProps = new LinkedHashMap<>();
        Set<String> partRequired = new LinkedHashSet<>();
        String t = collect(resolve((Schema) part), partProps, partRequired, union, alternatives, depth + 1);
        partProps.forEach(properties::putIfAbsent);
        type = type == null ? t : type;
      }
    }
    if (type == null) {
      type = properties.isEmpty() ? null : "object";
    }
    return type;
  }

  /** Returns a schema's JSON type: stated (3.0 {@code type} or the first non-null 3.1 {@code types}) or inferred. */
  String type(Schema schema) {
    Schema s = resolve(schema);
    if (s == null) {
      return null;
    }
    String t = s.getType();
    if (t == null && s.getTypes() != null) {
      t = ((Set<?>) s.getTypes()).stream().map(Object::toString).filter(x -> !x.equals("null")).findFirst().orElse(null);
    }
    if (t != null && TYPES.contains(t)) {
      return t;
    }
    if (s.getProperties() != null || s.getAdditionalProperties() instanceof Schema) {
      return "object";
    }
    if (s.getItems() != null) {
      return "array";
    }
    if (s.getEnum() != null && !s.getEnum().isEmpty()) {
      return jsonType(JSON.valueToTree(s.getEnum().get(0)));
    }
    for (List<?> parts : java.util.Arrays.asList(s.getAllOf(), s.getOneOf(), s.getAnyOf())) {
      if (parts != null) {
        for (Object part : parts) {
          Schema p = (Schema) part;
          if (p != s) {
            String pt = type(p);
            if (pt != null) {
              return pt;
            }
          }
        }
      }
    }
    return null;
  }

  /**
   * Converts a schema for an input.
   *
   * @param schema the OpenAPI schema
   * @param fallbackType the type to use when the schema states none and none can be inferred
   * @param depth how deep this schema is below the input (0 for the input itself)
   * @return the JSON Schema, with {@code type} first
   */
  ObjectNode convert(Schema schema, String fallbackType, int depth) {
    Schema s = resolve(schema);
    ObjectNode out = YamlText.object();
    Shape shape = s == null ? new Shape(fallbackType, Map.of(), Set.of(), false, 0) : shape(s);
    String type = shape.type() == null ? fallbackType : shape.type();
    out.put("type", type);
    if (s == null) {
      return out;
    }
    String description = Texts.plain(s.getDescription(), depth == 0 ? 300 : 160);
    if (!description.isEmpty()) {
      out.put("description", description);
    }
    if (depth > 0 && Boolean.TRUE.equals(s.getNullable())) {
      out.putArray("type").add(type).add("null");
    }
    if (s.getEnum() != null && !s.getEnum().isEmpty()) {
      ArrayNode values = YamlText.object().arrayNode();
      for (Object v : s.getEnum()) {
        JsonNode node = JSON.valueToTree(v);
        if (node.isValueNode() && !node.isNull() && typeFits(type, node)) {
          values.add(node);
        }
      }
      if (!values.isEmpty()) {
        out.set("enum", values);
      }
    }
    if (type.equals("string")) {
      if (s.getFormat() != null && FORMATS.contains(s.getFormat())) {
        out.put("format", s.getFormat());
      }
      if (s.getPattern() != null && compiles(s.getPattern())) {
        out.put("pattern", s.getPattern());
      }
      number(out, "minLength", s.getMinLength());
      number(out, "maxLength", s.getMaxLength());
    }
    if (type.equals("integer") || type.equals("number")) {
      bounds(out, s);
    }
    if (type.equals("array")) {
      number(out, "minItems", s.getMinItems());
      number(out, "maxItems", s.getMaxItems());
      if (Boolean.TRUE.equals(s.getUniqueItems())) {
        out.put("uniqueItems", true);
      }
      if (s.getItems() != null) {
        String itemType = type(s.getItems());
        out.set("items", depth < DEPTH ? convert(s.getItems(), itemType == null ? "object" : itemType, depth + 1)
            : YamlText.object().put("type", itemType == null ? "object" : itemType));
      }
    }
    if (type.equals("object") && depth < DEPTH && !shape.properties().isEmpty()) {
      ObjectNode properties = out.putObject("properties");
      for (Map.Entry<String, Schema> p : shape.properties().entrySet()) {
        String pt = type(p.getValue());
        properties.set(p.getKey(), convert(p.getValue(), pt == null ? "string" : pt, depth + 1));
      }
      if (!shape.required().isEmpty() && !shape.union() && depth > 0) {
        ArrayNode req = out.putArray("required");
        shape.required().forEach(req::add);
      }
    }
    return out;
  }

  private static boolean typeFits(String type, JsonNode node) {
    return switch (type) {
      case "string" -> node.isTextual();
      case "integer" -> node.isIntegralNumber();
      case "number" -> node.isNumber();
      case "boolean" -> node.isBoolean();
      default -> false;
    };
  }

  private static void bounds(ObjectNode out, Schema s) {
    BigDecimal min = s.getMinimum();
    BigDecimal max = s.getMaximum();
    if (min != null) {
      out.put(Boolean.TRUE.equals(s.getExclusiveMinimum()) ? "exclusiveMinimum" : "minimum", min);
    } else if (s.getExclusiveMinimumValue() != null) {
      out.put("exclusiveMinimum", s.getExclusiveMinimumValue());
    }
    if (max != null) {
      out.put(Boolean.TRUE.equals(s.getExclusiveMaximum()) ? "exclusiveMaximum" : "maximum", max);
    } else if (s.getExclusiveMaximumValue() != null) {
      out.put("exclusiveMaximum", s.getExclusiveMaximumValue());
    }
    if (s.getMultipleOf() != null && s.getMultipleOf().signum() > 0) {
      out.put("multipleOf", s.getMultipleOf());
    }
  }

  private static void number(ObjectNode out, String key, Integer value) {
    if (value != null && value >= 0) {
      out.put(key, value);
    }
  }

  private static boolean compiles(String pattern) {
    try {
      Pattern.compile(pattern);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Returns the JSON Schema type of a JSON value. */
  static String jsonType(JsonNode node) {
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isObject()) {
      return "object";
    }
    return "string";
  }

  /** Returns an example value as JSON when it fits the type, for {@code examples:}. */
  static Optional<JsonNode> example(Object value, String type) {
    if (value == null) {
      return Optional.empty();
    }
    JsonNode node = JSON.valueToTree(value);
    if (node.isNull() || node.isMissingNode()) {
      return Optional.empty();
    }
    boolean fits = switch (type) {
      case "array" -> node.isArray();
      case "object" -> node.isObject();
      default -> typeFits(type, node);
    };
    return fits ? Optional.of(node) : Optional.empty();
  }
}
