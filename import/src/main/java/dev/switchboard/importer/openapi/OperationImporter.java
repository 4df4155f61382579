package dev.switchboard.importer.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.transport.HeaderFields;
import dev.switchboard.importer.ActionDraft;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.Naming;
import dev.switchboard.importer.Texts;
import dev.switchboard.importer.YamlText;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one OpenAPI operation into an action: its parameters into inputs placed in the path, query and headers (with
 * their types, enums, required flags, descriptions and examples), its JSON request body into a body template with
 * inputs, its success response into the output's records and schema, and its paging into a {@code pagination:}
 * block where the document tells how it pages (a {@code Link} response header, or an {@code after} cursor described
 * as coming from the Link header), with a note where it cannot tell.
 */
final class OperationImporter {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
  private static final Set<String> LIST_FIELDS = Set.of("data", "items", "results", "values", "records", "entries", "elements");

  private final OpenAPI api;
  private final Schemas schemas;
  private final Set<String> authHeaders;
  private final Set<String> authParams;
  private final List<Finding> findings;

  OperationImporter(OpenAPI api, Schemas schemas, Set<String> authHeaders, Set<String> authParams, List<Finding> findings) {
    this.api = api;
    this.schemas = schemas;
    this.authHeaders = authHeaders;
    this.authParams = authParams;
    this.findings = findings;
  }

  ActionDraft run(String name, String method, String path, PathItem item, Operation op) {
    String subject = "action " + name;
    ActionDraft action = new ActionDraft(name, method, "/");
    action.comment(method + " " + path + " (operation " + (op.getOperationId() == null ? "without an operationId" : op.getOperationId())
        + " in " + (api.getInfo() == null ? "the OpenAPI document" : api.getInfo().getTitle() + " " + api.getInfo().getVersion()) + ")");
    if (op.getSummary() != null && !op.getSummary().isBlank()) {
      action.title(Texts.plain(op.getSummary(), 80));
    }
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    for (List<Parameter> list : java.util.Arrays.asList(item.getParameters(), op.getParameters())) {
      if (list != null) {
        for (Parameter p : list) {
          Parameter r = parameter(p);
          if (r != null && r.getName() != null && r.getIn() != null) {
            parameters.put(r.getIn() + ":" + r.getName(), r);
          }
        }
      }
    }
    Set<String> taken = new HashSet<>();
    Map<String, String> pathInputs = new LinkedHashMap<>();
    Matcher m = PATH_PARAM.matcher(path);
    StringBuilder template = new StringBuilder();
    while (m.find()) {
      String param = m.group(1);
      String input = Naming.unique(Naming.snake(param, "id"), taken);
      pathInputs.put(param, input);
      m.appendReplacement(template, Matcher.quoteReplacement("{{" + input + "}}"));
      Parameter declared = parameters.get("path:" + param);
      String declaredType = declared == null ? null : schemas.type(declared.getSchema());
      add(action, input, declared, declaredType == null || declaredType.equals("object") || declaredType.equals("array")
          ? "string" : declaredType, true);
      if (declared == null) {
        findings.add(Finding.guessed("input " + input, "the path parameter {" + param + "} of " + name + " is not declared;"
            + " it became a required string input"));
      }
    }
    m.appendTail(template);
    action.path(template.toString());
    List<String> skipped = new ArrayList<>();
    for (Parameter p : parameters.values()) {
      String in = p.getIn();
      if (in.equals("path")) {
        continue;
      }
      if (in.equals("cookie")) {
        skipped.add(p.getName() + " (a cookie)");
        continue;
      }
      if (in.equals("header") && (authHeaders.contains(p.getName().toLowerCase(Locale.ROOT)) || !HeaderFields.validName(p.getName())
          || HeaderFields.restricted(p.getName()) || p.getName().equalsIgnoreCase("content-type") || p.getName().equalsIgnoreCase("accept"))) {
        skipped.add(p.getName() + " (a header the engine or the auth config sets)");
        continue;
      }
      if (in.equals("query") && authParams.contains(p.getName())) {
        continue;
      }
      String type = schemas.type(p.getSchema());
      if ("object".equals(type)) {
        skipped.add(p.getName() + " (an object in the " + in + ", which an action cannot spread into parameters)");
        continue;
      }
      String input = Naming.unique(Naming.snake(p.getName(), "param"), taken);
      boolean list = "array".equals(type);
      add(action, input, p, list ? "string" : type == null ? "string" : type, Boolean.TRUE.equals(p.getRequired()));
      if (list) {
        findings.add(Finding.guessed("input " + input, "the " + in + " parameter " + p.getName() + " of " + name + " is a list;"
            + " the input is a string of comma-separated values, as form-style parameters are written"));
      }
      if (in.equals("query")) {
        action.query(p.getName(), "{{" + input + "}}");
      } else {
        action.header(p.getName(), "{{" + input + "}}");
      }
    }
    if (!skipped.isEmpty()) {
      findings.add(Finding.ignored(subject, "parameters not imported: " + String.join(", ", skipped)));
    }
    body(action, op, subject, taken);
    Optional<Schema> output = response(action, op, subject);
    pagination(action, op, subject, parameters);
    String description = Texts.describe(op.getSummary(), op.getDescription(), 600);
    if (description.isEmpty()) {
      description = "Sends " + method + " " + path + ".";
      findings.add(Finding.leftToUser(subject, "the operation has no summary or description; describe the action for a model"));
    }
    if (Boolean.TRUE.equals(op.getDeprecated())) {
      description = "Deprecated. " + description;
    }
    action.description(description + returns(output));
    switch (method) {
      case "GET", "HEAD" -> action.annotations(true, false, true);
      case "DELETE" -> action.annotations(false, true, true);
      case "PUT" -> action.annotations(false, false, true);
      default -> action.annotations(false, false, false);
    }
    return action;
  }

  private String returns(Optional<Schema> output) {
    if (output.isEmpty()) {
      return "";
    }
    Schema s = output.get();
    Schema resolved = schemas.resolve(s);
    if (resolved != null && "array".equals(schemas.type(resolved)) && resolved.getItems() != null) {
      return Schemas.refName(resolved.getItems()).map(n -> " Output: a list of " + n + ".").orElse("");
    }
    return Schemas.refName(s).map(n -> " Output: " + n + ".").orElse("");
  }

  private Parameter parameter(Parameter p) {
    Parameter r = p;
    for (int i = 0; r != null && r.get$ref() != null && i < 16; i++) {
      String ref = r.get$ref();
      Map<String, Parameter> all = api.getComponents() == null ? null : api.getComponents().getParameters();
      r = all == null ? null : all.get(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return r;
  }

  private void add(ActionDraft action, String input, Parameter p, String type, boolean required) {
    ObjectNode schema = p == null ? YamlText.object().put("type", type) : schemas.convert(p.getSchema(), type, 0);
    if (!type.equals(schema.path("type").asText())) {
      ObjectNode typed = YamlText.object().put("type", type);
      for (Map.Entry<String, JsonNode> e : schema.properties()) {
        if (!Set.of("type", "enum", "items", "minItems", "maxItems", "uniqueItems").contains(e.getKey())) {
          typed.set(e.getKey(), e.getValue());
        }
      }
      schema = typed;
    }
    if (p != null) {
      String description = Texts.plain(p.getDescription(), 300);
      if (!description.isEmpty()) {
        schema.put("description", description);
      }
      Schema ps = schemas.resolve(p.getSchema());
      if (ps != null && ps.getDefault() != null && schema.path("description").asText().indexOf("Default") < 0) {
        String before = schema.path("description").asText().strip();
        String sep = before.isEmpty() || before.matches("(?s).*[.!?]$") ? " " : ". ";
        schema.put("description", (before + sep + "Default: " + ps.getDefault() + ".").strip());
      }
      Optional<JsonNode> example = Schemas.example(p.getExample(), type);
      if (example.isEmpty() && p.getExamples() != null) {
        example = p.getExamples().values().stream().map(e -> Schemas.example(e.getValue(), type)).flatMap(Optional::stream).findFirst();
      }
      if (example.isEmpty() && ps != null) {
        example = Schemas.example(ps.getExample(), type);
      }
      if (example.isPresent()) {
        schema.putArray("examples").add(example.get());
      }
    }
    action.input(new ActionDraft.Input(input, schema, required));
  }

  private void body(ActionDraft action, Operation op, String subject, Set<String> taken) {
    RequestBody body = requestBody(op.getRequestBody());
    if (body == null || body.getContent() == null || body.getContent().isEmpty()) {
      return;
    }
    Map.Entry<String, MediaType> json = json(body.getContent());
    if (json == null) {
      findings.add(Finding.leftToUser(subject, "the request body is " + String.join(" or ", body.getContent().keySet())
          + ", which Switchboard actions cannot send (they send JSON); the action was imported without it and will not"
          + " work until it is sent another way"));
      return;
    }
    if (!json.getKey().equals("application/json")) {
      findings.add(Finding.guessed(subject, "the request body is " + json.getKey() + "; the engine sends it as application/json"));
    }
    Schema schema = schemas.resolve(json.getValue().getSchema());
    String type = schema == null ? null : schemas.shape(schema).type();
    if (schema == null || !("object".equals(type) || "array".equals(type))) {
      findings.add(Finding.leftToUser(subject, "the request body is a JSON " + (type == null ? "value of no stated type" : type)
          + ", which an action cannot build from inputs (it sends an object or a list); the action was imported without it"));
      return;
    }
    SchemaBody builder = new SchemaBody(schemas, action, taken, findings, subject);
    JsonNode tree = "array".equals(type) ? builder.list(schema, Boolean.TRUE.equals(body.getRequired()))
        : builder.object(schema, Boolean.TRUE.equals(body.getRequired()));
    action.body(tree);
  }

  private RequestBody requestBody(RequestBody b) {
    RequestBody r = b;
    for (int i = 0; r != null && r.get$ref() != null && i < 16; i++) {
      String ref = r.get$ref();
      Map<String, RequestBody> all = api.getComponents() == null ? null : api.getComponents().getRequestBodies();
      r = all == null ? null : all.get(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return r;
  }

  private static Map.Entry<String, MediaType> json(Content content) {
    for (Map.Entry<String, MediaType> e : content.entrySet()) {
      String t = e.getKey().toLowerCase(Locale.ROOT).replaceFirst(";.*", "").strip();
      if (t.equals("application/json") || t.endsWith("+json") || t.equals("*/*") && content.size() == 1) {
        return e;
      }
    }
    return null;
  }

  private ApiResponse success(Operation op) {
    if (op.getResponses() == null) {
      return null;
    }
    for (String code : List.of("200", "201", "202", "203", "206", "2XX", "2xx")) {
      ApiResponse r = response(op.getResponses().get(code));
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private ApiResponse response(ApiResponse r) {
    ApiResponse out = r;
    for (int i = 0; out != null && out.get$ref() != null && i < 16; i++) {
      String ref = out.get$ref();
      Map<String, ApiResponse> all = api.getComponents() == null ? null : api.getComponents().getResponses();
      out = all == null ? null : all.get(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return out;
  }

  private Optional<Schema> response(ActionDraft action, Operation op, String subject) {
    ApiResponse r = success(op);
    if (r == null || r.getContent() == null) {
      return Optional.empty();
    }
    Map.Entry<String, MediaType> json = json(r.getContent());
    if (json == null || json.getValue().getSchema() == null) {
      return Optional.empty();
    }
    Schema declared = json.getValue().getSchema();
    Schema schema = schemas.resolve(declared);
    String type = schemas.type(schema);
    action.outputSchema(schemas.convert(schema, type == null ? "object" : type, 1));
    if ("array".equals(type)) {
      action.records("@");
    } else if ("object".equals(type)) {
      Schemas.Shape shape = schemas.shape(schema);
      List<String> lists = shape.properties().entrySet().stream()
          .filter(e -> LIST_FIELDS.contains(e.getKey()) && "array".equals(schemas.type(e.getValue()))).map(Map.Entry::getKey).toList();
      if (lists.size() == 1) {
        action.records(lists.get(0));
        findings.add(Finding.guessed(subject, "the response wraps its list in '" + lists.get(0) + "': output.records is "
            + lists.get(0)));
      }
    }
    return Optional.of(declared);
  }

  private void pagination(ActionDraft action, Operation op, String subject, Map<String, Parameter> parameters) {
    if (!action.method().equals("GET")) {
      return;
    }
    Map<String, String> byParam = new LinkedHashMap<>();
    action.query().forEach((param, tpl) -> byParam.put(param.toLowerCase(Locale.ROOT), tpl.replaceAll("[{}]", "")));
    ApiResponse success = success(op);
    boolean linkHeader = success != null && success.getHeaders() != null
        && success.getHeaders().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("link"));
    Parameter after = parameters.get("query:after");
    boolean afterFromLink = after != null && after.getDescription() != null
        && after.getDescription().matches("(?is).*(link|next).*");
    ObjectNode p = YamlText.object();
    if (linkHeader || afterFromLink) {
      p.put("type", "link_header");
      if (byParam.containsKey("after")) {
        p.put("cursor_param", byParam.get("after"));
      }
      limit(action, p, byParam, "limit", "per_page", "page_size");
      findings.add(Finding.guessed(subject, linkHeader ? "the response declares a Link header: pagination type link_header"
          : "the after parameter is a cursor from the Link header (as its description says): pagination type link_header"));
      action.pagination(p);
      return;
    }
    if (byParam.containsKey("page") && integer(action, byParam.get("page"))) {
      p.put("type", "page_number").put("page_param", byParam.get("page"));
      limit(action, p, byParam, "per_page", "page_size", "pagesize", "limit", "size");
      findings.add(Finding.guessed(subject, "a numeric page parameter: pagination type page_number; check that pages start at 1"));
      action.pagination(p);
      return;
    }
    if (byParam.containsKey("offset") && integer(action, byParam.get("offset"))) {
      p.put("type", "offset").put("offset_param", byParam.get("offset"));
      limit(action, p, byParam, "limit", "count", "size");
      findings.add(Finding.guessed(subject, "a numeric offset parameter: pagination type offset"));
      action.pagination(p);
      return;
    }
    for (String cursor : List.of("after", "cursor", "starting_after", "page_token", "pagetoken", "next_token", "nexttoken",
        "continuation", "marker", "next", "pagecursor")) {
      if (byParam.containsKey(cursor)) {
        findings.add(Finding.leftToUser(subject, "the parameter " + cursor + " looks like a page cursor, but the document does"
            + " not say where the next one comes from (a Link header, a field of the body); declare pagination: by hand"));
        return;
      }
    }
  }

  private static boolean integer(ActionDraft action, String input) {
    return action.input(input).map(i -> i.schema().path("type").asText().equals("integer")).orElse(false);
  }

  private static void limit(ActionDraft action, ObjectNode p, Map<String, String> byParam, String... names) {
    for (String n : names) {
      if (byParam.containsKey(n) && integer(action, byParam.get(n))) {
        p.put("limit_param", byParam.get(n));
        return;
      }
    }
  }
}
