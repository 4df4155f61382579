package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The action editor's form, the other view of an action's YAML: method, path, query parameters and headers as
 * tables, body, inputs (type, description, example), pagination, output mapping and the read-only annotation. The
 * YAML is the source of truth: the form is read from it ({@link #of(String)}), and applying the form to it
 * ({@link #applyTo(String)}) changes only what the form shows, so fields the form does not show (error hints,
 * compound steps, an input's minimum) are kept.
 *
 * @param name the action's name
 * @param title its title
 * @param description its description
 * @param method its HTTP method
 * @param path its path template
 * @param query query parameter rows
 * @param headers header rows
 * @param body the body template as JSON text
 * @param inputs input rows
 * @param paginationType the pagination type, empty for none
 * @param pagination the pagination's fields
 * @param records the output's records expression
 * @param map the output's map expression
 * @param readOnly the read_only annotation: {@code true}, {@code false} or empty (from the method)
 */
public record ActionForm(String name, String title, String description, String method, String path, List<Row> query, List<Row> headers,
    String body, List<InputRow> inputs, String paginationType, Map<String, String> pagination, String records, String map,
    String readOnly) {
  /** The HTTP methods offered. */
  public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  /** The input types offered. */
  public static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "array", "object");
  private static final List<String> ORDER = List.of("name", "title", "description", "method", "path", "query", "headers", "body",
      "inputs", "pagination", "output", "annotations");

  /**
   * A name and a value (a query parameter or a header).
   *
   * @param name the name
   * @param value the template
   */
  public record Row(String name, String value) {}

  /**
   * An input.
   *
   * @param name its name
   * @param type its JSON type
   * @param required whether callers must give it
   * @param description what it is, for a model
   * @param example an example value (the first of {@code examples}), used by Test
   * @param shared the connector's shared input it uses, when it does
   */
  public record InputRow(String name, String type, boolean required, String description, String example, String shared) {}

  /** {@return the pagination kinds, from the definition schema} */
  public static List<SchemaForm.Kind> paginationKinds() {
    return SchemaForm.paginationKinds();
  }

  /** {@return the fields of the chosen pagination kind} */
  public List<SchemaForm.Field> paginationFields() {
    return SchemaForm.paginationKind(paginationType).map(SchemaForm.Kind::fields).orElse(List.of());
  }

  /** {@return a form with an empty row added to a table (query, headers or inputs)} */
  ActionForm withEmptyRow(String table) {
    List<Row> q = new ArrayList<>(query);
    List<Row> h = new ArrayList<>(headers);
    List<InputRow> in = new ArrayList<>(inputs);
    switch (table) {
      case "query" -> q.add(new Row("", ""));
      case "headers" -> h.add(new Row("", ""));
      case "inputs" -> in.add(new InputRow("", "string", false, "", "", ""));
      default -> { }
    }
    return new ActionForm(name, title, description, method, path, q, h, body, in, paginationType, pagination, records, map, readOnly);
  }

  /**
   * Reads the form of an action's YAML.
   *
   * @param yaml the text
   * @return the form
   * @throws IOException when the text is not YAML
   */
  static ActionForm of(String yaml) throws IOException {
    JsonNode root = AuthEdit.YAML.readTree(yaml);
    if (root == null || !root.isObject()) {
      root = AuthEdit.YAML.createObjectNode();
    }
    List<Row> query = rows(root.path("query"));
    List<Row> headers = rows(root.path("headers"));
    String body = root.has("body") ? pretty(root.path("body")) : "";
    List<InputRow> inputs = new ArrayList<>();
    root.path("inputs").fields().forEachRemaining(e -> {
      JsonNode in = e.getValue();
      JsonNode examples = in.path("examples");
      String example = examples.isArray() && !examples.isEmpty() ? exampleText(examples.get(0)) : in.has("example") ? exampleText(in.path("example")) : "";
      inputs.add(new InputRow(e.getKey(), in.path("type").asText(in.has("use") ? "" : "string"), in.path("required").asBoolean(false),
          in.path("description").asText(""), example, in.path("use").asText("")));
    });
    JsonNode p = root.path("pagination");
    Map<String, String> pagination = new LinkedHashMap<>();
    p.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("type")) {
        pagination.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
      }
    });
    JsonNode output = root.path("output");
    JsonNode ro = root.path("annotations").path("read_only");
    return new ActionForm(root.path("name").asText(""), root.path("title").asText(""), root.path("description").asText(""),
        root.path("method").asText("GET"), root.path("path").asText(""), query, headers, body, inputs, p.path("type").asText(""),
        pagination, output.path("records").asText(""), output.path("map").asText(""), ro.isBoolean() ? String.valueOf(ro.asBoolean()) : "");
  }

  /**
   * Reads the form from a request's fields.
   *
   * @param ctx the request
   * @return the form
   */
  static ActionForm of(Context ctx) {
    List<Row> query = rows(ctx.formParams("query.name"), ctx.formParams("query.value"));
    List<Row> headers = rows(ctx.formParams("headers.name"), ctx.formParams("headers.value"));
    List<String> names = ctx.formParams("input.name");
    List<InputRow> inputs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      inputs.add(new InputRow(names.get(i).strip(), at(ctx.formParams("input.type"), i), "true".equals(at(ctx.formParams("input.required"), i)),
          at(ctx.formParams("input.description"), i), at(ctx.formParams("input.example"), i), at(ctx.formParams("input.use"), i)));
    }
    Map<String, String> pagination = new LinkedHashMap<>();
    ctx.formParamMap().forEach((k, v) -> {
      if (k.startsWith("pagination.") && !v.isEmpty()) {
        pagination.put(k.substring("pagination.".length()), v.get(0));
      }
    });
    return new ActionForm(field(ctx, "name"), field(ctx, "title"), field(ctx, "description"), field(ctx, "method").isEmpty() ? "GET"
        : field(ctx, "method"), field(ctx, "path"), query, headers, Optional.ofNullable(ctx.formParam("body")).orElse(""), inputs,
        field(ctx, "pagination_type"), pagination, field(ctx, "output.records"), field(ctx, "output.map"), field(ctx, "read_only"));
  }

  /**
   * Applies the form to an action's YAML: the fields the form shows are replaced, the others kept.
   *
   * @param yaml the current text (when it is not YAML, the form alone)
   * @return the new text
   */
  String applyTo(String yaml) {
    ObjectNode root;
    try {
      JsonNode n = AuthEdit.YAML.readTree(yaml);
      root = n != null && n.isObject() ? (ObjectNode) n : AuthEdit.YAML.createObjectNode();
    } catch (IOException e) {
      root = AuthEdit.YAML.createObjectNode();
    }
    ObjectNode out = AuthEdit.YAML.createObjectNode();
    put(out, "name", name);
    put(out, "title", title);
    put(out, "description", description);
    put(out, "method", method);
    put(out, "path", path);
    ObjectNode q = table(query);
    if (!q.isEmpty()) {
      out.set("query", q);
    }
    ObjectNode h = table(headers);
    if (!h.isEmpty()) {
      out.set("headers", h);
    }
    if (!body.isBlank()) {
      out.set("body", parseLoose(body));
    }
    ObjectNode ins = AuthEdit.YAML.createObjectNode();
    JsonNode before = root.path("inputs");
    for (InputRow r : inputs) {
      if (r.name().isEmpty()) {
        continue;
      }
      ObjectNode in = before.path(r.name()).isObject() ? ((ObjectNode) before.path(r.name())).deepCopy() : AuthEdit.YAML.createObjectNode();
      ObjectNode next = AuthEdit.YAML.createObjectNode();
      if (!r.shared().isEmpty()) {
        next.put("use", r.shared());
      }
      if (!r.type().isEmpty() && (r.shared().isEmpty() || in.has("type"))) {
        next.put("type", r.type());
      }
      if (r.required()) {
        next.put("required", true);
      }
      if (!r.description().isBlank()) {
        next.put("description", r.description().strip());
      }
      if (!r.example().isBlank()) {
        next.putArray("examples").add(typed(r.type(), r.example()));
      }
      in.fields().forEachRemaining(e -> {
        if (!List.of("use", "type", "required", "description", "examples", "example").contains(e.getKey())) {
          next.set(e.getKey(), e.getValue());
        }
      });
      ins.set(r.name(), next);
    }
    if (!ins.isEmpty()) {
      out.set("inputs", ins);
    }
    if (!paginationType.isEmpty() && !paginationType.equals("none")) {
      ObjectNode p = out.putObject("pagination").put("type", paginationType);
      for (SchemaForm.Field f : paginationFields()) {
        String v = pagination.getOrDefault(f.name(), "").strip();
        if (!v.isEmpty()) {
          p.set(f.name(), v.matches("-?\\d{1,9}") ? AuthEdit.YAML.getNodeFactory().numberNode(Integer.parseInt(v))
              : AuthEdit.YAML.getNodeFactory().textNode(v));
        }
      }
    }
    ObjectNode output = root.path("output").isObject() ? ((ObjectNode) root.path("output")).deepCopy() : AuthEdit.YAML.createObjectNode();
    output.remove("records");
    output.remove("map");
    if (!records.isBlank()) {
      output.put("records", records.strip());
    }
    if (!map.isBlank()) {
      output.put("map", map.strip());
    }
    if (!output.isEmpty()) {
      out.set("output", output);
    }
    ObjectNode annotations = root.path("annotations").isObject() ? ((ObjectNode) root.path("annotations")).deepCopy() : AuthEdit.YAML.createObjectNode();
    annotations.remove("read_only");
    if (!readOnly.isEmpty()) {
      annotations.put("read_only", Boolean.parseBoolean(readOnly));
    }
    if (!annotations.isEmpty()) {
      out.set("annotations", annotations);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!ORDER.contains(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    }
    try {
      return AuthEdit.YAML.writeValueAsString(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return an input's example as the JSON value of its type (a number for an integer), or the text} */
  static JsonNode typed(String type, String example) {
    String v = example.strip();
    try {
      return switch (type) {
        case "integer" -> AuthEdit.YAML.getNodeFactory().numberNode(Long.parseLong(v));
        case "number" -> AuthEdit.YAML.getNodeFactory().numberNode(Double.parseDouble(v));
        case "boolean" -> v.equals("true") || v.equals("false") ? AuthEdit.YAML.getNodeFactory().booleanNode(Boolean.parseBoolean(v))
            : AuthEdit.YAML.getNodeFactory().textNode(v);
        case "array", "object" -> Json.MAPPER.readTree(v);
        default -> AuthEdit.YAML.getNodeFactory().textNode(example);
      };
    } catch (NumberFormatException | IOException e) {
      return AuthEdit.YAML.getNodeFactory().textNode(example);
    }
  }

  private static JsonNode parseLoose(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      try {
        JsonNode n = AuthEdit.YAML.readTree(text);
        return n == null ? AuthEdit.YAML.getNodeFactory().textNode(text) : n;
      } catch (IOException e2) {
        return AuthEdit.YAML.getNodeFactory().textNode(text);
      }
    }
  }

  private static String pretty(JsonNode body) {
    try {
      return body.isTextual() ? body.asText() : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body);
    } catch (IOException e) {
      return body.toString();
    }
  }

  private static String exampleText(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static List<Row> rows(JsonNode map) {
    List<Row> out = new ArrayList<>();
    map.fields().forEachRemaining(e -> out.add(new Row(e.getKey(), e.getValue().asText())));
    return out;
  }

  private static List<Row> rows(List<String> names, List<String> values) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(new Row(names.get(i).strip(), at(values, i)));
    }
    return out;
  }

  private static ObjectNode table(List<Row> rows) {
    ObjectNode o = AuthEdit.YAML.createObjectNode();
    rows.stream().filter(r -> !r.name().isEmpty()).forEach(r -> o.put(r.name(), r.value()));
    return o;
  }

  private static void put(ObjectNode o, String name, String value) {
    if (value != null && !value.isBlank()) {
      o.put(name, value.strip());
    }
  }

  private static String at(List<String> list, int i) {
    return i < list.size() ? list.get(i) : "";
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
  }

  /** The studio's JSON mapper. */
  static final class Json {
    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private Json() {}
  }

  /** {@return the example inputs Test sends: each input's example, typed} */
  static ObjectNode examples(String yaml) {
    ObjectNode out = AuthEdit.YAML.createObjectNode();
    try {
      JsonNode root = AuthEdit.YAML.readTree(yaml);
      if (root == null) {
        return out;
      }
      root.path("inputs").fields().forEachRemaining(e -> {
        JsonNode examples = e.getValue().path("examples");
        if (examples.isArray() && !examples.isEmpty()) {
          out.set(e.getKey(), examples.get(0));
        }
      });
    } catch (IOException e) {
      return out;
    }
    return out;
  }
}
