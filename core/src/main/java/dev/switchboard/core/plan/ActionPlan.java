package dev.switchboard.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.InputDefinition;
import dev.switchboard.core.definition.Names;
import dev.switchboard.core.definition.SchemaValidators;
import dev.switchboard.core.output.OutputMapper;
import dev.switchboard.core.paging.Paginator;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.template.Escaper;
import dev.switchboard.core.template.Template;
import dev.switchboard.core.template.TemplateException;
import dev.switchboard.core.transport.RedirectInterceptor;
import dev.switchboard.core.transport.Request;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An action compiled once from its definition: input schema and validator, templates, output mapper and
 * paginator. Immutable and thread-safe; a call only {@link #bind binds} inputs and {@link #render renders}
 * the request, as Retrofit's request factories do.
 */
public final class ActionPlan {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The User-Agent sent with every request. */
  public static final String USER_AGENT = "switchboard/0.1";

  private final ConnectorDefinition connector;
  private final ActionDefinition action;
  private final ObjectNode inputSchema;
  private final JsonSchema validator;
  private final OutputMapper output;
  private final Paginator paginator;

  ActionPlan(ConnectorDefinition connector, ActionDefinition action) {
    this.connector = connector;
    this.action = action;
    this.inputSchema = buildSchema(action);
    this.validator = SchemaValidators.of(inputSchema);
    this.output = OutputMapper.of(connector.name() + "." + action.name(), action.output().records(), action.output().map());
    this.paginator = Paginator.of(action);
  }

  /** Returns the action's reference, {@code connector.action}, such as {@code tix.get_ticket}. */
  public String id() {
    return connector.name() + "." + action.name();
  }

  /** Returns the connector the action belongs to. */
  public ConnectorDefinition connector() {
    return connector;
  }

  /** Returns the action's definition. */
  public ActionDefinition definition() {
    return action;
  }

  /**
   * Returns the JSON Schema (draft 2020-12) of the action's inputs: an object with one property per input,
   * {@code required} listing the required ones, and no additional properties. A fresh copy each call.
   */
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }

  /** Returns the compiled output mapping. */
  public OutputMapper output() {
    return output;
  }

  /** Returns the compiled paginator. */
  public Paginator paginator() {
    return paginator;
  }

  /**
   * Converts an input given as text (on a command line) to the JSON value its type declares: an integer,
   * a number, {@code true}/{@code false}, JSON for arrays and objects (or comma-separated strings for an
   * array), the text itself for a string.
   *
   * @param name the input's name
   * @param text the text as typed
   * @return the JSON value
   * @throws ActionError (category validation) naming the input and the expected type when the text does not
   *     fit, or the input does not exist
   */
  public JsonNode parseInput(String name, String text) {
    InputDefinition input = input(name);
    JsonNodeFactory f = JsonNodeFactory.instance;
    try {
      switch (input.type()) {
        case "integer" -> {
          BigInteger value = new BigInteger(text.strip());
          return value.bitLength() < 64 ? f.numberNode(value.longValue()) : f.numberNode(value);
        }
        case "number" -> {
          return f.numberNode(new BigDecimal(text.strip()));
        }
        case "boolean" -> {
          String t = text.strip().toLowerCase(Locale.ROOT);
          if (t.equals("true") || t.equals("false")) {
            return f.booleanNode(t.equals("true"));
          }
          throw new NumberFormatException();
        }
        case "array" -> {
          if (text.strip().startsWith("[")) {
            return JSON.readTree(text);
          }
          ArrayNode out = f.arrayNode();
          for (String part : text.split(",")) {
            out.add(part.strip());
          }
          return out;
        }
        case "object" -> {
          JsonNode value = JSON.readTree(text);
          if (!value.isObject()) {
            throw new NumberFormatException();
          }
          return value;
        }
        default -> {
          return f.textNode(text);
        }
      }
    } catch (NumberFormatException | JsonProcessingException e) {
      throw invalid(name, "must be " + describeType(input) + "; got '" + abbreviate(text) + "'");
    }
  }

  /**
   * Validates a call's inputs against the input schema and fills in defaults.
   *
   * @param inputs input names to JSON values; a null value counts as absent
   * @return a new object holding every given input plus the default of every absent one
   * @throws ActionError (category validation) naming the first bad input, what was wrong and what is allowed;
   *     an unknown input name is reported with the closest known name
   */
  public ObjectNode bind(Map<String, JsonNode> inputs) {
    ObjectNode bound = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : inputs.entrySet()) {
      input(e.getKey());
      if (e.getValue() != null && !e.getValue().isNull() && !e.getValue().isMissingNode()) {
        bound.set(e.getKey(), e.getValue());
      }
    }
    for (InputDefinition input : action.inputs().values()) {
      if (!bound.has(input.name()) && input.defaultValue().isPresent()) {
        bound.set(input.name(), input.defaultValue().get().deepCopy());
      }
    }
    Set<ValidationMessage> errors = validator.validate(bound);
    if (!errors.isEmpty()) {
      ValidationMessage first = errors.stream()
          .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()).thenComparing(ValidationMessage::getError))
          .orElseThrow();
      String field = fieldOf(first);
      if ("required".equals(first.getType())) {
        InputDefinition missing = action.inputs().get(field);
        throw invalid(field, "is required" + (missing == null ? "" : " (" + describeType(missing)
            + (missing.description().isEmpty() ? "" : ": " + missing.description()) + ")"));
      }
      JsonNode given = bound.get(field);
      String location = first.getInstanceLocation().toString().replaceFirst("^(\\$\\.?|/)", "");
      String inner = location.length() > field.length() ? location.substring(field.length()).replaceFirst("^[./]", "") : "";
      String where = inner.isEmpty() ? "" : "at " + inner.replaceAll("^\\[?(\\d+)\\]?", "item $1") + ": ";
      String got = given == null ? "" : "; got " + abbreviate(given.toString());
      InputDefinition def = action.inputs().get(field);
      if ("format".equals(first.getType()) && def != null && def.schema().has("format")) {
        String format = def.schema().get("format").asText();
        String example = switch (format) {
          case "date-time" -> " (RFC 3339 / ISO-8601), such as 2024-03-01T00:00:00.000Z";
          case "date" -> ", such as 2024-03-01";
          case "email" -> ", such as ada@example.com";
          case "uri" -> ", such as https://example.com/x";
          default -> "";
        };
        throw invalid(field, where + "must be a " + format + example + got);
      }
      throw invalid(field, where + first.getError() + (def == null || !where.isEmpty() ? "" : " (expected " + describeType(def) + ")") + got);
    }
    return bound;
  }

  /**
   * Renders the request for bound inputs: the path with each value as one encoded segment, each query
   * parameter's whole rendered value encoded once as a query component (a parameter whose inputs are all
   * absent is dropped), headers refused if a value holds CR
   * or LF. Credentials are not added here.
   *
   * @param bound inputs from {@link #bind}
   * @param baseUrl the connector's base URL, already checked (scheme, host, no query)
   * @param config the connector's settings as a JSON object
   * @return the request
   * @throws ActionError (category validation) when a value cannot be placed where the template puts it,
   *     such as {@code ..} as a path segment or a line break in a header; (category bad_definition) when the
   *     rendered URL would leave the connector's host
   */
  public Request render(ObjectNode bound, URI baseUrl, JsonNode config) {
    ObjectNode scope = bound.deepCopy();
    scope.set("config", config);
    String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    int end = basePath.length();
    while (end > 0 && basePath.charAt(end - 1) == '/') {
      end--;
    }
    basePath = basePath.substring(0, end);
    String path = basePath + render(action.path(), scope, Escaper.PATH_SEGMENT, "path");
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, Template> q : action.query().entrySet()) {
      if (allAbsent(q.getValue(), bound)) {
        continue;
      }
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(Escaper.percentEncode(q.getKey())).append('=')
          .append(Escaper.percentEncode(render(q.getValue(), scope, Escaper.NONE, "query parameter " + q.getKey())));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of("application/json"));
    headers.put("User-Agent", List.of(USER_AGENT));
    for (Map.Entry<String, Template> h : connector.headers().entrySet()) {
      putHeader(headers, h.getKey(), render(h.getValue(), scope, Escaper.HEADER_VALUE, "header " + h.getKey()));
    }
    for (Map.Entry<String, Template> h : action.headers().entrySet()) {
      if (!allAbsent(h.getValue(), bound)) {
        putHeader(headers, h.getKey(), render(h.getValue(), scope, Escaper.HEADER_VALUE, "header " + h.getKey()));
      }
    }
    URI uri;
    try {
      uri = new URI(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path + (query.length() == 0 ? "" : "?" + query));
    } catch (URISyntaxException e) {
      throw ActionError.builder(ErrorCategory.BAD_DEFINITION, id(), id() + " renders an invalid URL: " + e.getReason()).build();
    }
    if (!sameOrigin(uri, baseUrl)) {
      throw ActionError.builder(ErrorCategory.BAD_DEFINITION, id(),
          id() + " would send a request outside " + baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + "; refused").build();
    }
    byte[] body = new byte[0];
    if (action.body().isPresent()) {
      JsonNode tree = action.body().get().render(scope).orElseGet(JsonNodeFactory.instance::objectNode);
      try {
        body = JSON.writeValueAsBytes(tree);
      } catch (JsonProcessingException e) {
        throw ActionError.builder(ErrorCategory.BAD_DEFINITION, id(), id() + " cannot write its JSON body: " + e.getOriginalMessage()).build();
      }
      putHeader(headers, "Content-Type", "application/json");
    }
    return new Request(action.method(), uri, headers, body);
  }

  /**
   * Tells whether two URIs share scheme, host and port (RFC 6454 origin), with default ports filled in.
   *
   * @param a a URI
   * @param b another URI
   * @return true when a request to {@code a} may carry credentials meant for {@code b}
   */
  public static boolean sameOrigin(URI a, URI b) {
    return RedirectInterceptor.sameOrigin(a, b);
  }

  private static void putHeader(Map<String, List<String>> headers, String name, String value) {
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    headers.put(name, List.of(value));
  }

  private String render(Template template, JsonNode scope, Escaper escaper, String where) {
    try {
      return template.render(scope, escaper);
    } catch (TemplateException e) {
      String name = template.names().stream().filter(n -> !n.equals("config")).findFirst().orElse(null);
      throw ActionError.builder(ErrorCategory.VALIDATION, id(),
              "input '" + (name == null ? "?" : name) + "' cannot be placed in the " + where + ": "
                  + e.getMessage().replaceFirst("^\\{\\{[^}]*\\}\\}: ", ""))
          .field(name).build();
    }
  }

  private static boolean allAbsent(Template template, ObjectNode bound) {
    boolean anyInput = false;
    for (String name : template.names()) {
      if (name.equals("config")) {
        continue;
      }
      anyInput = true;
      JsonNode value = bound.get(name);
      if (value != null && !value.isNull()) {
        return false;
      }
    }
    return anyInput;
  }

  private InputDefinition input(String name) {
    InputDefinition input = action.inputs().get(name);
    if (input == null) {
      List<String> known = new ArrayList<>(action.inputs().keySet());
      String hint = Names.closest(name, known).orElse(null);
      throw ActionError.builder(ErrorCategory.VALIDATION, id(),
              id() + " has no input '" + name + "'" + (hint == null ? "." : "; did you mean '" + hint + "'?")
                  + (known.isEmpty() ? " It takes no inputs." : " Its inputs: " + String.join(", ", known) + "."))
          .field(name).build();
    }
    return input;
  }

  private ActionError invalid(String field, String message) {
    return ActionError.builder(ErrorCategory.VALIDATION, id(), "input '" + field + "' " + message).field(field).build();
  }

  private static String fieldOf(ValidationMessage message) {
    if ("required".equals(message.getType()) && message.getProperty() != null) {
      return message.getProperty();
    }
    String name = message.getInstanceLocation().toString().replaceFirst("^(\\$\\.?|/)", "");
    if (name.isEmpty() && message.getProperty() != null) {
      return message.getProperty();
    }
    String[] parts = name.split("[./\\[]", 2);
    return parts[0];
  }

  private static String describeType(InputDefinition input) {
    JsonNode s = input.schema();
    StringBuilder out = new StringBuilder(switch (input.type()) {
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "array" -> "a list";
      case "object" -> "a JSON object";
      default -> "a string";
    });
    if (s.has("enum")) {
      out.append(" among ").append(s.get("enum"));
    }
    if (s.has("minimum") && s.has("maximum")) {
      out.append(" from ").append(s.get("minimum")).append(" to ").append(s.get("maximum"));
    } else if (s.has("minimum")) {
      out.append(" of at least ").append(s.get("minimum"));
    } else if (s.has("maximum")) {
      out.append(" of at most ").append(s.get("maximum"));
    }
    if (s.has("format")) {
      out.append(" in ").append(s.get("format").asText()).append(" format");
    }
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static ObjectNode buildSchema(ActionDefinition action) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode schema = f.objectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = f.arrayNode();
    for (InputDefinition input : action.inputs().values()) {
      properties.set(input.name(), input.schema().deepCopy());
      if (input.required()) {
        required.add(input.name());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }
}
