package dev.switchboard.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an example JSON body (from a cURL command or a Postman request) into the action's body template and typed
 * inputs: each value becomes an input of its JSON type with the example's value as its example, placed where the
 * value was ({@code {"profile": {"firstName": "Isaac"}}} gives the input {@code first_name} and the body
 * {@code profile: {firstName: "{{first_name}}"}}). Objects are followed three levels deep; below that, and for
 * lists, the value is one input of type object or array. Values of fields that look like credentials (password,
 * secret, token...) are not kept as examples.
 */
final class ExampleBody {
  /** Objects deeper than this become one input of type object. */
  static final int DEPTH = 3;
  private static final Pattern SENSITIVE = Pattern.compile(
      "(?i).*(password|passwd|secret|token|api[-_]?key|apikey|private[-_]?key|credential|otp|passcode|pin|answer|cvc|cvv).*");

  private final ActionDraft action;
  private final List<Finding> findings;
  private boolean nullTyped;

  private ExampleBody(ActionDraft action, List<Finding> findings) {
    this.action = action;
    this.findings = findings;
  }

  /**
   * Builds the body template and inputs.
   *
   * @param example the example body, an object or a list
   * @param action the action to add inputs to
   * @param findings where to report what was guessed
   * @return the body template tree
   */
  static JsonNode template(JsonNode example, ActionDraft action, List<Finding> findings) {
    ExampleBody body = new ExampleBody(action, findings);
    JsonNode tree = body.walk(example, "", "", 0);
    if (body.nullTyped) {
      findings.add(Finding.guessed("action " + action.name(), "fields that were null in the example became string inputs;"
          + " check their types"));
    }
    return tree;
  }

  private JsonNode walk(JsonNode node, String parentKey, String key, int depth) {
    if (node.isObject() && (depth < DEPTH && !node.isEmpty() || depth == 0)) {
      ObjectNode out = YamlText.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), walk(e.getValue(), key, e.getKey(), depth + 1));
      }
      return out;
    }
    if (node.isArray() && depth == 0) {
      ArrayNode out = YamlText.array();
      for (JsonNode item : node) {
        out.add(item.isObject() ? walk(item, "", "", 1) : item);
      }
      return out;
    }
    if (node.isContainerNode() && node.isEmpty()) {
      return node.deepCopy();
    }
    String name = inputName(parentKey, key);
    ObjectNode schema = YamlText.object();
    schema.put("type", type(node));
    if (node.isArray() && !node.isEmpty()) {
      String itemType = type(node.get(0));
      boolean same = true;
      for (JsonNode item : node) {
        same &= type(item).equals(itemType);
      }
      if (same && !node.get(0).isNull()) {
        schema.putObject("items").put("type", itemType);
      }
    }
    if (node.isNull()) {
      nullTyped = true;
    } else if (SENSITIVE.matcher(key).matches()) {
      findings.add(Finding.leftToUser("input " + name, "the example's value of '" + key + "' was not kept: it looks like a"
          + " credential"));
    } else if (!(node.isTextual() && Placeholders.isWrapped(node.asText(), List.of()))) {
      schema.putArray("examples").add(node.deepCopy());
    }
    action.input(new ActionDraft.Input(name, schema, false));
    return YamlText.object().textNode("{{" + name + "}}");
  }

  private String inputName(String parentKey, String key) {
    String base = Naming.snake(key, "value");
    if (!action.inputNames().contains(base) && !base.equals("config")) {
      return base;
    }
    String qualified = Naming.snake(parentKey.isEmpty() ? "body_" + key : parentKey + "_" + key, "value");
    return Naming.unique(qualified, new java.util.HashSet<>(action.inputNames()));
  }

  /** Returns the JSON Schema type of an example value. */
  static String type(JsonNode node) {
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
}
