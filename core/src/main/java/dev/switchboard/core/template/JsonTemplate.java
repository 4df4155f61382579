package dev.switchboard.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON request body declared as a tree (the {@code body:} of an action), built as a tree rather than
 * spliced as text, so that a value can never break out of its place:
 *
 * <ul>
 *   <li>a string that is exactly one tag, such as {@code "{{department}}"}, becomes the value itself with its
 *       JSON type (a number stays a number, a list stays a list); when the value is absent, the field is
 *       left out (so a partial update sends only what the caller gave: case C15);
 *   <li>any other string is a {@link Template} rendered as text (escaped by JSON serialization), left out
 *       when every value it names is absent;
 *   <li>an object or list that ends up empty because its fields were left out is left out too;
 *   <li>numbers, booleans, nulls and literal strings stay as written.
 * </ul>
 * Immutable and thread-safe.
 */
public final class JsonTemplate {
  private static final Pattern SINGLE_TAG = Pattern.compile("^\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*\\}\\}$");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Node root;
  private final Set<String> names;
  private final boolean unescaped;

  private JsonTemplate(Node root, Set<String> names, boolean unescaped) {
    this.root = root;
    this.names = names;
    this.unescaped = unescaped;
  }

  /**
   * Compiles a body tree.
   *
   * @param tree the declared body
   * @return the template
   * @throws TemplateException when a string holds a template that does not parse; the message names its JSON path
   */
  public static JsonTemplate compile(JsonNode tree) {
    Set<String> names = new LinkedHashSet<>();
    boolean[] raw = {false};
    Node root = compile(tree, "body", names, raw);
    return new JsonTemplate(root, Collections.unmodifiableSet(names), raw[0]);
  }

  /** Returns the first segment of every name the body looks up, in order of first appearance. */
  public Set<String> names() {
    return names;
  }

  /** Returns the top-level field names when the template is an object, in order; empty otherwise. */
  public List<String> fieldNames() {
    return root instanceof ObjectTemplate object ? List.copyOf(object.fields().keySet()) : List.of();
  }

  /**
   * Returns the input whose value alone fills a field: the field at {@code path} (object keys from the root) is a
   * string that is exactly one tag of a plain name, such as {@code "{{after}}"}.
   *
   * @param path the keys leading to the field, such as {@code [page, after]}
   * @return the name, or empty when the field is absent or anything else
   */
  public Optional<String> valueTagAt(List<String> path) {
    Node node = root;
    for (String key : path) {
      if (!(node instanceof ObjectTemplate object) || !object.fields().containsKey(key)) {
        return Optional.empty();
      }
      node = object.fields().get(key);
    }
    return node instanceof ValueTag tag && !tag.name().contains(".") ? Optional.of(tag.name()) : Optional.empty();
  }

  /** Tells whether a text template in the body holds an unescaped tag. */
  public boolean hasUnescapedTags() {
    return unescaped;
  }

  /**
   * Builds the body for one call.
   *
   * @param scope the inputs (and {@code config}) of the call
   * @return the body, or empty when nothing in it is present
   */
  public Optional<JsonNode> render(JsonNode scope) {
    return Optional.ofNullable(root.render(scope));
  }

  private static Node compile(JsonNode tree, String path, Set<String> names, boolean[] raw) {
    if (tree.isObject()) {
      Map<String, Node> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), compile(e.getValue(), path + "." + e.getKey(), names, raw));
      }
      return new ObjectTemplate(fields);
    }
    if (tree.isArray()) {
      List<Node> items = new ArrayList<>();
      int i = 0;
      for (JsonNode item : tree) {
        items.add(compile(item, path + "[" + i++ + "]", names, raw));
      }
      return new ArrayTemplate(items);
    }
    if (tree.isTextual()) {
      Matcher single = SINGLE_TAG.matcher(tree.asText());
      if (single.matches()) {
        String name = single.group(1);
        names.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        return new ValueTag(name);
      }
      Template text;
      try {
        text = Template.parse(tree.asText());
      } catch (TemplateException e) {
        throw new TemplateException(path + ": " + e.getMessage());
      }
      if (text.isConstant()) {
        return new Literal(tree);
      }
      names.addAll(text.names());
      raw[0] |= text.hasUnescapedTags();
      return new TextTemplate(text);
    }
    return new Literal(tree);
  }

  private interface Node {
    /** Returns the rendered node, or null when absent. */
    JsonNode render(JsonNode scope);

    /** Tells whether this node can be absent (it depends on a value). */
    boolean dynamic();
  }

  private record Literal(JsonNode value) implements Node {
    @Override
    public JsonNode render(JsonNode scope) {
      return value.deepCopy();
    }

    @Override
    public boolean dynamic() {
      return false;
    }
  }

  private record ValueTag(String name) implements Node {
    @Override
    public JsonNode render(JsonNode scope) {
      JsonNode value = Template.lookup(name, scope);
      return value == null || value.isMissingNode() || value.isNull() ? null : value.deepCopy();
    }

    @Override
    public boolean dynamic() {
      return true;
    }
  }

  private record TextTemplate(Template template) implements Node {
    @Override
    public JsonNode render(JsonNode scope) {
      boolean anyPresent = false;
      for (String name : template.names()) {
        JsonNode value = Template.lookup(name, scope);
        anyPresent |= value != null && !value.isMissingNode() && !value.isNull();
      }
      return anyPresent ? F.textNode(template.render(scope, Escaper.NONE)) : null;
    }

    @Override
    public boolean dynamic() {
      return true;
    }
  }

  private record ObjectTemplate(Map<String, Node> fields) implements Node {
    @Override
    public JsonNode render(JsonNode scope) {
      ObjectNode out = F.objectNode();
      for (Map.Entry<String, Node> e : fields.entrySet()) {
        JsonNode value = e.getValue().render(scope);
        if (value != null) {
          out.set(e.getKey(), value);
        }
      }
      return out.isEmpty() && dynamic() ? null : out;
    }

    @Override
    public boolean dynamic() {
      return fields.values().stream().anyMatch(Node::dynamic);
    }
  }

  private record ArrayTemplate(List<Node> items) implements Node {
    @Override
    public JsonNode render(JsonNode scope) {
      ArrayNode out = F.arrayNode();
      for (Node item : items) {
        JsonNode value = item.render(scope);
        if (value != null) {
          out.add(value);
        }
      }
      return out.isEmpty() && dynamic() ? null : out;
    }

    @Override
    public boolean dynamic() {
      return items.stream().anyMatch(Node::dynamic);
    }
  }
}
