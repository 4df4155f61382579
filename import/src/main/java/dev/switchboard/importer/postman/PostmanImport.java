package dev.switchboard.importer.postman;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.importer.ActionDraft;
import dev.switchboard.importer.ConnectorDraft;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.importer.Naming;
import dev.switchboard.importer.RequestImporter;
import dev.switchboard.importer.RequestSpec;
import dev.switchboard.importer.Texts;
import dev.switchboard.importer.UrlParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Imports a Postman collection (format v2.1, also v2.0) into one connector: each request (in folders, to any depth)
 * becomes an action named after the request, collection variables fill in {@code {{name}}} where they have a value
 * and stay placeholders where they do not, and the auth of the request, its folder or the collection (in that order,
 * as Postman inherits it) becomes the connector's auth config with the secret taken out. A request that cannot be an
 * action (a form or file body, another host) is skipped and reported; the others are imported.
 *
 * <p>Format: https://schema.postman.com/collection/json/v2.1.0/draft-07/docs/index.html
 */
public final class PostmanImport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");

  private final JsonNode collection;
  private final String name;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();

  private PostmanImport(JsonNode collection, String name) {
    this.collection = collection;
    this.name = name;
    for (JsonNode v : collection.path("variable")) {
      if (!v.path("disabled").asBoolean(false) && v.hasNonNull("key")) {
        variables.put(v.get("key").asText(), v.path("value").isValueNode() ? v.path("value").asText() : "");
      }
    }
  }

  /**
   * Reads a collection from a file.
   *
   * @param file the exported collection (JSON)
   * @return a reader of its requests
   * @throws ImportException when the file cannot be read or is not a Postman collection v2
   */
  public static PostmanImport read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ImportException("cannot read the Postman collection " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new ImportException("cannot read the Postman collection " + file + ": " + e.getMessage());
    }
  }

  /**
   * Reads a collection from text.
   *
   * @param text the collection (JSON)
   * @param name how the user knows it, for messages
   * @return a reader of its requests
   * @throws ImportException when the text is not a Postman collection v2
   */
  public static PostmanImport parse(String text, String name) {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ImportException("cannot read " + name + " as a Postman collection: not valid JSON (" + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr()) + ")");
    }
    if (tree == null || !tree.isObject()) {
      throw new ImportException("cannot read " + name + " as a Postman collection: it is not a JSON object");
    }
    if (tree.has("requests") && tree.has("order")) {
      throw new ImportException(name + " is a Postman collection in format v1; export it again as Collection v2.1"
          + " (in Postman: ... > Export > Collection v2.1)");
    }
    String schema = tree.path("info").path("schema").asText("");
    if (!tree.path("item").isArray() || !schema.contains("collection") || !schema.matches(".*v2\\.[01].*")) {
      throw new ImportException("cannot read " + name + " as a Postman collection v2.1: it needs info.schema"
          + " (https://schema.getpostman.com/json/collection/v2.1.0/collection.json) and an item list");
    }
    return new PostmanImport(tree, name);
  }

  /**
   * Imports every request of the collection.
   *
   * @param options names chosen by the caller (the action name is taken from each request)
   * @return the connector, its actions and the report
   * @throws ImportException when no request can be imported
   */
  public ImportResult run(ImportOptions options) {
    List<Request> requests = new ArrayList<>();
    collect(collection.path("item"), new ArrayList<>(), collection.path("auth"), requests);
    if (requests.isEmpty()) {
      throw new ImportException("the Postman collection " + name + " holds no requests");
    }
    ConnectorDraft connector = null;
    String origin = null;
    List<ActionDraft> actions = new ArrayList<>();
    Map<String, Secret> secrets = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    String collectionName = collection.path("info").path("name").asText("");
    for (Request r : requests) {
      String subject = "request \"" + r.name() + "\"" + (r.folders().isEmpty() ? "" : " (in " + String.join(" / ", r.folders()) + ")");
      RequestImporter.Part part;
      try {
        RequestSpec spec = spec(r);
        String action = Naming.unique(Naming.snake(r.name(), "request"), names);
        ImportOptions own = options.withAction(action);
        if (connector != null) {
          own = own.withConnector(connector.name());
        } else if (options.connector().isEmpty() && !collectionName.isBlank() && hostIsPlaceholder(spec.url())) {
          own = own.withConnector(Naming.snake(collectionName.replaceAll("(?i)\\b(api|collection|postman|rest)\\b", " "), "api"));
        }
        part = RequestImporter.part(spec, own, Optional.of(Texts.plain(r.description(), 600)));
        String partOrigin = UrlParts.parse(spec.url()).origin();
        if (origin != null && !origin.equals(partOrigin)) {
          names.remove(action);
          findings.add(Finding.ignored(subject, "skipped: it calls " + partOrigin + ", not " + origin + " like the others; a"
              + " connector has one base URL: import it into another connector").onCommandLine("with --connector"));
          continue;
        }
        origin = partOrigin;
      } catch (ImportException e) {
        findings.add(Finding.leftToUser(subject, "skipped: " + e.getMessage()));
        continue;
      }
      if (connector == null) {
        connector = part.connector();
      } else if (!connector.auth().type().equals(part.connector().auth().type())) {
        findings.add(Finding.leftToUser(subject, "uses auth type " + part.connector().auth().type() + ", but the connector has "
            + connector.auth().type() + " (from the first request); check that it works with the connector's auth"));
      }
      for (Secret s : part.secrets()) {
        Secret earlier = secrets.putIfAbsent(s.name(), s);
        if (earlier != null && !earlier.value().equals(s.value())) {
          findings.add(Finding.leftToUser(subject, "holds another value for the secret " + s.name() + "; the first one is kept"));
        }
      }
      for (Finding f : part.findings()) {
        if (!findings.contains(f)) {
          findings.add(f);
        }
      }
      if (!r.folders().isEmpty()) {
        part.action().comment("Postman folder: " + String.join(" / ", r.folders()));
      }
      actions.add(part.action());
    }
    if (connector == null) {
      throw new ImportException("no request of the Postman collection " + name + " can be imported: " + findings.stream()
          .filter(f -> f.kind() == Finding.Kind.LEFT_TO_USER).map(Finding::message).findFirst().orElse(""));
    }
    String description = Texts.plain(description(collection.path("info").path("description")), 300);
    String base = connector.settings().get(0).example();
    ConnectorDraft draft = new ConnectorDraft(connector.name(), collectionName.isBlank() ? connector.title() : Texts.plain(collectionName, 80),
        description.isEmpty() ? "The API at " + base + ", imported from the Postman collection "
            + (collectionName.isBlank() ? name : "\"" + collectionName + "\"") + "." : description,
        List.of("Imported from the Postman collection " + (collectionName.isBlank() ? name : "\"" + collectionName + "\"") + " ("
            + actions.size() + (actions.size() == 1 ? " request)" : " requests)")),
        connector.baseUrl(), connector.settings(), connector.auth(), connector.headers(), connector.sandbox());
    return RequestImporter.finish(draft, actions, List.copyOf(secrets.values()), findings);
  }

  private static boolean hostIsPlaceholder(String url) {
    return UrlParts.parse(url).host().contains("{{");
  }

  /**
   * One request of the collection, with the auth it inherits.
   *
   * @param name the request's name
   * @param folders the folders it is in, outermost first
   * @param request the request object
   * @param auth the auth that applies (its own, its folder's or the collection's)
   * @param description its description
   */
  private record Request(String name, List<String> folders, JsonNode request, JsonNode auth, String description) {}

  private void collect(JsonNode items, List<String> folders, JsonNode auth, List<Request> out) {
    for (JsonNode item : items) {
      JsonNode own = item.path("auth");
      JsonNode applies = own.isObject() && !own.path("type").asText().equals("inherit") ? own : auth;
      if (item.has("item")) {
        List<String> inner = new ArrayList<>(folders);
        inner.add(item.path("name").asText("folder"));
        collect(item.path("item"), inner, applies, out);
      } else if (item.has("request")) {
        JsonNode request = item.get("request");
        if (request.isTextual()) {
          request = JSON.createObjectNode().put("url", request.asText()).put("method", "GET");
        }
        JsonNode requestAuth = request.path("auth");
        JsonNode effective = requestAuth.isObject() && !requestAuth.path("type").asText().equals("inherit") ? requestAuth : applies;
        out.add(new Request(item.path("name").asText("request"), List.copyOf(folders), request, effective,
            description(request.path("description"))));
      }
    }
  }

  private static String description(JsonNode d) {
    return d.isTextual() ? d.asText() : d.path("content").asText("");
  }

  /** Replaces collection variables that have a value; the others stay as {@code {{name}}} placeholders. */
  private String fill(String text) {
    String out = text;
    for (int depth = 0; depth < 5; depth++) {
      Matcher m = VARIABLE.matcher(out);
      StringBuilder sb = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        String value = variables.get(m.group(1));
        if (value != null && !value.isEmpty() && !m.group(1).startsWith("$")) {
          m.appendReplacement(sb, Matcher.quoteReplacement(value));
          changed = true;
        } else {
          m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
        }
      }
      m.appendTail(sb);
      out = sb.toString();
      if (!changed) {
        break;
      }
    }
    return out;
  }

  private static Set<String> placeholders(String text) {
    Set<String> out = new java.util.LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private RequestSpec spec(Request r) {
    JsonNode req = r.request();
    String method = req.path("method").asText("GET").toUpperCase(Locale.ROOT);
    String url = fill(url(req.path("url")));
    List<RequestSpec.Header> headers = new ArrayList<>();
    for (JsonNode h : req.path("header")) {
      if (!h.path("disabled").asBoolean(false) && h.hasNonNull("key")) {
        String value = fill(h.path("value").asText(""));
        headers.add(new RequestSpec.Header(h.get("key").asText(), value, placeholders(value)));
      }
    }
    Optional<RequestSpec.Body> body = body(req.path("body"), r.name());
    if (body.isPresent() && body.get().declaredJson() && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
      headers.add(new RequestSpec.Header("Content-Type", "application/json", Set.of()));
    }
    Optional<RequestSpec.UserPassword> user = Optional.empty();
    Optional<RequestSpec.Value> bearer = Optional.empty();
    Optional<RequestSpec.ApiKey> apiKey = Optional.empty();
    List<Finding> notes = new ArrayList<>();
    String type = r.auth().path("type").asText("noauth");
    Map<String, String> a = new LinkedHashMap<>();
    JsonNode params = r.auth().path(type);
    if (params.isArray()) {
      params.forEach(p -> a.put(p.path("key").asText(), fill(p.path("value").asText(""))));
    } else if (params.isObject()) {
      params.properties().forEach(e -> a.put(e.getKey(), fill(e.getValue().asText(""))));
    }
    switch (type) {
      case "bearer" -> bearer = Optional.of(value(a.getOrDefault("token", "")));
      case "basic" -> {
        String password = a.getOrDefault("password", "");
        user = Optional.of(new RequestSpec.UserPassword(a.getOrDefault("username", ""), Optional.of(password),
            placeholders(a.getOrDefault("username", "") + password)));
      }
      case "apikey" -> apiKey = Optional.of(new RequestSpec.ApiKey(a.getOrDefault("key", "X-API-Key"), value(a.getOrDefault("value", "")),
          a.getOrDefault("in", "header").equals("query")));
      case "noauth" -> { }
      case "oauth2" -> {
        bearer = Optional.of(new RequestSpec.Value("{{access_token}}", Set.of("access_token")));
        notes.add(Finding.leftToUser("auth", "the collection gets an OAuth 2.0 token in Postman; the connector sends it as a"
            + " bearer token you store yourself (or write an oauth2_client_credentials auth config for a client-credentials app)"));
      }
      default -> notes.add(Finding.leftToUser("auth", "Postman auth type " + type + " is not supported by Switchboard (none,"
          + " api_key, bearer, basic, oauth2_client_credentials); the request was imported without it"));
    }
    return new RequestSpec("Postman request \"" + r.name() + "\"", method, true, url, placeholders(url), headers, body, user,
        bearer, apiKey, notes);
  }

  private static RequestSpec.Value value(String text) {
    return new RequestSpec.Value(text, placeholders(text));
  }

  private String url(JsonNode url) {
    if (url.isTextual()) {
      return url.asText();
    }
    String raw = url.path("raw").asText("");
    String base;
    if (!raw.isEmpty()) {
      base = raw.contains("?") ? raw.substring(0, raw.indexOf('?')) : raw;
    } else {
      String host = url.path("host").isArray() ? String.join(".", iterate(url.path("host"))) : url.path("host").asText("");
      String path = url.path("path").isArray() ? String.join("/", iterate(url.path("path"))) : url.path("path").asText("");
      String protocol = url.path("protocol").asText("");
      base = (protocol.isEmpty() ? "" : protocol + "://") + host + (url.has("port") ? ":" + url.path("port").asText() : "")
          + (path.isEmpty() ? "" : "/" + path.replaceFirst("^/", ""));
    }
    if (!url.path("query").isArray()) {
      return raw.isEmpty() ? base : raw;
    }
    List<String> pairs = new ArrayList<>();
    for (JsonNode q : url.path("query")) {
      if (!q.path("disabled").asBoolean(false) && q.hasNonNull("key")) {
        pairs.add(q.get("key").asText() + (q.path("value").isNull() ? "" : "=" + q.path("value").asText("")));
      }
    }
    return pairs.isEmpty() ? base : base + "?" + String.join("&", pairs);
  }

  private static List<String> iterate(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private Optional<RequestSpec.Body> body(JsonNode body, String request) {
    if (!body.isObject() || body.path("disabled").asBoolean(false)) {
      return Optional.empty();
    }
    String mode = body.path("mode").asText("");
    switch (mode) {
      case "raw" -> {
        String text = fill(body.path("raw").asText(""));
        if (text.isBlank()) {
          return Optional.empty();
        }
        boolean json = body.path("options").path("raw").path("language").asText("").equals("json");
        if (json) {
          text = quoteBareVariables(text);
        }
        return Optional.of(new RequestSpec.Body(text, json, false));
      }
      case "graphql" -> {
        ObjectNode gql = JSON.createObjectNode();
        gql.put("query", body.path("graphql").path("query").asText(""));
        String vars = body.path("graphql").path("variables").asText("");
        if (!vars.isBlank()) {
          try {
            gql.set("variables", JSON.readTree(fill(vars)));
          } catch (JsonProcessingException e) {
            throw new ImportException("the GraphQL variables of request \"" + request + "\" are not valid JSON");
          }
        }
        return Optional.of(new RequestSpec.Body(gql.toString(), true, false));
      }
      case "urlencoded" -> throw new ImportException("its body is form data (x-www-form-urlencoded), which Switchboard actions"
          + " cannot send (they send JSON bodies)");
      case "formdata" -> throw new ImportException("its body is multipart form data, which Switchboard actions cannot send");
      case "file" -> throw new ImportException("its body is a file, which Switchboard actions cannot send");
      default -> {
        return Optional.empty();
      }
    }
  }

  /** Puts quotes around {@code {{name}}} used as a bare JSON value ({@code "count": {{count}}}), so the body parses. */
  private static String quoteBareVariables(String json) {
    try {
      JSON.readTree(json);
      return json;
    } catch (JsonProcessingException e) {
      return json.replaceAll("(?<=[:\\[,]\\s{0,20})\\{\\{\\s*([^{}\"]+?)\\s*}}", "\"{{$1}}\"");
    }
  }
}
