package dev.switchboard.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Writes a definition tree as YAML the way the connector packs are written by hand: block mappings, short
 * mappings and lists on one line in flow style ({@code {type: string, required: true}}), long descriptions folded
 * ({@code >-}), strings plain when they cannot be misread and double-quoted otherwise (templates, numbers kept as
 * text, {@code yes}/{@code no}, anything with {@code : } or {@code #}). Every document is read back and compared
 * with the tree it came from, so what is written always means exactly what was intended.
 */
public final class YamlText {
  /** Lines are folded and flow mappings used up to this width, in characters. */
  static final int WIDTH = 118;
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9 _./@+()=:,'?!;%&*~-]*");
  private static final Pattern PLAIN_FLOW = Pattern.compile("[A-Za-z_/][A-Za-z0-9 _./@+()=-]*");
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

  private YamlText() {}

  /**
   * Writes one document.
   *
   * @param comments lines for the comment at the top, without {@code #}
   * @param root the tree, fields in the order to write them
   * @param flow which mappings and lists (by dotted path from the root, such as {@code inputs.limit}) may be written
   *     on one line when they fit
   * @return the YAML text, ending with a newline
   * @throws IllegalStateException when the text would not read back as the tree (a bug here, never the input's fault)
   */
  public static String document(List<String> comments, ObjectNode root, Predicate<String> flow) {
    StringBuilder out = new StringBuilder();
    for (String comment : comments) {
      String clean = comment.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip().replaceAll(" +", " ");
      for (String line : wrap(clean, WIDTH - 2)) {
        out.append("# ").append(line).append('\n');
      }
    }
    mapping(out, root, 0, "", flow);
    String text = out.toString();
    JsonNode back;
    try {
      back = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the YAML written does not parse: " + e.getOriginalMessage(), e);
    }
    if (!same(root, back)) {
      throw new IllegalStateException("the YAML written does not read back as the tree it came from:\n" + text);
    }
    return text;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!b.has(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static void mapping(StringBuilder out, ObjectNode node, int indent, String path, Predicate<String> flow) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      String prefix = " ".repeat(indent) + key(e.getKey()) + ":";
      value(out, prefix, e.getValue(), indent, childPath, flow);
    }
  }

  private static void value(StringBuilder out, String prefix, JsonNode value, int indent, String path, Predicate<String> flow) {
    if (value.isObject() || value.isArray()) {
      if (value.isEmpty()) {
        out.append(prefix).append(value.isObject() ? " {}" : " []").append('\n');
        return;
      }
      String inline = flow.test(path) ? flow(value) : null;
      if (inline != null && prefix.length() + 1 + inline.length() <= WIDTH) {
        out.append(prefix).append(' ').append(inline).append('\n');
      } else if (value.isObject()) {
        out.append(prefix).append('\n');
        mapping(out, (ObjectNode) value, indent + 2, path, flow);
      } else {
        out.append(prefix).append('\n');
        int i = 0;
        for (JsonNode item : value) {
          String itemPath = path + "[" + i++ + "]";
          if (item.isObject() && !item.isEmpty()) {
            String inlineItem = flow.test(itemPath) ? flow(item) : null;
            if (inlineItem != null && indent + 4 + inlineItem.length() <= WIDTH) {
              out.append(" ".repeat(indent + 2)).append("- ").append(inlineItem).append('\n');
            } else {
              StringBuilder nested = new StringBuilder();
              mapping(nested, (ObjectNode) item, indent + 4, itemPath, flow);
              out.append(" ".repeat(indent + 2)).append("- ").append(nested.substring(indent + 4));
            }
          } else {
            value(out, " ".repeat(indent + 2) + "-", item, indent + 2, itemPath, flow);
          }
        }
      }
      return;
    }
    if (value.isTextual() && value.asText().length() > 80 && prefix.length() + 3 + value.asText().length() > WIDTH
        && foldable(value.asText())) {
      out.append(prefix).append(" >-\n");
      for (String line : wrap(value.asText(), WIDTH - indent - 2)) {
        out.append(" ".repeat(indent + 2)).append(line).append('\n');
      }
      return;
    }
    out.append(prefix).append(' ').append(scalar(value, false)).append('\n');
  }

  /** Returns the node on one line in flow style, or null when it cannot be written so. */
  private static String flow(JsonNode node) {
    StringBuilder out = new StringBuilder();
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String v = e.getValue().isContainerNode() ? flow(e.getValue()) : scalar(e.getValue(), true);
        if (v == null) {
          return null;
        }
        out.append(first ? "" : ", ").append(key(e.getKey())).append(": ").append(v);
        first = false;
      }
      return out.append('}').toString();
    }
    if (node.isArray()) {
      out.append('[');
      boolean first = true;
      for (JsonNode item : node) {
        String v = item.isContainerNode() ? flow(item) : scalar(item, true);
        if (v == null) {
          return null;
        }
        out.append(first ? "" : ", ").append(v);
        first = false;
      }
      return out.append(']').toString();
    }
    return scalar(node, true);
  }

  /** Writes a scalar: numbers, booleans and null as they are; text plain when safe, else double-quoted. */
  static String scalar(JsonNode node, boolean inFlow) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    String text = node.asText();
    if (plain(text, inFlow)) {
      return text;
    }
    return quoted(text);
  }

  private static boolean plain(String text, boolean inFlow) {
    return !text.isEmpty() && (inFlow ? PLAIN_FLOW : PLAIN).matcher(text).matches() && !text.endsWith(" ") && !text.contains("  ")
        && !text.contains(": ") && !text.endsWith(":") && !(inFlow && text.contains(","))
        && !RESERVED.contains(text.toLowerCase(Locale.ROOT));
  }

  private static String key(String key) {
    return PLAIN_KEY.matcher(key).matches() && !RESERVED.contains(key.toLowerCase(Locale.ROOT)) ? key : quoted(key);
  }

  /** Double-quotes text with YAML's escapes. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff
              || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE) {
            out.append(c <= 0xffff ? String.format(Locale.ROOT, "\\u%04x", c) : String.format(Locale.ROOT, "\\U%08x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  private static boolean foldable(String text) {
    if (!text.equals(text.strip()) || text.contains("  ") || text.contains(" #") || text.contains("\u00a0")) {
      return false;
    }
    return text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && c != 0xfeff
        && Character.getType(c) != Character.FORMAT);
  }

  /** Wraps text on spaces into lines of at most {@code width} characters (a longer word gets a line of its own). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0 || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** Returns a new empty array node, for callers building trees. */
  public static ArrayNode array() {
    return YAML.createArrayNode();
  }

  /** Returns a new empty object node, for callers building trees. */
  public static ObjectNode object() {
    return YAML.createObjectNode();
  }
}
