package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.output.SchemaInference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Generate output schema": from a response body, where the records are (the body when it is a list, else its first
 * list of objects), a JMESPath projection of each record to its plain fields and those of its nested objects one
 * level down (at most {@value #MAX_FIELDS}; {@code _links} and other {@code _} fields left out), and the JSON Schema
 * (2020-12, core's {@link SchemaInference}) of what that mapping gives.
 *
 * @param records the records expression ({@code @}, a field name, or empty for a single object)
 * @param map the projection of each record
 * @param schema the output's schema
 */
record OutputDraft(String records, String map, JsonNode schema) {
  /** The most fields a generated projection keeps. */
  static final int MAX_FIELDS = 16;
  private static final int SAMPLE = 20;

  /** {@return the draft of a body} */
  static OutputDraft of(JsonNode body) {
    String records = "";
    JsonNode list = null;
    if (body.isArray()) {
      records = "@";
      list = body;
    } else if (body.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isArray() && !e.getValue().isEmpty() && e.getValue().get(0).isObject()) {
          records = identifier(e.getKey());
          list = e.getValue();
          break;
        }
      }
    }
    List<JsonNode> samples = new ArrayList<>();
    if (list != null) {
      for (int i = 0; i < Math.min(SAMPLE, list.size()); i++) {
        samples.add(list.get(i));
      }
    } else {
      samples.add(body);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (JsonNode s : samples) {
      if (!s.isObject()) {
        continue;
      }
      s.fields().forEachRemaining(e -> {
        if (e.getKey().startsWith("_") || fields.size() >= MAX_FIELDS) {
          return;
        }
        if (e.getValue().isValueNode()) {
          add(fields, name(e.getKey()), identifier(e.getKey()));
        } else if (e.getValue().isObject()) {
          e.getValue().fields().forEachRemaining(c -> {
            if (c.getValue().isValueNode() && fields.size() < MAX_FIELDS) {
              String path = identifier(e.getKey()) + "." + identifier(c.getKey());
              add(fields, fields.containsKey(name(c.getKey())) && !fields.get(name(c.getKey())).equals(path)
                  ? name(e.getKey() + "_" + c.getKey()) : name(c.getKey()), path);
            }
          });
        }
      });
    }
    if (fields.isEmpty()) {
      return new OutputDraft(records, "", SchemaInference.infer(list != null ? list : body));
    }
    List<String> parts = new ArrayList<>();
    fields.forEach((n, path) -> parts.add(n + ": " + path));
    String map = "{" + String.join(", ", parts) + "}";
    ArrayNode mapped = AuthEdit.YAML.createArrayNode();
    for (JsonNode s : samples) {
      ObjectNode o = mapped.addObject();
      fields.forEach((n, path) -> {
        JsonNode v = s;
        for (String p : path.split("\\.")) {
          v = v.path(p.replace("\"", ""));
        }
        o.set(n, v.isMissingNode() ? AuthEdit.YAML.getNodeFactory().nullNode() : v);
      });
    }
    return new OutputDraft(records, map, SchemaInference.infer(list != null ? mapped : mapped.get(0)));
  }

  /** Adds a field unless its path is mapped already. */
  private static void add(Map<String, String> fields, String name, String path) {
    if (!fields.containsValue(path)) {
      fields.putIfAbsent(name, path);
    }
  }

  private static String name(String key) {
    String n = key.replaceAll("[^A-Za-z0-9_]", "_");
    return n.isEmpty() || Character.isDigit(n.charAt(0)) ? "_" + n : n;
  }

  private static String identifier(String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? key : "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
