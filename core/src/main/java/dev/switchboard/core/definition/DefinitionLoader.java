package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.switchboard.core.template.JsonTemplate;
import dev.switchboard.core.template.Template;
import dev.switchboard.core.template.TemplateException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads connector definitions from YAML: a connector directory holds {@code connector.yaml} and
 * {@code actions/*.yaml}; a catalog directory holds connector directories.
 *
 * <p>Everything that does not depend on a call's inputs is checked here, once: YAML syntax, known
 * fields, types, templates (syntax, names, no unescaped tags), JMESPath expressions, input schemas and
 * their defaults. Every problem is collected with its file, line and field; loading then fails with one
 * {@link DefinitionException} that lists them all. The format is documented in docs/definitions.md.
 */
public final class DefinitionLoader {
  /** The name rule for connectors, actions and inputs: lower-case letters, digits and underscores. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");
  private static final String[] SCHEMA_KEYWORDS = {
    "type", "title", "description", "default", "enum", "const", "examples", "format", "pattern", "minLength",
    "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items",
    "minItems", "maxItems", "uniqueItems", "properties", "additionalProperties", "required"
  };
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final JsonSchema META_SCHEMA = SCHEMAS.getSchema(
      com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private DefinitionLoader() {}

  /**
   * Loads every connector under a directory: the directory itself when it holds {@code connector.yaml},
   * otherwise each sub-directory that does.
   *
   * @param dir a connector directory or a directory of connector directories
   * @return the connectors, sorted by name
   * @throws DefinitionException listing every problem found (with file, line and field), including a
   *     directory that does not exist or holds no connector
   */
  public static List<ConnectorDefinition> loadDirectory(Path dir) {
    List<Problem> problems = new ArrayList<>();
    List<ConnectorDefinition> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      throw new DefinitionException(List.of(new Problem(dir.toString(), 0, "",
          Files.exists(dir) ? "is a file; expected a directory holding connector.yaml and actions/*.yaml"
              : "no such directory")));
    }
    List<Path> connectorDirs = connectorDirectories(dir);
    if (connectorDirs.isEmpty()) {
      problems.add(new Problem(dir.toString(), 0, "",
          "no connector.yaml here or in its sub-directories; a connector directory holds connector.yaml and actions/*.yaml"));
    }
    for (Path connectorDir : connectorDirs) {
      readConnector(connectorDir, connectorDir.toString(), problems).ifPresent(out::add);
    }
    return finish(out, problems);
  }

  /**
   * Loads every connector packaged as resources under {@code root} on the class path (for example the
   * built-in packs under {@code switchboard/connectors}), whether in a directory or a jar.
   *
   * @param loader the class loader to search
   * @param root the resource directory holding connector directories
   * @return the connectors, sorted by name; empty when no resource directory has that name
   * @throws DefinitionException listing every problem found
   */
  public static List<ConnectorDefinition> loadClasspath(ClassLoader loader, String root) {
    List<Problem> problems = new ArrayList<>();
    List<ConnectorDefinition> out = new ArrayList<>();
    try {
      for (Iterator<URL> it = loader.getResources(root).asIterator(); it.hasNext(); ) {
        URI uri = it.next().toURI();
        if ("jar".equals(uri.getScheme())) {
          FileSystem fs;
          try {
            fs = FileSystems.getFileSystem(uri);
          } catch (FileSystemNotFoundException e) {
            fs = FileSystems.newFileSystem(uri, Map.of());
          }
          String inside = uri.getSchemeSpecificPart();
          inside = inside.substring(inside.indexOf("!/") + 1);
          readAll(fs.getPath(inside), "classpath:" + root, problems, out);
        } else {
          readAll(Path.of(uri), "classpath:" + root, problems, out);
        }
      }
    } catch (IOException | URISyntaxException e) {
      problems.add(new Problem("classpath:" + root, 0, "", "cannot read packaged definitions: " + e.getMessage()));
    }
    return finish(out, problems);
  }

  private static void readAll(Path dir, String label, List<Problem> problems, List<ConnectorDefinition> out) {
    for (Path connectorDir : connectorDirectories(dir)) {
      readConnector(connectorDir, label + "/" + connectorDir.getFileName().toString().replace("/", ""), problems)
          .ifPresent(out::add);
    }
  }

  private static List<ConnectorDefinition> finish(List<ConnectorDefinition> out, List<Problem> problems) {
    Set<String> seen = new LinkedHashSet<>();
    for (ConnectorDefinition c : out) {
      if (!seen.add(c.name())) {
        problems.add(new Problem(c.file(), 0, "name", "connector '" + c.name() + "' is defined more than once"));
      }
    }
    if (!problems.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
      throw new DefinitionException(sorted);
    }
    out.sort(Comparator.comparing(ConnectorDefinition::name));
    return List.copyOf(out);
  }

  private static List<Path> connectorDirectories(Path dir) {
    if (Files.isRegularFile(dir.resolve("connector.yaml"))) {
      return List.of(dir);
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(p -> Files.isRegularFile(p.resolve("connector.yaml"))).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<ConnectorDefinition> readConnector(Path dir, String label, List<Problem> problems) {
    int before = problems.size();
    String connectorFile = label + "/connector.yaml";
    YamlFile yaml = parseFile(dir.resolve("connector.yaml"), connectorFile, problems);
    if (yaml == null) {
      return Optional.empty();
    }
    Mapping m = Mapping.root(yaml, problems);
    if (m == null) {
      return Optional.empty();
    }
    m.allowOnly("name", "title", "description", "base_url", "config", "auth", "headers", "sandbox", "rate_limit", "retry",
        "timeouts", "max_response_bytes", "allowed_hosts");
    String name = m.requiredText("name", "okta");
    checkName(m, "name", name);
    String title = m.text("title").orElse(name);
    String description = m.text("description").orElse("");
    Map<String, ConfigVariable> config = new LinkedHashMap<>();
    m.mapping("config").ifPresent(c -> {
      for (Iterator<String> it = c.node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        checkName(c, key, key);
        c.mapping(key).ifPresent(v -> {
          v.allowOnly("description", "env", "example");
          v.text("env").filter(e -> !e.matches("[A-Za-z_][A-Za-z0-9_]*")).ifPresent(e ->
              v.problem("env", "'" + printable(e) + "' is not an environment variable name (letters, digits and '_')"));
          config.put(key, new ConfigVariable(key, v.text("description").orElse(""), v.text("env"), v.text("example")));
        });
      }
    });
    Set<String> configNames = config.keySet();
    Template baseUrl = template(m, "base_url", m.requiredText("base_url", "\"https://{{config.host}}\""), Set.of("config"), configNames);
    if (baseUrl != null && baseUrl.isConstant()) {
      String problem = BaseUrl.problem(baseUrl.source());
      if (problem != null) {
        m.problem("base_url", problem);
      }
    }
    AuthConfig auth = m.mapping("auth").map(a -> readAuth(a, configNames)).orElseGet(() -> {
      m.problem(null, "missing required field 'auth' (for no credentials, write auth: {type: none})");
      return null;
    });
    Map<String, Template> headers = new LinkedHashMap<>();
    m.textMap("headers").forEach((k, v) -> {
      if (checkHeader(m, "headers." + k, k, v)) {
        Template t = template(m, "headers." + k, v, Set.of("config"), configNames);
        if (t != null) {
          headers.put(k, t);
        }
      }
    });
    Optional<String> sandbox = m.text("sandbox");
    sandbox.filter(sb -> !sb.equals("okta")).ifPresent(sb -> m.problem("sandbox", "unknown sandbox '" + sb + "'; the built-in one is okta"));
    TransportSettings transport = readTransport(m);

    List<ActionDefinition> actions = new ArrayList<>();
    Path actionsDir = dir.resolve("actions");
    if (!Files.isDirectory(actionsDir)) {
      problems.add(new Problem(connectorFile, 0, "", "no actions/ directory next to connector.yaml; each action is a file actions/NAME.yaml"));
    } else {
      List<Path> files;
      try (Stream<Path> list = Files.list(actionsDir)) {
        files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
      } catch (IOException e) {
        files = List.of();
        problems.add(new Problem(label + "/actions", 0, "", "cannot list: " + e.getMessage()));
      }
      for (Path file : files) {
        readAction(file, label + "/actions/" + file.getFileName(), configNames, problems).ifPresent(actions::add);
      }
    }
    Map<String, ActionDefinition> byName = new java.util.HashMap<>();
    actions.forEach(a -> byName.put(a.name(), a));
    for (ActionDefinition a : actions) {
      for (Step step : a.steps()) {
        if (step.kind() instanceof Step.Run run) {
          ActionDefinition target = byName.get(run.action());
          if (target == null) {
            problems.add(new Problem(a.file(), 0, "steps", "step action '" + run.action() + "' is not an action of connector '"
                + name + "'" + Mapping.closest(run.action(), byName.keySet()).map(c -> "; did you mean '" + c + "'?").orElse("")));
          } else if (target.compound()) {
            problems.add(new Problem(a.file(), 0, "steps", "step action '" + run.action() + "' is itself compound; steps run plain actions only"));
          } else {
            for (String input : run.inputs().fieldNames()) {
              if (!target.inputs().containsKey(input)) {
                problems.add(new Problem(a.file(), 0, "steps", "step action '" + run.action() + "' has no input '" + input + "'"
                    + Mapping.closest(input, target.inputs().keySet()).map(c -> "; did you mean '" + c + "'?").orElse("")
                    + " (its inputs: " + String.join(", ", target.inputs().keySet()) + ")"));
              }
            }
            if (a.annotations().readOnly() && !target.annotations().readOnly()) {
              problems.add(new Problem(a.file(), 0, "annotations.read_only", "the compound runs '" + run.action()
                  + "', which is not read_only, so it cannot be read_only itself"));
            }
            if (target.annotations().destructive() && !a.annotations().destructive()) {
              problems.add(new Problem(a.file(), 0, "annotations.destructive", "the compound runs '" + run.action()
                  + "', which is destructive, so it must be annotated destructive: true (callers confirm before it runs)"));
            }
          }
        }
      }
    }
    if (problems.size() > before || name == null || auth == null || baseUrl == null) {
      return Optional.empty();
    }
    actions.sort(Comparator.comparing(ActionDefinition::name));
    return Optional.of(new ConnectorDefinition(name, title, description, baseUrl, Map.copyOf(config), auth,
        java.util.Collections.unmodifiableMap(headers), transport, sandbox, List.copyOf(actions), connectorFile));
  }

  private static AuthConfig readAuth(Mapping a, Set<String> configNames) {
    String type = a.requiredText("type", "api_key");
    if (type == null) {
      return null;
    }
    switch (type) {
      case "none" -> {
        a.allowOnly("type");
        return new AuthConfig.None();
      }
      case "api_key" -> {
        a.allowOnly("type", "placement", "header", "param", "format", "secret");
        String placementText = a.text("placement").orElse("header");
        AuthConfig.Placement placement;
        String target;
        if (placementText.equals("header")) {
          placement = AuthConfig.Placement.HEADER;
          target = a.text("header").orElse("Authorization");
          if (a.has("param")) {
            a.problem("param", "'param' is for placement: query; with placement: header, name the header with 'header'");
          }
          checkHeader(a, "header", target, null);
        } else if (placementText.equals("query")) {
          placement = AuthConfig.Placement.QUERY;
          target = a.requiredText("param", "api_key");
          if (a.has("header")) {
            a.problem("header", "'header' is for placement: header; with placement: query, name the parameter with 'param'");
          }
        } else {
          a.problem("placement", "must be header or query, not '" + placementText + "'");
          return null;
        }
        String secret = a.requiredText("secret", "okta_api_token");
        checkName(a, "secret", secret);
        String formatText = a.text("format").orElse("{{secret}}");
        if (!headerSafe(formatText)) {
          a.problem("format", "holds a control character (CR, LF...) or a character outside Latin-1; the format is one line of text");
          return null;
        }
        Template format = template(a, "format", formatText, Set.of("secret"), Set.of());
        if (format != null && !format.names().contains("secret")) {
          a.problem("format", "must place the key with {{secret}}, as in \"SSWS {{secret}}\"");
          format = null;
        }
        if (target == null || secret == null || format == null) {
          return null;
        }
        return new AuthConfig.ApiKey(placement, target, format, secret);
      }
      case "bearer" -> {
        a.allowOnly("type", "secret");
        String secret = a.requiredText("secret", "my_api_token");
        checkName(a, "secret", secret);
        return secret == null ? null : new AuthConfig.Bearer(secret);
      }
      case "basic" -> {
        a.allowOnly("type", "username", "secret");
        Template username = template(a, "username", a.requiredText("username", "\"{{config.user}}\""), Set.of("config"), configNames);
        String secret = a.requiredText("secret", "my_password");
        checkName(a, "secret", secret);
        return username == null || secret == null ? null : new AuthConfig.Basic(username, secret);
      }
      case "oauth2_client_credentials" -> {
        a.allowOnly("type", "token_url", "client_id", "client_auth", "secret", "algorithm", "key_id", "scopes");
        Template tokenUrl = template(a, "token_url", a.requiredText("token_url", "\"{{config.org_url}}/oauth2/v1/token\""), Set.of("config"), configNames);
        Template clientId = template(a, "client_id", a.requiredText("client_id", "\"{{config.client_id}}\""), Set.of("config"), configNames);
        String clientAuthText = a.text("client_auth").orElse("client_secret_basic");
        AuthConfig.ClientAuth clientAuth = switch (clientAuthText) {
          case "client_secret_basic" -> AuthConfig.ClientAuth.CLIENT_SECRET_BASIC;
          case "client_secret_post" -> AuthConfig.ClientAuth.CLIENT_SECRET_POST;
          case "private_key_jwt" -> AuthConfig.ClientAuth.PRIVATE_KEY_JWT;
          default -> {
            a.problem("client_auth", "must be client_secret_basic, client_secret_post or private_key_jwt, not '" + clientAuthText + "'");
            yield null;
          }
        };
        String algorithm = a.text("algorithm").orElse("RS256");
        if (!algorithm.equals("RS256") && !algorithm.equals("ES256")) {
          a.problem("algorithm", "must be RS256 or ES256, not '" + algorithm + "'");
        }
        if (a.has("algorithm") && clientAuth != AuthConfig.ClientAuth.PRIVATE_KEY_JWT) {
          a.problem("algorithm", "is only for client_auth: private_key_jwt");
        }
        Optional<Template> keyId = a.text("key_id").map(k -> template(a, "key_id", k, Set.of("config"), configNames));
        String secret = a.requiredText("secret", "okta_private_key");
        checkName(a, "secret", secret);
        List<String> scopes = new ArrayList<>();
        JsonNode scopeNode = a.raw("scopes");
        if (scopeNode != null && !scopeNode.isNull()) {
          if (scopeNode.isArray()) {
            scopeNode.forEach(sc -> scopes.add(sc.asText()));
          } else if (scopeNode.isTextual()) {
            scopes.addAll(List.of(scopeNode.asText().strip().split("\\s+")));
          } else {
            a.problem("scopes", "must be a list of scope names, such as [okta.users.read]");
          }
        }
        if (tokenUrl == null || clientId == null || clientAuth == null || secret == null) {
          return null;
        }
        return new AuthConfig.OAuth2ClientCredentials(tokenUrl, clientId, clientAuth, secret, algorithm,
            keyId.filter(java.util.Objects::nonNull), List.copyOf(scopes));
      }
      default -> {
        a.problem("type", "unknown auth type '" + type + "'; supported: none, api_key, bearer, basic, oauth2_client_credentials");
        return null;
      }
    }
  }

  private static List<Step> readSteps(Mapping m, Set<String> inputs, Set<String> used) {
    List<Step> steps = new ArrayList<>();
    JsonNode list = m.raw("steps");
    if (!list.isArray() || list.isEmpty()) {
      m.problem("steps", "must be a non-empty list of steps, each with action, fail or result");
      return steps;
    }
    Set<String> scope = new LinkedHashSet<>(inputs);
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String path = "steps[" + i + "]";
      if (!(item instanceof ObjectNode object)) {
        m.problem(path, "each step is a mapping with action, fail or result");
        continue;
      }
      Mapping s = new Mapping(m.file, m.fieldPath(path), object, m.problems());
      s.allowOnly("name", "when", "action", "inputs", "fail", "result");
      Optional<String> name = s.text("name");
      name.ifPresent(n -> {
        checkName(s, "name", n);
        if (scope.contains(n)) {
          s.problem("name", "'" + n + "' is already an input or an earlier step's name");
        }
      });
      Optional<String> when = s.text("when");
      when.ifPresent(w -> {
        checkJmesPath(s, "when", w);
        used.addAll(identifiers(w, scope));
      });
      int kinds = (s.has("action") ? 1 : 0) + (s.has("fail") ? 1 : 0) + (s.has("result") ? 1 : 0);
      if (kinds != 1) {
        s.problem(null, "a step has exactly one of action, fail or result");
        continue;
      }
      Step.Kind kind = null;
      if (s.has("action")) {
        String action = s.requiredText("action", "get_user");
        JsonNode inputNode = s.raw("inputs");
        JsonTemplate template = JsonTemplate.compile(inputNode == null || inputNode.isNull()
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : inputNode);
        for (String n : template.names()) {
          if (!scope.contains(n)) {
            s.problem("inputs", "{{" + n + "}} names nothing; known here: " + String.join(", ", scope));
          }
        }
        used.addAll(template.names());
        kind = action == null ? null : new Step.Run(action, template);
      } else if (s.has("fail")) {
        Optional<Mapping> fail = s.mapping("fail");
        if (fail.isPresent()) {
          Mapping f = fail.get();
          f.allowOnly("category", "message");
          String category = f.text("category").orElse("validation");
          try {
            dev.switchboard.core.error.ErrorCategory.valueOf(category.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            f.problem("category", "unknown error category '" + category + "'; use validation, conflict, not_found, permission...");
          }
          Template message = template(f, "message", f.requiredText("message", "\"User {{id}} is not deprovisioned\""), scope, Set.of());
          if (message != null) {
            used.addAll(message.names());
            kind = new Step.Fail(category, message);
          }
        }
      } else {
        String expression = s.requiredText("result", "user");
        if (expression != null) {
          checkJmesPath(s, "result", expression);
          used.addAll(identifiers(expression, scope));
          kind = new Step.Result(expression);
        }
      }
      name.ifPresent(scope::add);
      if (kind != null) {
        steps.add(new Step(name, when, kind));
      }
    }
    return steps;
  }

  /** Returns the names of {@code scope} that appear as identifiers in a JMESPath expression (a conservative scan). */
  private static Set<String> identifiers(String expression, Set<String> scope) {
    Set<String> out = new LinkedHashSet<>();
    java.util.regex.Matcher matcher = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(expression);
    while (matcher.find()) {
      if (scope.contains(matcher.group())) {
        out.add(matcher.group());
      }
    }
    return out;
  }

  private static TransportSettings readTransport(Mapping m) {
    TransportSettings d = TransportSettings.DEFAULT;
    boolean[] headers = {d.rateLimitHeaders()};
    int[] concurrent = {d.maxConcurrent()};
    m.mapping("rate_limit").ifPresent(r -> {
      r.allowOnly("headers", "max_concurrent");
      r.text("headers").ifPresent(h -> {
        switch (h) {
          case "okta" -> headers[0] = true;
          case "none" -> headers[0] = false;
          default -> r.problem("headers", "must be okta (X-Rate-Limit-* headers) or none, not '" + h + "'");
        }
      });
      concurrent[0] = (int) positive(r, "max_concurrent", d.maxConcurrent(), 10_000);
    });
    dev.switchboard.core.retry.RetryPolicy[] retry = {d.retry()};
    m.mapping("retry").ifPresent(r -> {
      r.allowOnly("max_attempts", "initial_backoff_ms", "max_backoff_ms", "headers");
      boolean okta = false;
      Optional<String> h = r.text("headers");
      if (h.isPresent()) {
        if (h.get().equals("okta")) {
          okta = true;
        } else if (!h.get().equals("none")) {
          r.problem("headers", "must be okta (X-Okta-Retry-For and X-Okta-Retry-Count) or none, not '" + h.get() + "'");
        }
      }
      retry[0] = new dev.switchboard.core.retry.RetryPolicy(
          (int) positive(r, "max_attempts", d.retry().maxAttempts(), 20),
          java.time.Duration.ofMillis(positive(r, "initial_backoff_ms", d.retry().initialBackoff().toMillis(), 600_000)),
          java.time.Duration.ofMillis(positive(r, "max_backoff_ms", d.retry().maxBackoff().toMillis(), 3_600_000)),
          okta);
    });
    long[] timeouts = {d.connectTimeout().toMillis(), d.requestTimeout().toMillis(), d.callTimeout().toMillis()};
    m.mapping("timeouts").ifPresent(t -> {
      t.allowOnly("connect_ms", "request_ms", "call_ms");
      timeouts[0] = positive(t, "connect_ms", timeouts[0], 3_600_000);
      timeouts[1] = positive(t, "request_ms", timeouts[1], 3_600_000);
      timeouts[2] = positive(t, "call_ms", timeouts[2], 86_400_000);
    });
    long maxBytes = positive(m, "max_response_bytes", d.maxResponseBytes(), Integer.MAX_VALUE - 8L); // one Java array
    List<String> hosts = new ArrayList<>();
    JsonNode allowed = m.raw("allowed_hosts");
    if (allowed != null && !allowed.isNull()) {
      if (!allowed.isArray()) {
        m.problem("allowed_hosts", "must be a list of host names, such as [login.example.com]");
      } else {
        for (JsonNode host : allowed) {
          String h = host.asText().strip().toLowerCase(Locale.ROOT);
          if (!h.matches("[a-z0-9.-]+|\\[[0-9a-f:]+\\]")) {
            m.problem("allowed_hosts", "'" + host.asText() + "' is not a host name (no scheme, port or path)");
          } else {
            hosts.add(h);
          }
        }
      }
    }
    return new TransportSettings(headers[0], concurrent[0], retry[0], java.time.Duration.ofMillis(timeouts[0]),
        java.time.Duration.ofMillis(timeouts[1]), java.time.Duration.ofMillis(timeouts[2]), maxBytes, List.copyOf(hosts));
  }

  private static long positive(Mapping m, String key, long fallback, long max) {
    JsonNode value = m.raw(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
      m.problem(key, "must be a whole number from 1 to " + max + ", not " + value);
      return fallback;
    }
    return value.asLong();
  }

  private static Optional<ActionDefinition> readAction(Path path, String label, Set<String> configNames, List<Problem> problems) {
    int before = problems.size();
    YamlFile yaml = parseFile(path, label, problems);
    if (yaml == null) {
      return Optional.empty();
    }
    Mapping m = Mapping.root(yaml, problems);
    if (m == null) {
      return Optional.empty();
    }
    boolean compound = m.has("steps");
    if (compound) {
      m.allowOnly("name", "title", "description", "inputs", "steps", "output", "annotations", "error_hints", "internal");
    } else {
      m.allowOnly("name", "title", "description", "method", "path", "query", "headers", "body", "inputs", "pagination", "output",
          "annotations", "error_hints", "internal");
    }
    String stem = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String name = m.text("name").orElse(stem);
    if (!name.equals(stem)) {
      m.problem("name", "'" + name + "' differs from the file name; name the file " + name + ".yaml or drop the field");
    }
    checkName(m, "name", name);
    String description = m.requiredText("description", "Lists users in the org.");
    String title = m.text("title").orElse(name.replace('_', ' '));
    String method = compound ? "" : m.requiredText("method", "GET");
    if (method != null && !compound && !METHODS.contains(method)) {
      String upper = method.toUpperCase(Locale.ROOT);
      m.problem("method", "'" + method + "' is not an HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD"
          + (METHODS.contains(upper) ? " (upper case: " + upper + ")" : ""));
    }

    Map<String, InputDefinition> inputs = new LinkedHashMap<>();
    m.mapping("inputs").ifPresent(in -> {
      for (Iterator<String> it = in.node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (key.equals("config")) {
          in.problem(key, "'config' is reserved for connector settings; choose another input name");
          continue;
        }
        checkName(in, key, key);
        if (!(in.raw(key) instanceof ObjectNode)) {
          in.problem(key, "each input is a mapping such as {type: string, description: ...}");
          continue;
        }
        in.mapping(key).ifPresent(i -> readInput(i, key).ifPresent(d -> inputs.put(key, d)));
      }
    });
    Set<String> scope = new LinkedHashSet<>(inputs.keySet());
    scope.add("config");
    Set<String> used = new LinkedHashSet<>();

    String pathText = compound ? "/" : m.requiredText("path", "/api/v1/users");
    Template pathTemplate = null;
    if (pathText != null) {
      if (!pathText.startsWith("/")) {
        m.problem("path", "must start with '/', as in /api/v1/users");
      } else if (pathText.replaceAll("\\{\\{[^}]*\\}\\}", "").matches(".*[?#].*")) {
        m.problem("path", "may not hold '?' or '#'; declare query parameters under query:");
      } else if (java.util.Arrays.stream(pathText.replaceAll("\\{\\{[^}]*\\}\\}", "x").split("/")).anyMatch(seg -> seg.equals(".") || seg.equals(".."))) {
        m.problem("path", "may not hold '.' or '..' segments; name the resource's path exactly");
      } else {
        pathTemplate = template(m, "path", pathText, scope, configNames);
        if (pathTemplate != null) {
          used.addAll(pathTemplate.names());
          for (String n : pathTemplate.names()) {
            InputDefinition input = inputs.get(n);
            if (input != null && !input.required() && input.defaultValue().isEmpty()) {
              m.problem("path", "input '" + n + "' is in the path, so it must be required: true (or have a default)");
            }
          }
        }
      }
    }
    Map<String, Template> query = new LinkedHashMap<>();
    m.textMap("query").forEach((k, v) -> {
      Template t = template(m, "query." + k, v, scope, configNames);
      if (t != null) {
        query.put(k, t);
        used.addAll(t.names());
      }
    });
    Map<String, Template> headers = new LinkedHashMap<>();
    m.textMap("headers").forEach((k, v) -> {
      if (!checkHeader(m, "headers." + k, k, v)) {
        return;
      }
      Template t = template(m, "headers." + k, v, scope, configNames);
      if (t != null) {
        headers.put(k, t);
        used.addAll(t.names());
      }
    });
    Optional<JsonTemplate> body = Optional.empty();
    JsonNode bodyNode = m.raw("body");
    if (bodyNode != null && !bodyNode.isNull()) {
      if (!bodyNode.isObject() && !bodyNode.isArray()) {
        m.problem("body", "must be a mapping or a list (the JSON body as a tree), not " + Mapping.kind(bodyNode));
      } else if ("GET".equals(method) || "HEAD".equals(method)) {
        m.problem("body", method + " requests carry no body; use query: for inputs, or another method");
      } else {
        try {
          JsonTemplate compiled = JsonTemplate.compile(bodyNode);
          if (compiled.hasUnescapedTags()) {
            m.problem("body", "unescaped tags ({{{x}}} or {{&x}}) are not allowed; write {{x}}");
          }
          boolean ok = true;
          for (String n : compiled.names()) {
            if (!scope.contains(n)) {
              String hint = Mapping.closest(n, scope).map(c -> " Did you mean {{" + c + "}}?").orElse("");
              m.problem("body", "{{" + n + "}} names nothing; known here: " + String.join(", ", scope) + "." + hint);
              ok = false;
            }
          }
          used.addAll(compiled.names());
          if (ok) {
            body = Optional.of(compiled);
          }
        } catch (TemplateException e) {
          m.problem("body", "bad template: " + e.getMessage());
        }
      }
    }
    Map<String, String> errorHints = m.textMap("error_hints");
    List<Step> steps = compound ? readSteps(m, inputs.keySet(), used) : List.of();
    boolean internal = m.flag("internal", false);
    for (String input : inputs.keySet()) {
      if (!used.contains(input)) {
        m.problem("inputs." + input, "input '" + input + "' is declared but used nowhere; place it in "
            + (compound ? "a step's inputs, a when or a result" : "path, query, headers or body") + " as {{" + input + "}}");
      }
    }

    PaginationConfig pagination = m.mapping("pagination").map(p -> readPagination(p, inputs.keySet())).orElse(new PaginationConfig.None());
    OutputConfig output = m.mapping("output").map(o -> {
      o.allowOnly("records", "map");
      Optional<String> records = o.text("records");
      Optional<String> map = o.text("map");
      records.ifPresent(e -> checkJmesPath(o, "records", e));
      map.ifPresent(e -> checkJmesPath(o, "map", e));
      return new OutputConfig(records, map);
    }).orElse(OutputConfig.IDENTITY);
    Annotations annotations = m.mapping("annotations").map(a -> {
      a.allowOnly("read_only", "destructive", "idempotent");
      boolean readOnly = a.flag("read_only", false);
      boolean destructive = a.flag("destructive", false);
      if (readOnly && destructive) {
        a.problem("destructive", "an action cannot be both read_only and destructive");
      }
      return new Annotations(readOnly, destructive, a.flag("idempotent", readOnly));
    }).orElse(compound ? new Annotations(false, false, false)
        : new Annotations("GET".equals(method) || "HEAD".equals(method), "DELETE".equals(method),
            !"POST".equals(method) && !"PATCH".equals(method)));

    if (problems.size() > before || pagination == null) {
      return Optional.empty();
    }
    return Optional.of(new ActionDefinition(name, title, description, method, pathTemplate,
        java.util.Collections.unmodifiableMap(query), java.util.Collections.unmodifiableMap(headers), body,
        java.util.Collections.unmodifiableMap(inputs), pagination, output, annotations, Map.copyOf(errorHints),
        List.copyOf(steps), internal, label));
  }

  private static Optional<InputDefinition> readInput(Mapping i, String name) {
    i.allowOnly(SCHEMA_KEYWORDS);
    String type = i.requiredText("type", "string");
    if (type != null && !TYPES.contains(type)) {
      i.problem("type", "unknown type '" + type + "'; use one of string, integer, number, boolean, array, object");
      return Optional.empty();
    }
    JsonNode requiredNode = i.raw("required");
    boolean required = false;
    if (requiredNode != null && !requiredNode.isNull()) {
      if (requiredNode.isBoolean()) {
        required = requiredNode.booleanValue();
      } else {
        i.problem("required", "must be true or false (this input's own flag, not a list)");
      }
    }
    ObjectNode schema = i.node.deepCopy();
    schema.remove("required");
    boolean[] badPattern = {false};
    i.text("pattern").ifPresent(p -> {
      try {
        Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        i.problem("pattern", "not a valid regular expression: " + e.getDescription());
        badPattern[0] = true;
      }
    });
    if (badPattern[0]) {
      return Optional.empty();
    }
    Set<ValidationMessage> metaProblems = META_SCHEMA.validate(schema);
    if (!metaProblems.isEmpty()) {
      ValidationMessage first = metaProblems.iterator().next();
      String where = first.getInstanceLocation().toString().replaceFirst("^(\\$\\.?|/)", "");
      i.problem(where.isEmpty() ? null : where.replace('/', '.'), "not valid JSON Schema: " + first.getError());
      return Optional.empty();
    }
    JsonSchema validator;
    try {
      validator = SCHEMAS.getSchema(schema, com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    } catch (RuntimeException e) {
      i.problem(null, "not a valid JSON Schema (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
      return Optional.empty();
    }
    Optional<JsonNode> defaultValue = Optional.ofNullable(schema.get("default")).filter(d -> !d.isNull());
    if (defaultValue.isPresent()) {
      Set<ValidationMessage> errors = validator.validate(defaultValue.get());
      if (!errors.isEmpty()) {
        i.problem("default", "the default does not fit the input's own schema: " + errors.iterator().next().getError());
      }
      if (required) {
        i.problem("required", "an input with a default is never missing; drop required: true or the default");
      }
    }
    String description = i.text("description").orElse("");
    if (type == null) {
      return Optional.empty();
    }
    return Optional.of(new InputDefinition(name, type, description, required, defaultValue, schema));
  }

  private static PaginationConfig readPagination(Mapping p, Set<String> inputs) {
    String type = p.requiredText("type", "link_header");
    if (type == null) {
      return null;
    }
    if (type.equals("none")) {
      p.allowOnly("type");
      return new PaginationConfig.None();
    }
    Optional<String> limit = p.text("limit_param");
    limit.filter(l -> !inputs.contains(l)).ifPresent(l -> p.problem("limit_param",
        "'" + l + "' is not an input of this action; declare an integer input " + l + " placed in the query"));
    OptionalLong maxPages = p.has("max_pages") ? OptionalLong.of(positive(p, "max_pages", 1, Long.MAX_VALUE)) : OptionalLong.empty();
    OptionalLong maxItems = p.has("max_items") ? OptionalLong.of(positive(p, "max_items", 1, Long.MAX_VALUE)) : OptionalLong.empty();
    String[] common = {"type", "limit_param", "max_pages", "max_items", "stop_on_empty_page"};
    switch (type) {
      case "link_header" -> {
        p.allowOnly(concat(common, "cursor_param", "polling", "poll_interval_ms"));
        Optional<String> cursor = p.text("cursor_param");
        cursor.filter(c -> !inputs.contains(c)).ifPresent(c -> p.problem("cursor_param",
            "'" + c + "' is not an input of this action; declare an input " + c + " placed in the query as {{" + c + "}}"));
        boolean polling = p.flag("polling", false);
        long interval = p.has("poll_interval_ms") ? positive(p, "poll_interval_ms", 1000, 3_600_000) : 0;
        if (p.has("poll_interval_ms") && !polling) {
          p.problem("poll_interval_ms", "is only for polling: true");
        }
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", false), maxPages, maxItems);
        return new PaginationConfig.LinkHeader(cursor, limit, polling, interval, stop);
      }
      case "cursor" -> {
        p.allowOnly(concat(common, "cursor_param", "cursor_path", "cursor_header"));
        String cursor = p.requiredText("cursor_param", "cursor");
        Optional<String> path = p.text("cursor_path");
        Optional<String> header = p.text("cursor_header");
        path.ifPresent(e -> checkJmesPath(p, "cursor_path", e));
        if (path.isEmpty() && header.isEmpty()) {
          p.problem(null, "a cursor paginator needs cursor_path (a JMESPath into the body) or cursor_header");
        }
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return cursor == null ? null : new PaginationConfig.Cursor(cursor, path, header, limit, stop);
      }
      case "offset" -> {
        p.allowOnly(concat(common, "offset_param"));
        String offset = p.requiredText("offset_param", "offset");
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return offset == null ? null : new PaginationConfig.Offset(offset, limit, stop);
      }
      case "page_number" -> {
        p.allowOnly(concat(common, "page_param", "start_page"));
        String page = p.requiredText("page_param", "page");
        long start = p.has("start_page") && p.raw("start_page").isIntegralNumber() ? p.raw("start_page").asLong() : 1;
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return page == null ? null : new PaginationConfig.PageNumber(page, start, limit, stop);
      }
      default -> {
        p.problem("type", "unknown pagination type '" + type + "'; supported: none, link_header, cursor, offset, page_number");
        return null;
      }
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static boolean checkHeader(Mapping m, String field, String name, String value) {
    if (!dev.switchboard.core.transport.HeaderFields.validName(name)) {
      m.problem(field, "'" + printable(name) + "' is not a valid header name (RFC 9110 token characters only)");
      return false;
    }
    if (dev.switchboard.core.transport.HeaderFields.restricted(name)) {
      m.problem(field, "'" + name + "' is set by the HTTP client itself and cannot be declared");
      return false;
    }
    if (value != null && !headerSafe(value)) {
      m.problem(field, "the value holds a control character or a character outside Latin-1 (CR, LF...); header values are one line of text");
      return false;
    }
    return true;
  }

  static boolean headerSafe(String text) {
    return dev.switchboard.core.transport.HeaderFields.unsafeCharAt(text) < 0;
  }

  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static void checkJmesPath(Mapping m, String key, String expression) {
    try {
      dev.switchboard.core.output.Jmespath.compile(expression);
    } catch (RuntimeException e) {
      m.problem(key, "not a valid JMESPath expression: " + e.getMessage());
    }
  }

  private static Template template(Mapping m, String key, String text, Set<String> scope, Set<String> configNames) {
    if (text == null) {
      return null;
    }
    String field = key;
    Template template;
    try {
      template = Template.parse(text);
    } catch (TemplateException e) {
      m.problem(field, "bad template: " + e.getMessage());
      return null;
    }
    if (template.hasUnescapedTags()) {
      m.problem(field, "unescaped tags ({{{x}}} or {{&x}}) are not allowed: every value is encoded for where it lands; write {{x}}");
      return null;
    }
    boolean ok = true;
    for (String name : template.names()) {
      if (!scope.contains(name)) {
        String hint = Mapping.closest(name, scope).map(c -> " Did you mean {{" + c + "}}?").orElse("");
        m.problem(field, "{{" + name + "}} names nothing; known here: "
            + (scope.isEmpty() ? "(none)" : String.join(", ", scope.stream().map(s -> s.equals("config") ? "config.*" : s).toList())) + "." + hint);
        ok = false;
      }
    }
    if (scope.contains("config")) {
      for (String configName : configReferences(text)) {
        if (!configNames.contains(configName)) {
          m.problem(field, "{{config." + configName + "}} is not declared under the connector's config:"
              + (configNames.isEmpty() ? " (it declares none)" : "; declared: " + String.join(", ", configNames)));
          ok = false;
        }
      }
    }
    return ok ? template : null;
  }

  private static Set<String> configReferences(String text) {
    Set<String> out = new LinkedHashSet<>();
    var matcher = Pattern.compile("\\{\\{\\s*[#^/]?\\s*config\\.([A-Za-z0-9_]+)").matcher(text);
    while (matcher.find()) {
      out.add(matcher.group(1));
    }
    return out;
  }

  private static void checkName(Mapping m, String key, String name) {
    if (name != null && !NAME.matcher(name).matches()) {
      m.problem(key, "'" + name + "' is not a valid name; use lower-case letters, digits and '_', starting with a letter (such as list_users)");
    }
  }

  /** The largest definition file read, in bytes (1 MiB); definitions are small, and a larger file is a mistake. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private static YamlFile parseFile(Path path, String label, List<Problem> problems) {
    String text;
    try {
      if (!Files.isRegularFile(path)) {
        problems.add(new Problem(label, 0, "", Files.exists(path) ? "not a regular file (a directory, device or pipe); definitions are plain YAML files"
            : "cannot read: the file (or the target of its link) does not exist"));
        return null;
      }
      long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        problems.add(new Problem(label, 0, "", "too large (" + size + " bytes; a definition file may have at most " + MAX_FILE_BYTES + ")"));
        return null;
      }
      byte[] bytes = Files.readAllBytes(path);
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        problems.add(new Problem(label, 0, "", "not valid UTF-8; save the file as UTF-8"));
        return null;
      }
    } catch (IOException e) {
      problems.add(new Problem(label, 0, "", "cannot read: " + e.getMessage()));
      return null;
    }
    return YamlFile.parse(label, text, problems);
  }
}
