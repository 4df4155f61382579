package dev.switchboard.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.transport.HeaderFields;
import dev.switchboard.core.secret.Secret;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one request (from cURL, Invoke-WebRequest or a Postman request) into a connector and an action: the base
 * URL becomes a setting, the credentials an auth config with the secret taken out, the path's ids and placeholders
 * required inputs, the query parameters and JSON body fields optional typed inputs with the request's values as
 * examples, and the remaining headers constant headers (or inputs, for placeholders). Every choice is reported.
 */
public final class RequestImporter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BROWSER_HEADERS = Set.of("accept-language", "accept-encoding", "cache-control", "pragma",
      "priority", "referer", "origin", "user-agent", "dnt", "upgrade-insecure-requests", "connection", "host", "content-length",
      "te", "x-requested-with", "if-none-match", "if-modified-since", "purpose", "alt-used", "sec-gpc", "baggage",
      "sentry-trace", "traceparent", "tracestate", "x-okta-user-agent-extended", "postman-token", "keep-alive", "expect");
  private static final Set<String> SESSION_HEADERS = Set.of("cookie", "x-csrf-token", "x-xsrf-token", "x-okta-xsrftoken",
      "x-csrftoken", "x-xsrftoken");

  private final RequestSpec spec;
  private final ImportOptions options;
  private final List<Finding> findings = new ArrayList<>();

  private RequestImporter(RequestSpec spec, ImportOptions options) {
    this.spec = spec;
    this.options = options;
    this.findings.addAll(spec.notes());
  }

  /**
   * Imports one request.
   *
   * @param spec the request
   * @param options names chosen by the caller
   * @return the connector, the action, the secrets found and the report
   * @throws ImportException when the request cannot be an action (a form or multipart body, a GET with a body, a
   *     body that is not valid JSON, a name that is not valid)
   */
  public static ImportResult run(RequestSpec spec, ImportOptions options) {
    Part part = part(spec, options, Optional.empty());
    return finish(part.connector(), List.of(part.action()), part.secrets(), part.findings());
  }

  /**
   * The drafts one request makes, before they are written: for importers that gather several requests into one
   * connector (a Postman collection).
   *
   * @param connector the connector draft
   * @param action the action draft
   * @param secrets the secrets found
   * @param findings the report
   */
  public record Part(ConnectorDraft connector, ActionDraft action, List<Secret> secrets, List<Finding> findings) {}

  /**
   * Makes the drafts of one request.
   *
   * @param spec the request
   * @param options names chosen by the caller
   * @param description the action's description when the input gave one
   * @return the drafts
   * @throws ImportException as {@link #run(RequestSpec, ImportOptions)}
   */
  public static Part part(RequestSpec spec, ImportOptions options, Optional<String> description) {
    RequestImporter importer = new RequestImporter(spec, options);
    importer.description = description;
    return importer.build();
  }

  private Optional<String> description = Optional.empty();

  private Part build() {
    UrlParts url = UrlParts.parse(spec.url());
    if (!url.schemeGiven()) {
      findings.add(Finding.guessed("base URL", "the URL has no scheme; https:// was assumed"));
    }
    boolean okta = Hosts.okta(url.host());
    String connector = options.connector().map(n -> checkName(n, "connector")).orElseGet(() ->
        Hosts.connectorName(url.host(), options.reservedConnectors(), findings));
    Setting base = baseUrl(url, connector, okta);
    AuthDetection.Outcome auth = AuthDetection.detect(spec, url, connector, okta);
    findings.addAll(auth.findings());

    ActionDraft action = new ActionDraft("action", spec.method(), "/");
    List<PathTemplate.Segment> segments = PathTemplate.build(url, action, findings);
    action.path(PathTemplate.text(segments, url.trailingSlash()));
    String name = options.action().map(n -> checkName(n, "action")).orElseGet(() -> ActionNaming.name(spec.method(), segments));
    action.name(name);
    if (options.action().isEmpty()) {
      findings.add(Finding.guessed("action " + name, "named after " + spec.method() + " " + action.path() + "; choose another"
          + " name").onCommandLine("with --name"));
    }
    query(url, auth.queryParam(), action);
    headers(auth.headers(), action);
    body(action);
    pagination(url, okta, action);
    describe(action, url, okta, connector);

    List<Setting> settings = new ArrayList<>();
    settings.add(base);
    settings.addAll(auth.settings());
    ConnectorDraft draft = new ConnectorDraft(connector, okta ? "Okta" : Naming.title(connector),
        (okta ? "An Okta org (" : "The API at ") + base.example() + (okta ? ")" : "") + ", imported from " + spec.source() + ".",
        List.of("Imported from " + spec.source() + ": " + spec.method() + " " + base.example() + action.path()),
        "{{config." + base.name() + "}}", settings, auth.auth(), Map.of(), okta ? Optional.of("okta") : Optional.empty());
    if (okta) {
      findings.add(Finding.guessed("connector " + connector, "an Okta org: sandbox: okta lets it run against the built-in"
          + " Okta sandbox while " + base.env() + " and the token are not set"));
    }
    return new Part(draft, action, auth.secrets(), findings);
  }

  /**
   * Writes the drafts as YAML, checks that no secret value appears in them, and loads them with the engine's loader.
   *
   * @param connector the connector
   * @param actions its actions
   * @param secrets the secrets found
   * @param findings the report
   * @return the result
   * @throws ImportException when the definitions do not load (which would be a bug in an importer)
   */
  public static ImportResult finish(ConnectorDraft connector, List<ActionDraft> actions, List<Secret> secrets, List<Finding> findings) {
    List<Finding> report = new ArrayList<>(findings);
    ObjectNode connectorTree = connector.tree();
    SecretScrub.examples(connectorTree, secrets, "connector " + connector.name(), report);
    String connectorYaml = YamlText.document(connector.comments(), connectorTree, p -> false);
    Map<String, String> texts = new LinkedHashMap<>();
    List<ImportResult.ActionFile> files = new ArrayList<>();
    for (ActionDraft a : actions) {
      ObjectNode tree = a.tree();
      SecretScrub.examples(tree, secrets, "action " + a.name(), report);
      String text = YamlText.document(a.comments(), tree, a.flow());
      texts.put(a.name(), text);
      files.add(new ImportResult.ActionFile(a.name(), text, a.outputSchema()));
    }
    SecretScrub.check(connectorYaml, texts.values(), secrets);
    try {
      DefinitionCheck.load(connector.name(), connectorYaml, texts);
    } catch (DefinitionException e) {
      if (e.problems().stream().anyMatch(p -> p.message().startsWith("too large"))) {
        throw new ImportException("the action made of this request would be larger than a definition file may be ("
            + DefinitionLoader.MAX_FILE_BYTES + " bytes): import the request with a shorter body, then put the body's"
            + " values in inputs");
      }
      throw new ImportException("the imported definitions do not load (a bug in the importer; please report it with the"
          + " input): " + String.join("; ", e.problems().stream().map(Object::toString).toList()));
    }
    return new ImportResult(new ImportResult.ConnectorFile(connector.name(), connectorYaml), List.copyOf(files),
        List.copyOf(secrets), List.copyOf(report));
  }

  private static String checkName(String name, String what) {
    if (!DefinitionLoader.NAME.matcher(name).matches()) {
      throw new ImportException("'" + name + "' is not a valid " + what + " name; use lower-case letters, digits and '_',"
          + " starting with a letter (such as " + (what.equals("action") ? "list_users" : "okta") + ")");
    }
    return name;
  }

  private Setting baseUrl(UrlParts url, String connector, boolean okta) {
    String settingName = okta ? "org_url" : "base_url";
    String shownHost = url.host().replaceAll("\\$\\{([^}]+)}", "{$1}");
    String example = url.scheme() + "://" + shownHost;
    if (Placeholders.isWrapped(url.host(), spec.urlVariables().isEmpty() ? List.of() : List.of("host"))
        || url.host().contains("{") || url.host().contains("$")) {
      findings.add(Finding.leftToUser("setting " + settingName, "the host " + url.host() + " is a placeholder: set "
          + settingName + " (" + Naming.env(connector + "_" + settingName) + ") to the real " + (okta ? "org URL" : "base URL")));
    } else if (url.scheme().equals("http") && !url.loopback()) {
      findings.add(Finding.leftToUser("setting " + settingName, "the URL is plain http://; Switchboard only sends credentials"
          + " over https (or to loopback addresses): set " + settingName + " to the https:// address"));
    }
    return new Setting(settingName, okta ? "your Okta org URL" : "the API's base URL (scheme and host)",
        Naming.env(connector + "_" + settingName), example);
  }

  private void query(UrlParts url, Optional<String> authParam, ActionDraft action) {
    Set<String> seen = new HashSet<>();
    boolean any = false;
    for (UrlParts.QueryParameter p : url.query()) {
      if (authParam.isPresent() && authParam.get().equals(p.name())) {
        continue;
      }
      if (!seen.add(p.name())) {
        findings.add(Finding.leftToUser("query " + p.name(), "the parameter " + p.name() + " is repeated; an action sends one"
            + " value per parameter, so only the first was imported"));
        continue;
      }
      String input = Naming.unique(Naming.snake(p.name(), "param"), new HashSet<>(action.inputNames()));
      String type = p.value().matches("-?(0|[1-9]\\d{0,17})") ? "integer" : p.value().matches("true|false") ? "boolean" : "string";
      Optional<Object> example = Optional.empty();
      if (!p.value().isEmpty() && !Placeholders.isWrapped(p.value(), spec.urlVariables().isEmpty() ? List.of() : variablesIn(p.value()))) {
        example = Optional.of(switch (type) {
          case "integer" -> JSON.getNodeFactory().numberNode(Long.parseLong(p.value()));
          case "boolean" -> JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(p.value()));
          default -> JSON.getNodeFactory().textNode(p.value());
        });
      }
      Inputs.add(action, input, type, false, example, "");
      action.query(p.name(), "{{" + input + "}}");
      any = true;
    }
    if (any) {
      findings.add(Finding.guessed("action " + action.name(), "query parameters became optional inputs typed from their values,"
          + " with the values as examples; mark the ones the API needs with required: true"));
    }
  }

  private List<String> variablesIn(String value) {
    return spec.urlVariables().stream().filter(v -> value.contains(v)).toList();
  }

  private void headers(Set<String> authHeaders, ActionDraft action) {
    Set<String> browser = new LinkedHashSet<>();
    for (RequestSpec.Header h : spec.headers()) {
      String lower = h.name().toLowerCase(Locale.ROOT);
      if (authHeaders.contains(lower) || lower.equals("content-type")) {
        continue;
      }
      if (SESSION_HEADERS.contains(lower)) {
        findings.add(Finding.ignored("header " + h.name(), "the " + h.name() + " header was dropped and its value not kept:"
            + " it belongs to a browser session, not to a connector"));
      } else if (BROWSER_HEADERS.contains(lower) || lower.startsWith("sec-")) {
        browser.add(h.name());
      } else if (lower.equals("accept") && h.value().matches("(?i)\\s*(application/json|\\*/\\*)(\\s*[,;].*)?")) {
        findings.add(Finding.ignored("header Accept", "Accept: " + h.value() + " was dropped: the engine asks for"
            + " application/json itself"));
      } else if (!HeaderFields.validName(h.name()) || HeaderFields.restricted(h.name())) {
        findings.add(Finding.ignored("header " + h.name(), "the header '" + h.name() + "' cannot be declared (the HTTP client"
            + " sets it, or it is not a valid name)"));
      } else if (Placeholders.isWrapped(h.value(), h.variables())) {
        String input = Naming.unique(Naming.snake(h.name(), "header"), new HashSet<>(action.inputNames()));
        Inputs.add(action, input, "string", true, Optional.empty(), "Sent as the " + h.name() + " header.");
        action.header(h.name(), "{{" + input + "}}");
        findings.add(Finding.guessed("input " + input, "the " + h.name() + " header's value is a placeholder: it became the"
            + " required input " + input));
      } else if (h.value().contains("{{") || HeaderFields.unsafeCharAt(h.value()) >= 0) {
        findings.add(Finding.ignored("header " + h.name(), "the " + h.name() + " header was dropped: its value cannot be"
            + " written as a template (it holds {{ or a control character)"));
      } else {
        action.header(h.name(), h.value());
      }
    }
    if (!browser.isEmpty()) {
      findings.add(Finding.ignored("headers", "browser headers were dropped: " + String.join(", ", browser)));
    }
  }

  private void body(ActionDraft action) {
    if (spec.body().isEmpty()) {
      return;
    }
    RequestSpec.Body body = spec.body().get();
    String contentType = spec.headers().stream().filter(h -> h.name().equalsIgnoreCase("Content-Type")).map(h -> h.value())
        .reduce((a, b) -> b).orElse("").toLowerCase(Locale.ROOT).replaceFirst(";.*", "").strip();
    String shown = body.text().length() > 40 ? body.text().substring(0, 40).replace('\n', ' ') + "…" : body.text().replace('\n', ' ');
    if (spec.method().equals("GET") || spec.method().equals("HEAD")) {
      throw new ImportException("the " + spec.method() + " request has a body ('" + shown + "'); Switchboard sends "
          + spec.method() + " without one: add -G to send the data as query parameters, or use -X POST if the API expects a body");
    }
    if (contentType.startsWith("multipart/")) {
      throw new ImportException("the body ('" + shown + "') is multipart/form-data, which Switchboard actions cannot send"
          + " (they send JSON bodies)");
    }
    boolean jsonType = contentType.equals("application/json") || contentType.endsWith("+json") || contentType.equals("text/json");
    JsonNode tree = null;
    String error = null;
    try {
      tree = JSON.readTree(body.text());
    } catch (JsonProcessingException e) {
      error = e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
    if (tree == null || error != null || tree.isMissingNode()) {
      if (jsonType || body.declaredJson()) {
        throw new ImportException("the body is declared JSON but is not valid JSON: " + (error == null ? "it is empty" : error)
            + "; body: '" + shown + "'");
      }
      if (body.form() || contentType.isEmpty() || contentType.equals("application/x-www-form-urlencoded")) {
        throw new ImportException("the body ('" + shown + "') is form data (application/x-www-form-urlencoded), which"
            + " Switchboard actions cannot send: they send JSON bodies. If the API takes JSON, send it with --json '{...}';"
            + " for a GET, add -G to send the data as query parameters");
      }
      throw new ImportException("the body ('" + shown + "') is " + contentType + ", which Switchboard actions cannot send:"
          + " they send JSON bodies");
    }
    if (!tree.isObject() && !tree.isArray()) {
      throw new ImportException("the body ('" + shown + "') is a JSON " + tree.getNodeType().toString().toLowerCase(Locale.ROOT)
          + "; Switchboard actions send a JSON object or list");
    }
    if (!jsonType && !body.declaredJson()) {
      findings.add(Finding.guessed("action " + action.name(), "the body is JSON, though its Content-Type is "
          + (contentType.isEmpty() ? "not given (curl would send application/x-www-form-urlencoded)" : contentType)
          + "; it is sent as application/json"));
    }
    action.body(ExampleBody.template(tree, action, findings));
    if (!action.inputs().isEmpty()) {
      findings.add(Finding.leftToUser("action " + action.name(), "body fields became optional inputs with the request's values"
          + " as examples; mark the ones the API needs with required: true"));
    }
  }

  private void pagination(UrlParts url, boolean okta, ActionDraft action) {
    if (!action.method().equals("GET")) {
      return;
    }
    Map<String, String> byParam = new LinkedHashMap<>();
    action.query().forEach((param, template) -> byParam.put(param.toLowerCase(Locale.ROOT), template.replaceAll("[{}]", "")));
    boolean github = url.hostName().equals("api.github.com");
    ObjectNode p = YamlText.object();
    if (okta && (byParam.containsKey("limit") || byParam.containsKey("after"))) {
      p.put("type", "link_header");
      if (!byParam.containsKey("after")) {
        String after = Naming.unique("after", new HashSet<>(action.inputNames()));
        Inputs.add(action, after, "string", false, Optional.empty(), "The cursor from a previous page's result. Never build it by hand.");
        action.query("after", "{{" + after + "}}");
        byParam.put("after", after);
      }
      p.put("cursor_param", byParam.get("after"));
      limit(p, byParam, action, "limit");
      findings.add(Finding.guessed("action " + action.name(), "Okta pages listings with Link headers and the after cursor:"
          + " pagination type link_header"));
    } else if (github && (byParam.containsKey("per_page") || byParam.containsKey("page"))) {
      p.put("type", "link_header");
      limit(p, byParam, action, "per_page");
      findings.add(Finding.guessed("action " + action.name(), "GitHub pages listings with Link headers: pagination type link_header"));
    } else if (byParam.containsKey("page") && isInteger(action, byParam.get("page"))) {
      p.put("type", "page_number");
      p.put("page_param", byParam.get("page"));
      limit(p, byParam, action, "per_page", "page_size", "pagesize", "limit", "size");
      findings.add(Finding.guessed("action " + action.name(), "the page parameter looks like page numbers: pagination type"
          + " page_number; check that pages start at 1"));
    } else if (byParam.containsKey("offset") && isInteger(action, byParam.get("offset"))) {
      p.put("type", "offset");
      p.put("offset_param", byParam.get("offset"));
      limit(p, byParam, action, "limit", "count", "size");
      findings.add(Finding.guessed("action " + action.name(), "the offset parameter looks like offset paging: pagination type offset"));
    } else {
      for (String cursor : List.of("cursor", "after", "starting_after", "page_token", "pagetoken", "next_token", "nexttoken",
          "continuation", "marker", "next", "startat", "start_at")) {
        if (byParam.containsKey(cursor)) {
          findings.add(Finding.leftToUser("action " + action.name(), "the parameter " + cursor + " looks like a page cursor, but"
              + " a single request does not show where the next one comes from; declare pagination: by hand (docs/definitions.md,"
              + " \"Pagination\")"));
          return;
        }
      }
      return;
    }
    action.pagination(p);
  }

  private static boolean isInteger(ActionDraft action, String input) {
    return action.input(input).map(i -> i.schema().path("type").asText().equals("integer")).orElse(false);
  }

  private static void limit(ObjectNode p, Map<String, String> byParam, ActionDraft action, String... names) {
    for (String n : names) {
      if (byParam.containsKey(n) && isInteger(action, byParam.get(n))) {
        p.put("limit_param", byParam.get(n));
        return;
      }
    }
  }

  private void describe(ActionDraft action, UrlParts url, boolean okta, String connectorName) {
    String name = action.name();
    String resource = name.replaceFirst("^(list|get|create|update|delete|replace|search|add)_", "").replace('_', ' ');
    String what = switch (name.replaceFirst("_.*", "")) {
      case "list" -> "Lists " + resource;
      case "get" -> "Gets one " + resource;
      case "create" -> "Creates a " + resource;
      case "update" -> "Updates a " + resource;
      case "delete" -> "Deletes " + resource;
      case "search" -> "Searches " + resource;
      case "add" -> "Adds a " + resource;
      default -> Naming.title(name);
    };
    action.description(description.filter(d -> !d.isBlank()).orElse(what + " (" + action.method() + " " + action.path() + ")."));
    action.comment(action.method() + " " + url.origin().replaceAll("\\$\\{([^}]+)}", "{$1}") + action.path() + ", imported from "
        + spec.source() + (okta ? " (Okta Management API)" : ""));
    if (description.filter(d -> !d.isBlank()).isEmpty()) {
      findings.add(Finding.leftToUser("action " + name, "the description was made from the method and path; rewrite it for a"
          + " model: what the action does, when to use it, an example"));
    }
    findings.add(Finding.leftToUser("action " + name, "the output is the whole response body; add output.records or output.map"
        + " once you know its shape").onCommandLine("('switchboard run " + connectorName + "." + name + " --output schema' shows it)"));
    switch (action.method()) {
      case "GET", "HEAD" -> action.annotations(true, false, true);
      case "DELETE" -> action.annotations(false, true, true);
      case "PUT" -> action.annotations(false, false, true);
      default -> action.annotations(false, false, false);
    }
    if (!action.method().equals("GET") && !action.method().equals("HEAD")) {
      findings.add(Finding.leftToUser("action " + name, "annotations come from the method (" + action.method() + "); mark it"
          + " destructive: true if it deletes or disables something, so callers confirm first"));
    }
  }
}
