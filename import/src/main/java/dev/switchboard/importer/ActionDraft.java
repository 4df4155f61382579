package dev.switchboard.importer;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * An action being assembled by an importer, then written as {@code actions/NAME.yaml}. Importers fill it in as they
 * read their input; {@link #yaml()} writes it in the packs' style (fields in the order of docs/definitions.md,
 * short inputs on one line).
 */
public final class ActionDraft {
  private String name;
  private final List<String> comments = new ArrayList<>();
  private String title;
  private String description = "";
  private final String method;
  private String path;
  private final Map<String, String> query = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private JsonNode body;
  private final Map<String, Input> inputs = new LinkedHashMap<>();
  private ObjectNode pagination;
  private String records;
  private JsonNode outputSchema;
  private ObjectNode annotations;

  /**
   * One input of the action: a JSON Schema property plus its required flag.
   *
   * @param name the input's name
   * @param schema the schema (type first), without {@code required}
   * @param required whether a caller must give it
   */
  public record Input(String name, ObjectNode schema, boolean required) {}

  /**
   * Starts an action.
   *
   * @param name the action's name
   * @param method the HTTP method, upper case
   * @param path the path template, starting with {@code /}
   */
  public ActionDraft(String name, String method, String path) {
    this.name = name;
    this.title = Naming.title(name);
    this.method = method;
    this.path = path;
  }

  /** Returns the action's name. */
  public String name() {
    return name;
  }

  /** Renames the action (its title follows when it was the default). */
  public ActionDraft name(String value) {
    if (title.equals(Naming.title(name))) {
      title = Naming.title(value);
    }
    this.name = value;
    return this;
  }

  /** Returns the HTTP method. */
  public String method() {
    return method;
  }

  /** Returns the path template. */
  public String path() {
    return path;
  }

  /** Returns the input names taken so far (live view). */
  public Set<String> inputNames() {
    return Collections.unmodifiableSet(inputs.keySet());
  }

  /** Returns the inputs so far, in order. */
  public List<Input> inputs() {
    return List.copyOf(inputs.values());
  }

  /** Returns the query templates so far (name to template). */
  public Map<String, String> query() {
    return Collections.unmodifiableMap(query);
  }

  /** Adds a comment line at the top of the file. */
  public ActionDraft comment(String line) {
    comments.add(line);
    return this;
  }

  /** Sets the title. */
  public ActionDraft title(String value) {
    this.title = value;
    return this;
  }

  /** Sets the description (for a model: what it does, when to use it). */
  public ActionDraft description(String value) {
    this.description = value;
    return this;
  }

  /** Returns the description. */
  public String description() {
    return description;
  }

  /** Replaces the path template. */
  public ActionDraft path(String value) {
    this.path = value;
    return this;
  }

  /** Adds a query parameter template. */
  public ActionDraft query(String param, String template) {
    query.put(param, template);
    return this;
  }

  /** Adds a header template. */
  public ActionDraft header(String header, String template) {
    headers.put(header, template);
    return this;
  }

  /** Sets the JSON body template tree. */
  public ActionDraft body(JsonNode tree) {
    this.body = tree;
    return this;
  }

  /** Tells whether the action has a body. */
  public boolean hasBody() {
    return body != null;
  }

  /**
   * Adds an input.
   *
   * @param input the input; its name must not be taken
   * @return this
   */
  public ActionDraft input(Input input) {
    if (inputs.containsKey(input.name())) {
      throw new IllegalArgumentException("input " + input.name() + " is already declared");
    }
    inputs.put(input.name(), input);
    return this;
  }

  /** Returns the input of a name, if declared. */
  public Optional<Input> input(String inputName) {
    return Optional.ofNullable(inputs.get(inputName));
  }

  /** Sets the pagination block. */
  public ActionDraft pagination(ObjectNode value) {
    this.pagination = value;
    return this;
  }

  /** Tells whether pagination was declared. */
  public boolean paginated() {
    return pagination != null;
  }

  /** Sets where the records are in a page (a JMESPath expression). */
  public ActionDraft records(String expression) {
    this.records = expression;
    return this;
  }

  /** Sets the JSON Schema of the output, carried in the result (the YAML has no field for it). */
  public ActionDraft outputSchema(JsonNode schema) {
    this.outputSchema = schema;
    return this;
  }

  /** Returns the output schema, if known. */
  public Optional<JsonNode> outputSchema() {
    return Optional.ofNullable(outputSchema);
  }

  /** Sets the annotations, as written. */
  public ActionDraft annotations(boolean readOnly, boolean destructive, boolean idempotent) {
    ObjectNode a = YamlText.object();
    a.put("read_only", readOnly);
    if (!readOnly) {
      a.put("destructive", destructive);
    }
    a.put("idempotent", idempotent);
    this.annotations = a;
    return this;
  }

  /** Renders {@code actions/NAME.yaml}. */
  public String yaml() {
    return YamlText.document(comments, tree(), flow());
  }

  /** Returns the comment lines at the top of the file. */
  public List<String> comments() {
    return List.copyOf(comments);
  }

  /** Returns which paths of the tree may be written on one line: the inputs. */
  public java.util.function.Predicate<String> flow() {
    Set<String> flow = new LinkedHashSet<>();
    inputs.keySet().forEach(n -> flow.add("inputs." + n));
    return p -> flow.contains(p) || p.startsWith("inputs.") && p.indexOf('.', 7) > 0 || p.startsWith("body.") && p.endsWith("]");
  }

  /** Returns the tree {@code actions/NAME.yaml} is written from. */
  public ObjectNode tree() {
    ObjectNode root = YamlText.object();
    root.put("name", name);
    root.put("title", title);
    root.put("description", description);
    root.put("method", method);
    root.put("path", path);
    if (!query.isEmpty()) {
      ObjectNode q = root.putObject("query");
      query.forEach(q::put);
    }
    if (!headers.isEmpty()) {
      ObjectNode h = root.putObject("headers");
      headers.forEach(h::put);
    }
    if (body != null) {
      root.set("body", body);
    }
    if (!inputs.isEmpty()) {
      ObjectNode in = root.putObject("inputs");
      for (Input input : inputs.values()) {
        ObjectNode schema = YamlText.object();
        schema.set("type", input.schema().get("type"));
        if (input.required()) {
          schema.put("required", true);
        }
        if (input.schema().has("description")) {
          schema.set("description", input.schema().get("description"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = input.schema().properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!Set.of("type", "description", "examples").contains(e.getKey())) {
            schema.set(e.getKey(), e.getValue());
          }
        }
        if (input.schema().has("examples")) {
          schema.set("examples", input.schema().get("examples"));
        }
        in.set(input.name(), schema);
      }
    }
    if (pagination != null) {
      root.set("pagination", pagination);
    }
    if (records != null) {
      root.putObject("output").put("records", records);
    }
    if (annotations != null) {
      root.set("annotations", annotations);
    }
    return root;
  }
}
