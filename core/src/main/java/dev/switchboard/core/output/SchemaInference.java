package dev.switchboard.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Infers a JSON Schema (draft 2020-12) from sample JSON, as "generate output schema from response" does in
 * integration studios: objects list their properties (required when present in every sample), lists merge
 * the schemas of their items, a value seen with several types gets a list of types ({@code null} included
 * when nulls were seen), integers stay {@code integer} unless a decimal was seen, and strings that are all
 * RFC 3339 date-times get {@code format: date-time}. Pure and thread-safe.
 */
public final class SchemaInference {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SchemaInference() {}

  /**
   * Infers the schema of one sample.
   *
   * @param sample any JSON value, such as an action's output
   * @return the schema, with {@code $schema} set to draft 2020-12
   */
  public static ObjectNode infer(JsonNode sample) {
    Shape shape = new Shape();
    shape.add(sample);
    ObjectNode schema = F.objectNode().put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.setAll(shape.schema());
    return schema;
  }

  /** What has been seen at one place in the samples. */
  private static final class Shape {
    private final Set<String> types = new TreeSet<>();
    private int objects;
    private final Map<String, Shape> properties = new LinkedHashMap<>();
    private final Map<String, Integer> presence = new LinkedHashMap<>();
    private Shape items;
    private boolean allDateTimes = true;
    private int strings;

    void add(JsonNode value) {
      if (value == null || value.isNull() || value.isMissingNode()) {
        types.add("null");
      } else if (value.isObject()) {
        types.add("object");
        objects++;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          properties.computeIfAbsent(e.getKey(), k -> new Shape()).add(e.getValue());
          presence.merge(e.getKey(), 1, Integer::sum);
        }
      } else if (value.isArray()) {
        types.add("array");
        if (items == null) {
          items = new Shape();
        }
        for (JsonNode item : value) {
          items.add(item);
        }
      } else if (value.isIntegralNumber()) {
        types.add("integer");
      } else if (value.isNumber()) {
        types.add("number");
      } else if (value.isBoolean()) {
        types.add("boolean");
      } else {
        types.add("string");
        strings++;
        allDateTimes &= isDateTime(value.asText());
      }
    }

    ObjectNode schema() {
      ObjectNode out = F.objectNode();
      Set<String> kinds = new LinkedHashSet<>(types);
      if (kinds.contains("number")) {
        kinds.remove("integer");
      }
      if (kinds.size() == 1) {
        out.put("type", kinds.iterator().next());
      } else if (kinds.size() > 1) {
        ArrayNode list = out.putArray("type");
        kinds.forEach(list::add);
      }
      if (kinds.contains("string") && strings > 0 && allDateTimes) {
        out.put("format", "date-time");
      }
      if (kinds.contains("object")) {
        ObjectNode props = out.putObject("properties");
        List<String> required = properties.keySet().stream().filter(k -> presence.get(k) == objects).toList();
        properties.forEach((k, v) -> props.set(k, v.schema()));
        if (!required.isEmpty()) {
          ArrayNode list = out.putArray("required");
          required.forEach(list::add);
        }
      }
      if (kinds.contains("array")) {
        out.set("items", items == null || items.types.isEmpty() ? F.objectNode() : items.schema());
      }
      return out;
    }

    private static boolean isDateTime(String text) {
      if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
        return false;
      }
      try {
        OffsetDateTime.parse(text);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }
}
