package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Form fields drawn from the definition format's JSON Schemas (core's {@code switchboard/schema/connector.schema.json}
 * and {@code action.schema.json}): the kinds of an auth config or a paginator are the schema's discriminated
 * {@code oneOf}, and each kind's fields are its properties with their titles, descriptions, enums, defaults and
 * examples. A field the schema adds shows up in the studio without a change here.
 */
public final class SchemaForm {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode CONNECTOR = read("switchboard/schema/connector.schema.json");
  private static final JsonNode ACTION = read("switchboard/schema/action.schema.json");

  private SchemaForm() {}

  /**
   * One kind of a discriminated union (an auth type, a pagination type).
   *
   * @param type the discriminator's value, such as {@code api_key}
   * @param title its title, such as "API key"
   * @param description what it is
   * @param fields its fields but the discriminator
   */
  public record Kind(String type, String title, String description, List<Field> fields) {
    /** {@return the field of a name} */
    public Optional<Field> field(String name) {
      return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
  }

  /**
   * One field of a kind.
   *
   * @param name its YAML name
   * @param label a label for people
   * @param description what it is, from the schema
   * @param options the values it may take (an enum), or empty for free text
   * @param defaultValue the schema's default, or empty
   * @param example the schema's first example, or empty
   * @param required whether the kind requires it
   * @param secretName whether its value names a secret (the value itself is never in a definition)
   */
  public record Field(String name, String label, String description, List<String> options, String defaultValue, String example,
      boolean required, boolean secretName) {}

  /** {@return the auth config kinds, in the schema's order} */
  static List<Kind> authKinds() {
    return kinds(CONNECTOR, "auth");
  }

  /** {@return the pagination kinds, in the schema's order} */
  static List<Kind> paginationKinds() {
    return kinds(ACTION, "pagination");
  }

  /** {@return the auth kind of a type, or empty} */
  static Optional<Kind> authKind(String type) {
    return authKinds().stream().filter(k -> k.type().equals(type)).findFirst();
  }

  /** {@return the pagination kind of a type, or empty} */
  static Optional<Kind> paginationKind(String type) {
    return paginationKinds().stream().filter(k -> k.type().equals(type)).findFirst();
  }

  private static List<Kind> kinds(JsonNode schema, String union) {
    List<Kind> out = new ArrayList<>();
    for (JsonNode ref : schema.path("$defs").path(union).path("oneOf")) {
      JsonNode kind = resolve(schema, ref.path("$ref").asText());
      String type = kind.path("properties").path("type").path("const").asText();
      List<String> required = new ArrayList<>();
      kind.path("required").forEach(r -> required.add(r.asText()));
      List<Field> fields = new ArrayList<>();
      for (Map.Entry<String, JsonNode> p : properties(kind).entrySet()) {
        if (p.getKey().equals("type")) {
          continue;
        }
        JsonNode f = p.getValue();
        JsonNode target = f.has("$ref") ? resolve(schema, f.path("$ref").asText()) : f;
        List<String> options = new ArrayList<>();
        (f.has("enum") ? f : target).path("enum").forEach(e -> options.add(e.asText()));
        String description = f.path("description").asText(target.path("description").asText(""));
        JsonNode examples = f.has("examples") ? f.path("examples") : target.path("examples");
        String example = examples.isArray() && !examples.isEmpty() ? text(examples.get(0)) : "";
        String def = f.has("default") ? text(f.path("default")) : "";
        boolean secretName = f.path("$ref").asText().endsWith("/secret_name");
        fields.add(new Field(p.getKey(), label(p.getKey(), f), description, options, def, example, required.contains(p.getKey()), secretName));
      }
      out.add(new Kind(type, kind.path("title").asText(type), kind.path("description").asText(""), fields));
    }
    return out;
  }

  private static Map<String, JsonNode> properties(JsonNode kind) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    kind.path("properties").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static String label(String name, JsonNode field) {
    String title = field.path("title").asText("");
    String words = (title.isEmpty() ? name : title).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String text(JsonNode v) {
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      v.forEach(x -> parts.add(x.asText()));
      return String.join(" ", parts);
    }
    return v.asText();
  }

  private static JsonNode resolve(JsonNode schema, String ref) {
    if (!ref.startsWith("#/")) {
      return JSON.createObjectNode();
    }
    JsonNode node = schema;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part);
    }
    return node;
  }

  private static JsonNode read(String resource) {
    try (InputStream in = Objects.requireNonNull(SchemaForm.class.getClassLoader().getResourceAsStream(resource), resource + " is missing")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
