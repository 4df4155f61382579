package dev.switchboard.importer.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.core.definition.Names;
import dev.switchboard.importer.ActionDraft;
import dev.switchboard.importer.AuthDraft;
import dev.switchboard.importer.ConnectorDraft;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.Hosts;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.importer.Naming;
import dev.switchboard.importer.RequestImporter;
import dev.switchboard.importer.Setting;
import dev.switchboard.importer.Texts;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Imports operations of an OpenAPI 3 document (read with swagger-parser) into a connector and actions: the first
 * server's URL becomes the base URL setting, a supported security scheme the auth config, and each chosen operation
 * an action ({@link OperationImporter}). Operations are chosen by id, by tag, or all of them.
 */
public final class OpenApiImport {
  /** Reads documents of up to 64 MB (SnakeYAML's default limit is 3 MB; Okta's own document is 3.4 MB). */
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .loaderOptions(loaderOptions()).build());
  private static final Pattern SCHEME_IN_TEXT = Pattern.compile("(?i)Authorization:\\s*([A-Za-z][A-Za-z0-9_-]*)\\s+[{<$\\[]");

  /**
   * Which operations to import.
   *
   * @param operationIds operation ids (any number); empty unless chosen by id
   * @param tag a tag: every operation that has it
   * @param all every operation of the document
   */
  public record Selection(List<String> operationIds, Optional<String> tag, boolean all) {
    /** Chooses operations by id. */
    public static Selection operations(List<String> ids) {
      return new Selection(List.copyOf(ids), Optional.empty(), false);
    }

    /** Chooses the operations of a tag. */
    public static Selection tag(String tag) {
      return new Selection(List.of(), Optional.of(tag), false);
    }

    /** Chooses every operation. */
    public static Selection everything() {
      return new Selection(List.of(), Optional.empty(), true);
    }
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    return options;
  }

  private final OpenAPI api;
  private final Schemas schemas;
  private final List<Finding> findings = new ArrayList<>();

  private OpenApiImport(OpenAPI api, List<String> messages) {
    this.api = api;
    this.schemas = new Schemas(api);
    if (!messages.isEmpty()) {
      findings.add(Finding.ignored("document", messages.size() + " remark" + (messages.size() == 1 ? "" : "s")
          + " of the OpenAPI parser, such as: " + messages.get(0)));
    }
  }

  /**
   * Reads an OpenAPI document from a file.
   *
   * @param file the document (YAML or JSON)
   * @return a reader of its operations
   * @throws ImportException when the file cannot be read or is not an OpenAPI 3 document
   */
  public static OpenApiImport read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ImportException("cannot read the OpenAPI document " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ImportException("cannot read the OpenAPI document " + file + ": it is not UTF-8 text");
    } catch (IOException e) {
      throw new ImportException("cannot read the OpenAPI document " + file + ": " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /**
   * Reads an OpenAPI document from text.
   *
   * @param text the document (YAML or JSON)
   * @param name how the user knows it, for messages
   * @return a reader of its operations
   * @throws ImportException when the text is not an OpenAPI 3 document
   */
  public static OpenApiImport parse(String text, String name) {
    if (text.isBlank()) {
      throw new ImportException("the OpenAPI document " + name + " is empty");
    }
    if (text.matches("(?s)\\s*[\\{]?\\s*\"?swagger\"?\\s*:\\s*[\"']?2\\..*")) {
      throw new ImportException(name + " is a Swagger 2.0 document; import takes OpenAPI 3 (convert it first, for example"
          + " with swagger2openapi or editor.swagger.io)");
    }
    JsonNode tree;
    try {
      tree = text.stripLeading().startsWith("{") ? new ObjectMapper().readTree(text) : YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ImportException("cannot read " + name + ": not valid YAML or JSON (" + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr()) + ")");
    }
    if (tree == null || !tree.isObject() || !tree.has("openapi")) {
      throw new ImportException("cannot read " + name + " as an OpenAPI 3 document: it has no 'openapi: 3.x' field");
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    SwaggerParseResult result = new OpenAPIV3Parser().parseJsonNode(name, tree, options);
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
      throw new ImportException("cannot read " + name + " as an OpenAPI 3 document"
          + (messages.isEmpty() ? " (is it YAML or JSON with an 'openapi: 3.x' field and paths?)" : ": " + String.join("; ",
          messages.subList(0, Math.min(3, messages.size())))));
    }
    return new OpenApiImport(result.getOpenAPI(), messages);
  }

  /** Returns the document's operation ids, in order. */
  public List<String> operationIds() {
    List<String> out = new ArrayList<>();
    operations().forEach(o -> out.add(o.id()));
    return out;
  }

  /** Returns the document's tags that operations use, sorted. */
  public Set<String> tags() {
    Set<String> out = new TreeSet<>();
    operations().forEach(o -> out.addAll(o.op().getTags() == null ? List.of() : o.op().getTags()));
    return out;
  }

  private record Op(String id, String method, String path, PathItem item, Operation op) {}

  private List<Op> operations() {
    List<Op> out = new ArrayList<>();
    for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> m : p.getValue().readOperationsMap().entrySet()) {
        String method = m.getKey().name();
        String id = m.getValue().getOperationId() == null ? method.toLowerCase(Locale.ROOT) + " " + p.getKey() : m.getValue().getOperationId();
        out.add(new Op(id, method, p.getKey(), p.getValue(), m.getValue()));
      }
    }
    return out;
  }

  /**
   * Imports the chosen operations.
   *
   * @param selection which operations
   * @param options names chosen by the caller
   * @return the connector, its actions and the report
   * @throws ImportException when nothing is chosen, an operation id or tag is unknown, or no operation is left
   */
  public ImportResult run(Selection selection, ImportOptions options) {
    List<Op> all = operations();
    List<Op> chosen = choose(all, selection);
    Server server = api.getServers() == null || api.getServers().isEmpty() ? null : api.getServers().get(0);
    String url = server == null || server.getUrl() == null ? "" : server.getUrl();
    String example = url;
    if (server != null && server.getVariables() != null) {
      for (Map.Entry<String, io.swagger.v3.oas.models.servers.ServerVariable> v : server.getVariables().entrySet()) {
        if (v.getValue().getDefault() != null) {
          example = example.replace("{" + v.getKey() + "}", v.getValue().getDefault());
        }
      }
    }
    String host = url.replaceFirst("^[a-z]+://", "").replaceFirst("/.*", "");
    boolean okta = Hosts.okta(host) || Hosts.okta(example.replaceFirst("^[a-z]+://", "").replaceFirst("/.*", ""));
    String connector = options.connector().orElseGet(() -> host.isEmpty() || host.equals("localhost")
        ? title(options.reservedConnectors()) : Hosts.connectorName(host, options.reservedConnectors(), findings));
    String settingName = okta ? "org_url" : "base_url";
    if (url.isEmpty() || !url.matches("(?i)https?://.*")) {
      findings.add(Finding.leftToUser("setting " + settingName, url.isEmpty() ? "the document names no server: set " + settingName
          + " (" + Naming.env(connector + "_" + settingName) + ") to the API's base URL" : "the server URL '" + url
          + "' is relative: set " + settingName + " to the API's full base URL"));
    } else if (url.contains("{")) {
      findings.add(Finding.leftToUser("setting " + settingName, "the server URL " + url + " has variables; the example uses their"
          + " defaults: set " + settingName + " (" + Naming.env(connector + "_" + settingName) + ") to yours"));
    }
    Setting base = new Setting(settingName, okta ? "your Okta org URL" : "the API's base URL",
        Naming.env(connector + "_" + settingName), example.replaceFirst("/$", ""));
    Set<String> authHeaders = new HashSet<>(Set.of("authorization"));
    Set<String> authParams = new HashSet<>();
    AuthDraft auth = auth(chosen, connector, okta, authHeaders, authParams);

    Set<String> names = new HashSet<>();
    List<ActionDraft> actions = new ArrayList<>();
    OperationImporter importer = new OperationImporter(api, schemas, authHeaders, authParams, findings);
    for (Op op : chosen) {
      if (op.method().equals("OPTIONS") || op.method().equals("TRACE")) {
        findings.add(Finding.ignored("operation " + op.id(), op.method() + " " + op.path() + " was skipped: actions use GET,"
            + " POST, PUT, PATCH, DELETE or HEAD"));
        continue;
      }
      String name = Naming.unique(op.op().getOperationId() == null
          ? Naming.snake(op.method().toLowerCase(Locale.ROOT) + "_" + op.path(), "call") : Naming.snake(op.op().getOperationId(), "call"), names);
      actions.add(importer.run(name, op.method(), op.path(), op.item(), op.op()));
    }
    if (actions.isEmpty()) {
      throw new ImportException("none of the chosen operations can be an action");
    }
    String title = api.getInfo() != null && api.getInfo().getTitle() != null ? api.getInfo().getTitle() : Naming.title(connector);
    String description = api.getInfo() == null ? "" : Texts.plain(api.getInfo().getDescription(), 300);
    ConnectorDraft draft = new ConnectorDraft(connector, Texts.plain(title, 80),
        description.isEmpty() ? title + ", imported from its OpenAPI document." : description,
        List.of(title + (api.getInfo() != null && api.getInfo().getVersion() != null ? " " + api.getInfo().getVersion() : "")
            + ", imported from its OpenAPI document (" + actions.size() + (actions.size() == 1 ? " operation)" : " operations)")),
        "{{config." + settingName + "}}", auth instanceof AuthDraft.Basic ? List.of(base, new Setting("username",
            "the user name for HTTP Basic authentication", Naming.env(connector + "_username"), "")) : List.of(base),
        auth, Map.of(), okta ? Optional.of("okta") : Optional.empty());
    return RequestImporter.finish(draft, actions, List.of(), findings);
  }

  private String title(Set<String> reserved) {
    String t = api.getInfo() == null || api.getInfo().getTitle() == null ? "api" : api.getInfo().getTitle();
    String name = Naming.snake(t.replaceAll("(?i)\\b(api|rest|the|openapi|specification|spec)\\b", " "), "api");
    return reserved.contains(name) ? name + "_imported" : name;
  }

  private List<Op> choose(List<Op> all, Selection selection) {
    if (selection.all()) {
      return all;
    }
    if (selection.tag().isPresent()) {
      String tag = selection.tag().get();
      List<Op> out = all.stream().filter(o -> o.op().getTags() != null && o.op().getTags().stream().anyMatch(t -> t.equalsIgnoreCase(tag))).toList();
      if (out.isEmpty()) {
        Set<String> tags = tags();
        throw new ImportException("no operation has the tag '" + tag + "'" + Names.closest(tag, tags).map(c -> "; did you mean '" + c + "'?")
            .orElse("") + " (tags: " + String.join(", ", tags.stream().limit(30).toList()) + (tags.size() > 30 ? ", …" : "") + ")");
      }
      return out;
    }
    if (selection.operationIds().isEmpty()) {
      throw new ImportException("choose the operations to import: by id (--operation ID), by tag (--tag TAG) or all (--all)");
    }
    Map<String, Op> byId = new LinkedHashMap<>();
    all.forEach(o -> byId.put(o.id(), o));
    Set<Op> out = new LinkedHashSet<>();
    for (String id : selection.operationIds()) {
      Op op = byId.get(id);
      if (op == null) {
        throw new ImportException("the document has no operation '" + id + "'" + Names.closest(id, byId.keySet())
            .map(c -> "; did you mean '" + c + "'?").orElse(""));
      }
      out.add(op);
    }
    return List.copyOf(out);
  }

  private AuthDraft auth(List<Op> chosen, String connector, boolean okta, Set<String> authHeaders, Set<String> authParams) {
    Map<String, SecurityScheme> schemes = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
        ? Map.of() : api.getComponents().getSecuritySchemes();
    List<String> order = new ArrayList<>();
    for (Op op : chosen) {
      List<SecurityRequirement> reqs = op.op().getSecurity() != null ? op.op().getSecurity() : api.getSecurity();
      if (reqs != null) {
        reqs.forEach(r -> r.keySet().forEach(n -> {
          if (!order.contains(n)) {
            order.add(n);
          }
        }));
      }
    }
    List<String> unsupported = new ArrayList<>();
    AuthDraft chosenAuth = null;
    String chosenScheme = null;
    String chosenWhat = null;
    for (String name : order) {
      SecurityScheme s = schemes.get(name);
      if (s == null || s.getType() == null) {
        continue;
      }
      switch (s.getType()) {
        case APIKEY -> {
          if (s.getIn() == SecurityScheme.In.COOKIE) {
            unsupported.add(name + " (an API key in a cookie)");
          } else if (chosenAuth == null) {
            boolean query = s.getIn() == SecurityScheme.In.QUERY;
            String format = "{{secret}}";
            Matcher m = SCHEME_IN_TEXT.matcher(s.getDescription() == null ? "" : s.getDescription());
            if (!query && s.getName().equalsIgnoreCase("Authorization") && m.find()) {
              format = m.group(1) + " {{secret}}";
            } else if (!query && s.getName().equalsIgnoreCase("Authorization") && okta) {
              format = "SSWS {{secret}}";
            }
            (query ? authParams : authHeaders).add(query ? s.getName() : s.getName().toLowerCase(Locale.ROOT));
            String secret = connector + (s.getName().equalsIgnoreCase("Authorization") ? "_api_token" : "_api_key");
            chosenAuth = new AuthDraft.ApiKey(query, s.getName(), format, secret);
            chosenScheme = name;
            chosenWhat = "api_key in the " + (query ? "query parameter " : "header ") + s.getName()
                + (format.equals("{{secret}}") ? "" : " with format \"" + format + "\" (from the scheme's description)");
          }
        }
        case HTTP -> {
          String scheme = s.getScheme() == null ? "" : s.getScheme().toLowerCase(Locale.ROOT);
          if (scheme.equals("bearer") && chosenAuth == null) {
            chosenAuth = new AuthDraft.Bearer(connector + "_token");
            chosenScheme = name;
            chosenWhat = "bearer";
          } else if (scheme.equals("basic") && chosenAuth == null) {
            chosenAuth = new AuthDraft.Basic("username", connector + "_password");
            chosenScheme = name;
            chosenWhat = "basic, the user name in the setting username (" + Naming.env(connector + "_username") + ")";
          } else if (!scheme.equals("bearer") && !scheme.equals("basic")) {
            unsupported.add(name + " (HTTP " + scheme + ")");
          }
        }
        case OAUTH2 -> unsupported.add(name + " (OAuth 2.0 " + (s.getFlows() == null ? "" : flows(s)) + ")");
        case OPENIDCONNECT -> unsupported.add(name + " (OpenID Connect)");
        case MUTUALTLS -> unsupported.add(name + " (mutual TLS)");
        default -> unsupported.add(name);
      }
    }
    if (chosenAuth != null) {
      report(chosenScheme, chosenWhat, chosenAuth.secret(), unsupported);
      return chosenAuth;
    }
    if (!unsupported.isEmpty()) {
      findings.add(Finding.leftToUser("auth", "no security scheme the engine supports: " + String.join(", ", unsupported)
          + "; the connector has auth type none: write its auth: block by hand (docs/definitions.md, \"Auth configs\")"));
    } else if (order.isEmpty()) {
      findings.add(Finding.guessed("auth", "the chosen operations name no security scheme: auth type none"));
    }
    return new AuthDraft.None();
  }

  private void report(String scheme, String what, String secret, List<String> unsupported) {
    findings.add(Finding.guessed("auth", "security scheme " + scheme + ": " + what + ", secret " + secret
        + (unsupported.isEmpty() ? "" : " (preferred over " + String.join(", ", unsupported) + ", which the engine does not support)")));
    findings.add(Finding.leftToUser("secret " + secret, "store the credential with 'switchboard secrets set " + secret + "' or set "
        + Naming.env(secret)));
  }

  private static String flows(SecurityScheme s) {
    List<String> out = new ArrayList<>();
    if (s.getFlows().getAuthorizationCode() != null) {
      out.add("authorization code");
    }
    if (s.getFlows().getClientCredentials() != null) {
      out.add("client credentials");
    }
    if (s.getFlows().getImplicit() != null) {
      out.add("implicit");
    }
    if (s.getFlows().getPassword() != null) {
      out.add("password");
    }
    return String.join(", ", out);
  }
}
