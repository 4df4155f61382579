package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cursor on one YAML mapping of a definition file that reads typed fields and records the {@link Problem}s
 * of the checks that cross fields (file, line, field).
 *
 * <p>The file's shape (known fields, types, required fields, allowed values) has been checked against its JSON
 * Schema already ({@link DefinitionSchema}), so reading is lenient: a field of the wrong type reads as absent,
 * without a second problem. {@link #flagged(String)} tells whether the schema found a problem at or under a field,
 * so that a cross-check can stay quiet about a part that is broken anyway.
 */
final class Mapping {
  final YamlFile file;
  final String path;
  final ObjectNode node;
  private final List<Problem> problems;
  private final Set<String> flagged;

  Mapping(YamlFile file, String path, ObjectNode node, List<Problem> problems, Set<String> flagged) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
    this.flagged = flagged;
  }

  /**
   * Returns the mapping at the root of a file, or null when the root is not a mapping (the schema reported it).
   *
   * @param file the parsed file
   * @param problems where cross-check problems are added
   * @param flagged the dotted paths of fields with schema problems
   */
  static Mapping root(YamlFile file, List<Problem> problems, Set<String> flagged) {
    return file.root instanceof ObjectNode object ? new Mapping(file, "", object, problems, flagged) : null;
  }

  /**
   * Validates a parsed file against its schema, adds the schema's problems, and returns the root mapping for the
   * cross-checks.
   *
   * @return the root, or null when the file's top is not a mapping (a problem says so)
   */
  static Mapping checked(YamlFile yaml, DefinitionSchema.Kind kind, List<Problem> problems) {
    List<Problem> found = DefinitionSchema.get().validate(yaml, kind);
    problems.addAll(found);
    Set<String> flagged = new HashSet<>();
    found.forEach(p -> flagged.add(p.field()));
    return root(yaml, problems, flagged);
  }

  List<Problem> problems() {
    return problems;
  }

  String fieldPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Tells whether the schema reported a problem at this mapping's {@code key} or anywhere under it. */
  boolean flagged(String key) {
    String field = key == null ? path : fieldPath(key);
    for (String f : flagged) {
      if (field.isEmpty() || f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "[")) {
        return true;
      }
    }
    return false;
  }

  /** Returns a mapping for the element {@code [index]} of a list field, or empty when it is not a mapping. */
  Optional<Mapping> element(String key, int index) {
    JsonNode list = node.get(key);
    JsonNode item = list == null ? null : list.get(index);
    return item instanceof ObjectNode object
        ? Optional.of(new Mapping(file, fieldPath(key) + "[" + index + "]", object, problems, flagged))
        : Optional.empty();
  }

  /** Returns a mapping at the same place in the file over other content (an input merged with a shared one). */
  Mapping over(ObjectNode content) {
    return new Mapping(file, path, content, problems, flagged);
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

  /** Reads a scalar field as text (a number or boolean as its text); empty when absent or not a scalar. */
  Optional<String> text(String key) {
    JsonNode value = node.get(key);
    if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  /** Reads a boolean field; {@code fallback} when absent or not a boolean. */
  boolean flag(String key, boolean fallback) {
    JsonNode value = node.get(key);
    return value != null && value.isBoolean() ? value.booleanValue() : fallback;
  }

  /** Reads a whole-number field; {@code fallback} when absent or not a whole number. */
  long number(String key, long fallback) {
    JsonNode value = node.get(key);
    return value != null && value.isIntegralNumber() ? value.asLong() : fallback;
  }

  /** Reads a nested mapping; empty when absent or not a mapping. */
  Optional<Mapping> mapping(String key) {
    JsonNode value = node.get(key);
    return value instanceof ObjectNode object
        ? Optional.of(new Mapping(file, fieldPath(key), object, problems, flagged))
        : Optional.empty();
  }

  /** Reads a mapping of names to scalars (query parameters, headers) as text; other values are left out. */
  Map<String, String> textMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    mapping(key).ifPresent(m -> {
      for (Iterator<String> it = m.node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        m.text(name).ifPresent(v -> out.put(name, v));
      }
    });
    return out;
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
