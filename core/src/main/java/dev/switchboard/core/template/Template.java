package dev.switchboard.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed Mustache template: immutable, thread-safe, rendered many times against JSON data.
 *
 * <p>Supports the Mustache specification's interpolation ({@code {{name}}}, dotted names, the implicit
 * iterator {@code {{.}}}), unescaped tags ({@code {{{name}}}} and {@code {{&name}}}), sections,
 * inverted sections, comments and set-delimiter tags, with the specification's standalone-line rules
 * (https://github.com/mustache/spec, v1.4). Partials are refused: a request template has nowhere to load
 * them from.
 *
 * <p>Escaping is chosen per render by an {@link Escaper}: the same template syntax encodes a value as a
 * path segment, a query component or a header value depending on where the template sits in a request.
 */
public final class Template {
  private final String source;
  private final List<Node> nodes;
  private final Set<String> names;
  private final boolean unescaped;

  private Template(String source, List<Node> nodes) {
    this.source = source;
    this.nodes = nodes;
    Set<String> collected = new LinkedHashSet<>();
    boolean[] raw = {false};
    collect(nodes, collected, raw);
    this.names = Collections.unmodifiableSet(collected);
    this.unescaped = raw[0];
  }

  /**
   * Parses a template.
   *
   * @param source the template text
   * @return the parsed template
   * @throws TemplateException for an unclosed tag, a mismatched or unopened section end, an empty tag
   *     name, a bad set-delimiter tag, or a partial; the message gives line and column
   */
  public static Template parse(String source) {
    return new Parser(source).parse();
  }

  /** Returns the text this template was parsed from. */
  public String source() {
    return source;
  }

  /**
   * Returns the first segment of every name the template looks up (for {@code {{user.id}}}, {@code user}),
   * in order of first appearance; the implicit iterator {@code .} is not included.
   */
  public Set<String> names() {
    return names;
  }

  /** Tells whether the template holds no tag that looks anything up (its output is always {@link #source()}'s text). */
  public boolean isConstant() {
    return names.isEmpty() && nodes.stream().allMatch(n -> n instanceof Text);
  }

  /** Tells whether the template holds an unescaped tag ({@code {{{x}}}} or {@code {{&x}}}), which bypasses the {@link Escaper}. */
  public boolean hasUnescapedTags() {
    return unescaped;
  }

  /**
   * Renders the template.
   *
   * @param data the root context: an object for named lookups, or any JSON value
   * @param escaper how escaped tags encode their values
   * @return the rendered text; a name that resolves to nothing renders as the empty string
   * @throws TemplateException when the escaper refuses a value; the message names the tag, never the value
   */
  public String render(JsonNode data, Escaper escaper) {
    StringBuilder out = new StringBuilder(source.length() + 32);
    Deque<JsonNode> stack = new ArrayDeque<>();
    stack.push(data == null ? MissingNode.getInstance() : data);
    render(nodes, stack, escaper, out);
    return out.toString();
  }

  /**
   * Looks a Mustache name up in a context stack, as the specification resolves it: {@code .} is the
   * top of the stack; otherwise the first segment is found in the nearest frame that has it and each
   * further segment only in its parent. A further segment that is a number indexes a list ({@code found.0.id}),
   * an extension of the specification for compound actions.
   *
   * @param name a name such as {@code user.profile.login} or {@code .}
   * @param root the root context
   * @return the value, or a missing node when the name does not resolve
   */
  public static JsonNode lookup(String name, JsonNode root) {
    Deque<JsonNode> stack = new ArrayDeque<>();
    stack.push(root);
    return lookup(name, stack);
  }

  @Override
  public String toString() {
    return source;
  }

  private static void collect(List<Node> nodes, Set<String> names, boolean[] raw) {
    for (Node node : nodes) {
      if (node instanceof Variable v) {
        addName(v.name, names);
        raw[0] |= !v.escaped;
      } else if (node instanceof Section s) {
        addName(s.name, names);
        collect(s.children, names, raw);
      } else if (!(node instanceof Text)) {
        throw new IllegalStateException("a template node of no known kind: " + node.getClass().getSimpleName());
      }
    }
  }

  private static void addName(String name, Set<String> names) {
    if (!name.equals(".")) {
      int dot = name.indexOf('.');
      names.add(dot < 0 ? name : name.substring(0, dot));
    }
  }

  private static void render(List<Node> nodes, Deque<JsonNode> stack, Escaper escaper, StringBuilder out) {
    for (Node node : nodes) {
      if (node instanceof Text t) {
        out.append(t.text);
      } else if (node instanceof Variable v) {
        String text = asText(lookup(v.name, stack));
        if (v.escaped) {
          try {
            text = escaper.escape(text);
          } catch (IllegalArgumentException e) {
            throw new TemplateException("{{" + v.name + "}}: " + e.getMessage());
          }
        }
        out.append(text);
      } else if (node instanceof Section s) {
        JsonNode value = lookup(s.name, stack);
        if (s.inverted) {
          if (isFalsey(value)) {
            render(s.children, stack, escaper, out);
          }
        } else if (!isFalsey(value)) {
          if (value.isArray()) {
            for (JsonNode item : value) {
              stack.push(item);
              render(s.children, stack, escaper, out);
              stack.pop();
            }
          } else {
            stack.push(value);
            render(s.children, stack, escaper, out);
            stack.pop();
          }
        }
      } else {
        throw new IllegalStateException("a template node of no known kind: " + node.getClass().getSimpleName());
      }
    }
  }

  private static JsonNode lookup(String name, Deque<JsonNode> stack) {
    if (name.equals(".")) {
      return stack.peek();
    }
    String[] parts = name.split("\\.", -1);
    JsonNode value = null;
    for (JsonNode frame : stack) {
      if (frame.isObject() && frame.has(parts[0])) {
        value = frame.get(parts[0]);
        break;
      }
    }
    if (value == null) {
      return MissingNode.getInstance();
    }
    for (int i = 1; i < parts.length; i++) {
      if (value.isArray() && parts[i].matches("\\d{1,9}") && Integer.parseInt(parts[i]) < value.size()) {
        value = value.get(Integer.parseInt(parts[i]));
        continue;
      }
      if (!value.isObject() || !value.has(parts[i])) {
        return MissingNode.getInstance();
      }
      value = value.get(parts[i]);
    }
    return value;
  }

  /**
   * Tells whether a value counts as false for a section: missing, null, {@code false} or an empty list,
   * as the Mustache specification says.
   *
   * @param value any JSON value
   * @return true when a section over it renders nothing and an inverted section renders its content
   */
  public static boolean isFalsey(JsonNode value) {
    return value == null || value.isMissingNode() || value.isNull()
        || (value.isBoolean() && !value.booleanValue()) || (value.isArray() && value.isEmpty());
  }

  private static String asText(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    return value.toString();
  }

  private sealed interface Node permits Text, Variable, Section {}

  private record Text(String text) implements Node {}

  private record Variable(String name, boolean escaped) implements Node {}

  private record Section(String name, boolean inverted, List<Node> children) implements Node {}

  private static final class Parser {
    private final String src;
    private String open = "{{";
    private String close = "}}";
    private int pos;

    Parser(String src) {
      this.src = src;
    }

    Template parse() {
      Deque<List<Node>> lists = new ArrayDeque<>();
      Deque<String> sectionNames = new ArrayDeque<>();
      Deque<Boolean> sectionInverted = new ArrayDeque<>();
      lists.push(new ArrayList<>());
      while (pos < src.length()) {
        int tagStart = src.indexOf(open, pos);
        if (tagStart < 0) {
          addText(lists.peek(), src.substring(pos));
          break;
        }
        int contentStart = tagStart + open.length();
        boolean triple = open.equals("{{") && contentStart < src.length() && src.charAt(contentStart) == '{';
        String closer = triple ? "}" + close : close;
        int closeIdx = src.indexOf(closer, contentStart);
        if (closeIdx < 0) {
          throw error(tagStart, "the tag opened here is never closed with '" + closer + "'");
        }
        int tagEnd = closeIdx + closer.length();
        String content = src.substring(contentStart, closeIdx).strip();
        char kind = triple ? '{' : content.isEmpty() ? ' ' : content.charAt(0);
        String name = switch (kind) {
          case '{' -> content.substring(1).strip();
          case '!', '#', '^', '/', '&', '>' -> content.substring(1).strip();
          case '=' -> content;
          default -> content;
        };
        int textEnd = tagStart;
        int next = tagEnd;
        if ("!#^/=>".indexOf(kind) >= 0) {
          int lineStart = src.lastIndexOf('\n', tagStart - 1) + 1;
          if (lineStart >= pos && isBlank(lineStart, tagStart)) {
            int after = tagEnd;
            while (after < src.length() && (src.charAt(after) == ' ' || src.charAt(after) == '\t')) {
              after++;
            }
            int lineEnd = -1;
            if (after == src.length()) {
              lineEnd = after;
            } else if (src.charAt(after) == '\n') {
              lineEnd = after + 1;
            } else if (src.startsWith("\r\n", after)) {
              lineEnd = after + 2;
            }
            if (lineEnd >= 0) {
              textEnd = lineStart;
              next = lineEnd;
            }
          }
        }
        addText(lists.peek(), src.substring(pos, textEnd));
        pos = next;
        switch (kind) {
          case '!' -> { }
          case '=' -> setDelimiters(tagStart, content);
          case '>' -> throw error(tagStart, "partials ({{>" + name + "}}) are not supported in Switchboard templates");
          case '#', '^' -> {
            requireName(tagStart, name);
            sectionNames.push(name);
            sectionInverted.push(kind == '^');
            lists.push(new ArrayList<>());
          }
          case '/' -> {
            if (sectionNames.isEmpty()) {
              throw error(tagStart, "{{/" + name + "}} closes a section that was never opened");
            }
            String opened = sectionNames.pop();
            if (!opened.equals(name)) {
              throw error(tagStart, "{{/" + name + "}} closes section '" + opened + "'; expected {{/" + opened + "}}");
            }
            List<Node> children = List.copyOf(lists.pop());
            lists.peek().add(new Section(opened, sectionInverted.pop(), children));
          }
          case '{', '&' -> {
            requireName(tagStart, name);
            lists.peek().add(new Variable(name, false));
          }
          default -> {
            requireName(tagStart, name);
            lists.peek().add(new Variable(name, true));
          }
        }
      }
      if (!sectionNames.isEmpty()) {
        throw new TemplateException("section '" + sectionNames.peek() + "' is never closed; add {{/" + sectionNames.peek() + "}}");
      }
      return new Template(src, List.copyOf(lists.pop()));
    }

    private void setDelimiters(int tagStart, String content) {
      if (content.length() < 2 || !content.endsWith("=")) {
        throw error(tagStart, "a set-delimiter tag looks like {{=<% %>=}}");
      }
      String[] parts = content.substring(1, content.length() - 1).strip().split("\\s+");
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || parts[0].contains("=") || parts[1].contains("=")) {
        throw error(tagStart, "a set-delimiter tag needs two delimiters without '=', like {{=<% %>=}}");
      }
      open = parts[0];
      close = parts[1];
    }

    private void requireName(int at, String name) {
      if (name.isEmpty()) {
        throw error(at, "a tag needs a name, like {{name}}");
      }
      if (!name.equals(".") && (name.startsWith(".") || name.endsWith(".") || name.contains(".."))) {
        throw error(at, "'" + name + "' is not a valid name; use letters, digits and '_' joined by single dots");
      }
    }

    private boolean isBlank(int from, int to) {
      for (int i = from; i < to; i++) {
        char c = src.charAt(i);
        if (c != ' ' && c != '\t') {
          return false;
        }
      }
      return true;
    }

    private static void addText(List<Node> list, String text) {
      if (!text.isEmpty()) {
        list.add(new Text(text));
      }
    }

    private TemplateException error(int offset, String message) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (src.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new TemplateException(message + " (template line " + line + ", column " + (offset - lineStart + 1) + ")");
    }
  }
}
