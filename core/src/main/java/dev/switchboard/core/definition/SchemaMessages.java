package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the failures of a JSON Schema validation (networknt) into {@link Problem}s a person understands:
 * {@code file:line: field: message}, with "did you mean" for a misspelled field or value.
 *
 * <p>A {@code oneOf} whose branches each fix {@code type} to one value (the schema's discriminated unions: auth
 * configs, paginators), or each take another JSON type (a name or a mapping), reports only the branch the file
 * chose, or only the unknown type when none matches; other {@code oneOf}s and {@code anyOf}s of required fields become one "needs one of" problem.
 */
final class SchemaMessages {
  private final DefinitionSchema schema;

  SchemaMessages(DefinitionSchema schema) {
    this.schema = schema;
  }

  /** A schema node and the document it is in (for resolving relative {@code $ref}s). */
  private record Located(String file, JsonNode node) {}

  /**
   * Maps validation failures to problems.
   *
   * @param yaml the file validated, for its name and lines
   * @param failures networknt's messages
   * @return the problems, in the order of the file's lines
   */
  List<Problem> problems(YamlFile yaml, Collection<ValidationMessage> failures) {
    List<ValidationMessage> all = new ArrayList<>(failures);
    all.sort(Comparator.comparingInt((ValidationMessage m) -> m.getEvaluationPath().getNameCount())
        .thenComparing(m -> m.getEvaluationPath().toString()));
    Set<ValidationMessage> dropped = new HashSet<>();
    List<Problem> out = new ArrayList<>();
    for (ValidationMessage m : all) {
      if (!dropped.contains(m) && m.getType().equals("oneOf")) {
        oneOf(yaml, m, all, dropped, out);
      }
    }
    Map<String, List<ValidationMessage>> anyOfRequired = new LinkedHashMap<>();
    for (ValidationMessage m : all) {
      if (dropped.contains(m)) {
        continue;
      }
      JsonNodePath anyOf = branchParent(m.getEvaluationPath(), "anyOf");
      if (m.getType().equals("required") && anyOf != null) {
        anyOfRequired.computeIfAbsent(m.getInstanceLocation() + " " + anyOf, k -> new ArrayList<>()).add(m);
        continue;
      }
      Problem p = problem(yaml, m);
      if (p != null) {
        out.add(p);
      }
    }
    for (List<ValidationMessage> group : anyOfRequired.values()) {
      Set<String> fields = new LinkedHashSet<>();
      group.forEach(m -> fields.add(m.getProperty()));
      String field = field(group.get(0).getInstanceLocation());
      out.add(new Problem(yaml.file, yaml.line(field), field, fields.size() == 1
          ? "missing required field '" + fields.iterator().next() + "'"
          : "missing a required field: give at least one of " + quoted(fields)));
    }
    out.sort(Comparator.comparingInt(Problem::line).thenComparing(Problem::field));
    return dedupe(out);
  }

  /** Handles one failed {@code oneOf}: a discriminated union keeps its chosen branch's failures only. */
  private void oneOf(YamlFile yaml, ValidationMessage oneOf, List<ValidationMessage> all, Set<ValidationMessage> dropped,
      List<Problem> out) {
    JsonNodePath at = oneOf.getEvaluationPath();
    Map<Integer, List<ValidationMessage>> branches = new LinkedHashMap<>();
    for (ValidationMessage m : all) {
      JsonNodePath path = m.getEvaluationPath();
      if (m != oneOf && path.getNameCount() > at.getNameCount() && path.startsWith(at)
          && path.getElement(at.getNameCount()) instanceof Integer index) {
        branches.computeIfAbsent(index, k -> new ArrayList<>()).add(m);
      }
    }
    dropped.add(oneOf);
    JsonNodePath typeField = oneOf.getInstanceLocation().append("type");
    boolean discriminated = false;
    for (List<ValidationMessage> branch : branches.values()) {
      boolean rejected = branch.stream().anyMatch(m -> (m.getType().equals("const") && m.getInstanceLocation().equals(typeField))
          || (m.getType().equals("required") && "type".equals(m.getProperty()) && m.getInstanceLocation().equals(oneOf.getInstanceLocation()))
          || (m.getType().equals("type") && m.getInstanceLocation().equals(oneOf.getInstanceLocation())));
      if (rejected) {
        discriminated = true;
        dropped.addAll(branch);
      }
    }
    if (discriminated) {
      return;
    }
    boolean allRequired = branches.values().stream().flatMap(List::stream).allMatch(m -> m.getType().equals("required"));
    Set<String> fields = new LinkedHashSet<>();
    JsonNode options = schema.node(oneOf.getSchemaLocation());
    options.forEach(option -> option.path("required").forEach(r -> fields.add(r.asText())));
    String field = field(oneOf.getInstanceLocation());
    Object[] arguments = oneOf.getArguments();
    boolean none = arguments != null && arguments.length > 0 && "0".equals(String.valueOf(arguments[0]));
    if (allRequired && !fields.isEmpty()) {
      branches.values().forEach(dropped::addAll);
      out.add(new Problem(yaml.file, yaml.line(field), field, (none ? "missing a required field: give exactly one of "
          : "give exactly one of ") + quoted(fields) + (none ? "" : ", not several")));
    } else if (none && branches.isEmpty()) {
      out.add(new Problem(yaml.file, yaml.line(field), field, "matches none of the forms allowed here"));
    }
  }

  private Problem problem(YamlFile yaml, ValidationMessage m) {
    String at = field(m.getInstanceLocation());
    String property = m.getProperty();
    JsonNode value = m.getInstanceNode();
    Located holder = parent(m.getSchemaLocation());
    String message;
    String field = at;
    switch (m.getType()) {
      case "additionalProperties", "unevaluatedProperties" -> {
        Set<String> known = knownFields(holder, new HashSet<>());
        if (known.contains(property)) {
          return null; // unevaluated only because another keyword failed on it; that failure is reported
        }
        field = child(at, property);
        message = "unknown field '" + property + "'; " + Names.closest(property, known).map(c -> "did you mean '" + c + "'? ").orElse("")
            + "known fields here: " + String.join(", ", new TreeSet<>(known));
      }
      case "required" -> {
        Located prop = property(m.getSchemaLocation(), property);
        message = "missing required field '" + property + "'" + example(prop).map(e -> " (for example " + property + ": " + e + ")").orElse("");
      }
      case "type" -> message = "must be " + kinds(String.valueOf(m.getArguments()[1])) + ", not " + Mapping.kind(value);
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        schema.node(m.getSchemaLocation()).forEach(v -> allowed.add(v.asText()));
        String given = value.isTextual() ? value.asText() : value.toString();
        message = "'" + FieldChecks.printable(given) + "' is not " + noun(holder, "allowed here") + "; use one of " + String.join(", ", allowed)
            + Names.closest(given, allowed).map(c -> " (did you mean '" + c + "'?)").orElse("");
      }
      case "const" -> message = "must be " + schema.node(m.getSchemaLocation());
      case "pattern" -> message = "'" + FieldChecks.printable(value.asText()) + "' is not " + noun(holder, "valid here")
          + description(holder).map(d -> ": " + d).orElse("");
      case "propertyNames" -> {
        field = child(at, property);
        Located names = deref(new Located(holder.file, holder.node.path("propertyNames")));
        message = "'" + FieldChecks.printable(property) + "' is not " + noun(names, "a valid name here")
            + description(names).map(d -> ": " + d).orElse("");
      }
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> message = range(holder.node, value);
      case "minItems" -> message = holder.node.path("minItems").asInt() == 1 ? "must not be an empty list"
          : "must hold at least " + holder.node.path("minItems").asInt() + " items";
      case "minLength" -> message = holder.node.path("minLength").asInt() == 1 ? "must not be empty"
          : "must be at least " + holder.node.path("minLength").asInt() + " characters";
      case "false" -> {
        Located enclosing = new Located(holder.file, schema.node(up(m.getSchemaLocation(), 3)));
        message = "not allowed here" + description(enclosing).map(d -> "; " + d).orElse("");
      }
      default -> {
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        message = colon >= 0 ? text.substring(colon + 2) : text;
      }
    }
    return new Problem(yaml.file, yaml.line(field), field, message);
  }

  /**
   * The schema of a property named by a failing keyword: in the object holding the keyword, or (for a keyword of an
   * {@code if}/{@code then} or {@code allOf} branch) in the nearest enclosing object that declares it.
   */
  private Located property(SchemaLocation keyword, String name) {
    SchemaLocation at = keyword;
    for (int level = 1; level <= 5; level++) {
      Located holder = parent(up(at, level - 1));
      JsonNode property = holder.node.path("properties").path(name);
      if (!property.isMissingNode()) {
        return new Located(holder.file, property);
      }
    }
    return new Located("", MissingNode.getInstance());
  }

  /** The schema object that holds the failing keyword (the location without its last element). */
  private Located parent(SchemaLocation location) {
    SchemaLocation up = up(location, 1);
    String iri = String.valueOf(up.getAbsoluteIri());
    return new Located(iri.substring(iri.lastIndexOf('/') + 1), schema.node(up));
  }

  private static SchemaLocation up(SchemaLocation location, int levels) {
    JsonNodePath fragment = location.getFragment();
    for (int i = 0; i < levels && fragment != null && fragment.getParent() != null; i++) {
      fragment = fragment.getParent();
    }
    return new SchemaLocation(location.getAbsoluteIri(), fragment);
  }

  private Located deref(Located at) {
    Located current = at;
    for (int hops = 0; hops < 8 && current.node.has("$ref"); hops++) {
      String ref = current.node.get("$ref").asText();
      int hash = ref.indexOf('#');
      String file = hash <= 0 ? current.file : ref.substring(0, hash);
      JsonNode next = schema.resolve(current.file, ref);
      current = new Located(file, next);
    }
    return current;
  }

  /** The field names a schema object declares, through {@code $ref}s and {@code allOf}. */
  private Set<String> knownFields(Located at, Set<JsonNode> seen) {
    Set<String> out = new LinkedHashSet<>();
    if (!seen.add(at.node)) {
      return out;
    }
    at.node.path("properties").fieldNames().forEachRemaining(out::add);
    if (at.node.has("$ref")) {
      String ref = at.node.get("$ref").asText();
      int hash = ref.indexOf('#');
      out.addAll(knownFields(new Located(hash <= 0 ? at.file : ref.substring(0, hash), schema.resolve(at.file, ref)), seen));
    }
    at.node.path("allOf").forEach(n -> out.addAll(knownFields(new Located(at.file, n), seen)));
    return out;
  }

  /** The first example (or the default) of a property, from its own schema or the one it refers to. */
  private Optional<String> example(Located property) {
    JsonNode examples = property.node.path("examples");
    JsonNode first = examples.isArray() && !examples.isEmpty() ? examples.get(0) : property.node.get("default");
    if (first == null || first.isNull()) {
      return property.node.has("$ref") ? example(deref(property)) : Optional.empty();
    }
    if (first.isTextual() && first.asText().matches("[A-Za-z0-9_./@-]+")) {
      return Optional.of(first.asText());
    }
    return Optional.of(first.toString());
  }

  private static String noun(Located holder, String otherwise) {
    JsonNode title = holder.node.get("title");
    return title != null && title.isTextual() ? "a valid " + title.asText() : otherwise;
  }

  private static Optional<String> description(Located holder) {
    JsonNode d = holder.node.get("description");
    return d != null && d.isTextual() ? Optional.of(d.asText()) : Optional.empty();
  }

  private static String range(JsonNode schema, JsonNode value) {
    boolean whole = "integer".equals(schema.path("type").asText());
    String what = whole ? "a whole number" : "a number";
    if (schema.has("minimum") && schema.has("maximum")) {
      return "must be " + what + " from " + schema.get("minimum") + " to " + schema.get("maximum") + ", not " + value;
    }
    if (schema.has("minimum")) {
      return "must be at least " + schema.get("minimum") + ", not " + value;
    }
    if (schema.has("exclusiveMinimum")) {
      return "must be greater than " + schema.get("exclusiveMinimum") + ", not " + value;
    }
    if (schema.has("maximum")) {
      return "must be at most " + schema.get("maximum") + ", not " + value;
    }
    return "must be less than " + schema.path("exclusiveMaximum") + ", not " + value;
  }

  private static String kinds(String expected) {
    List<String> words = new ArrayList<>();
    for (String t : expected.replaceAll("[\\[\\]\\s]", "").split(",")) {
      words.add(switch (t) {
        case "object" -> "a mapping";
        case "array" -> "a list";
        case "integer" -> "a whole number";
        case "number" -> "a number";
        case "boolean" -> "true or false";
        case "null" -> "null";
        default -> "a string";
      });
    }
    return words.size() == 1 ? words.get(0) : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  private static String quoted(Collection<String> names) {
    List<String> out = names.stream().map(n -> "'" + n + "'").toList();
    return out.size() == 1 ? out.get(0) : String.join(", ", out.subList(0, out.size() - 1)) + " or " + out.get(out.size() - 1);
  }

  /** The dotted field path of an instance location, as {@link YamlFile} records lines: {@code steps[0].inputs}. */
  static String field(JsonNodePath location) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(element);
      }
    }
    return out.toString();
  }

  private static String child(String at, String name) {
    return at.isEmpty() ? name : at + "." + name;
  }

  private static String last(JsonNodePath location) {
    return location.getNameCount() == 0 ? "" : String.valueOf(location.getElement(location.getNameCount() - 1));
  }

  /** The parent of the branch index right after the last {@code keyword} element, or null. */
  private static JsonNodePath branchParent(JsonNodePath path, String keyword) {
    for (int i = path.getNameCount() - 2; i >= 0; i--) {
      if (keyword.equals(path.getElement(i)) && path.getElement(i + 1) instanceof Integer) {
        JsonNodePath out = path;
        while (out.getNameCount() > i + 1) {
          out = out.getParent();
        }
        return out;
      }
    }
    return null;
  }

  private static List<Problem> dedupe(List<Problem> problems) {
    return List.copyOf(new LinkedHashSet<>(problems));
  }
}
