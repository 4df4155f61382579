package dev.switchboard.importer.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.importer.ActionDraft;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.Naming;
import dev.switchboard.importer.YamlText;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a JSON request body schema into the action's body template and inputs, as a person writing the pack would:
 * the body's fields, and the fields of objects one level down (Okta's {@code profile.firstName}), become inputs of
 * their own type with the schema's description, enum and example; deeper objects and lists are one input each.
 * Read-only fields are left out. A field is required when its object requires it and the body is required.
 */
final class SchemaBody {
  /** Objects at this depth or deeper become one input (0 is the body itself). */
  static final int EXPAND = 2;

  /** Field names too plain to stand alone as an input when they belong to a nested object ({@code type.id}). */
  private static final Set<String> GENERIC = Set.of("id", "type", "value", "key", "name", "status", "url", "href");

  private final Schemas schemas;
  private final ActionDraft action;
  private final Set<String> taken;
  private final List<Finding> findings;
  private final String subject;

  SchemaBody(Schemas schemas, ActionDraft action, Set<String> taken, List<Finding> findings, String subject) {
    this.schemas = schemas;
    this.action = action;
    this.taken = taken;
    this.findings = findings;
    this.subject = subject;
  }

  /** Builds the template of an object body, or returns null when the body has no fields to build it from. */
  JsonNode object(Schema schema, boolean required) {
    Schemas.Shape shape = schemas.shape(schema);
    if (shape.properties().isEmpty()) {
      findings.add(Finding.leftToUser(subject, "the request body is a free-form object with no declared fields; the action"
          + " sends an empty object: add the fields it needs under body: and inputs:"));
      return YamlText.object();
    }
    if (shape.union()) {
      findings.add(Finding.guessed(subject, "the request body is one of " + shape.alternatives() + " shapes (oneOf/anyOf);"
          + " its inputs are the union of their fields, all optional: give the fields of one shape"));
    }
    return walk(schema, "", "", 0, required);
  }

  /** Builds the template of a list body: a list of one item built from the inputs. */
  JsonNode list(Schema schema, boolean required) {
    Schema items = schema.getItems();
    ArrayNode out = YamlText.array();
    String itemType = items == null ? null : schemas.type(items);
    if (items != null && "object".equals(itemType) && !schemas.shape(items).properties().isEmpty()) {
      out.add(walk(items, "", "", 1, required));
      findings.add(Finding.guessed(subject, "the request body is a list; the action sends a list of one item built from its"
          + " inputs"));
    } else {
      String name = Naming.unique("items", taken);
      ObjectNode s = schemas.convert(schema, "array", 0);
      action.input(new ActionDraft.Input(name, s, required));
      out.add("{{" + name + "}}");
      findings.add(Finding.leftToUser(subject, "the request body is a list of " + (itemType == null ? "values" : itemType + "s")
          + "; the action sends a list holding the input " + name + " as its one item: change it to send the list itself"));
    }
    return out;
  }

  private JsonNode walk(Schema schema, String parentKey, String key, int depth, boolean required) {
    Schemas.Shape shape = schemas.shape(schema);
    if ("object".equals(shape.type()) && !shape.properties().isEmpty() && depth < EXPAND) {
      ObjectNode out = YamlText.object();
      for (Map.Entry<String, Schema> p : shape.properties().entrySet()) {
        boolean childRequired = required && !shape.union() && shape.required().contains(p.getKey());
        out.set(p.getKey(), walk(p.getValue(), key, p.getKey(), depth + 1, childRequired));
      }
      return out;
    }
    String type = shape.type() == null ? schemas.type(schema) : shape.type();
    String name = name(parentKey, key);
    ObjectNode s = schemas.convert(schema, type == null ? "string" : type, 0);
    Schema resolved = schemas.resolve(schema);
    Optional<JsonNode> example = resolved == null ? Optional.empty() : Schemas.example(resolved.getExample(), s.path("type").asText());
    example.ifPresent(e -> s.putArray("examples").add(e));
    action.input(new ActionDraft.Input(name, s, required));
    return YamlText.object().textNode("{{" + name + "}}");
  }

  private String name(String parentKey, String key) {
    String base = Naming.snake(key, "value");
    if (GENERIC.contains(base) && !parentKey.isEmpty() && !parentKey.equals("profile")) {
      base = Naming.snake(parentKey + "_" + key, "value");
    }
    if (!taken.contains(base) && !base.equals("config")) {
      taken.add(base);
      return base;
    }
    String qualified = Naming.snake((parentKey.isEmpty() ? "body" : parentKey) + "_" + key, "value");
    return Naming.unique(qualified, taken);
  }
}
