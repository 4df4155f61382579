package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cursor on one YAML mapping of a definition file that reads typed fields and records a
 * {@link Problem} (file, line, field) for each one that is missing, mistyped or unknown.
 */
final class Mapping {
  final YamlFile file;
  final String path;
  final ObjectNode node;
  private final List<Problem> problems;

  Mapping(YamlFile file, String path, ObjectNode node, List<Problem> problems) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  /** Returns the mapping at the root of a file, or null (with a problem) when the root is not a mapping. */
  static Mapping root(YamlFile file, List<Problem> problems) {
    if (!(file.root instanceof ObjectNode object)) {
      problems.add(new Problem(file.file, file.line(""), "", "expected a YAML mapping of fields at the top of the file"));
      return null;
    }
    return new Mapping(file, "", object, problems);
  }

  List<Problem> problems() {
    return problems;
  }

  String fieldPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  JsonNode raw(String key) {
    return node.get(key);
  }

  void problem(String key, String message) {
    String field = key == null ? path : fieldPath(key);
    problems.add(new Problem(file.file, file.line(field), field, message));
  }

  /** Reads a required string field; adds a problem and returns null when it is missing or not a string. */
  String requiredText(String key, String example) {
    if (!has(key)) {
      problem(null, "missing required field '" + key + "' (for example " + key + ": " + example + ")");
      return null;
    }
    return text(key).orElse(null);
  }

  Optional<String> text(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
      problem(key, "must be a string, not " + kind(value));
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  boolean flag(String key, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      problem(key, "must be true or false, not " + kind(value));
      return fallback;
    }
    return value.booleanValue();
  }

  Optional<Mapping> mapping(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!(value instanceof ObjectNode object)) {
      problem(key, "must be a mapping of fields, not " + kind(value));
      return Optional.empty();
    }
    return Optional.of(new Mapping(file, fieldPath(key), object, problems));
  }

  /** Reads a mapping of names to strings (query parameters, headers); non-string values become problems. */
  Map<String, String> textMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    mapping(key).ifPresent(m -> {
      for (Iterator<Map.Entry<String, JsonNode>> it = m.node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        m.text(e.getKey()).ifPresent(v -> out.put(e.getKey(), v));
      }
    });
    return out;
  }

  /** Adds a problem for every field not in {@code known}, suggesting the closest known name. */
  void allowOnly(String... known) {
    Set<String> allowed = new TreeSet<>(Arrays.asList(known));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        String hint = closest(name, allowed).map(c -> "did you mean '" + c + "'? ").orElse("");
        problem(name, "unknown field '" + name + "'; " + hint + "known fields here: " + String.join(", ", allowed));
      }
    }
  }

  static Optional<String> closest(String name, Iterable<String> known) {
    return Names.closest(name, known);
  }

  static String kind(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isNull()) {
      return "null";
    }
    return "a string";
  }
}
