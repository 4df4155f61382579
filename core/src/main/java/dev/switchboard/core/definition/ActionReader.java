package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkHeader;
import static dev.switchboard.core.definition.FieldChecks.checkJmesPath;
import static dev.switchboard.core.definition.FieldChecks.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.template.JsonTemplate;
import dev.switchboard.core.template.Template;
import dev.switchboard.core.template.TemplateException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one action file ({@code actions/NAME.yaml}) into an {@link ActionDefinition}: its request (method, path,
 * query, headers, body), inputs, steps, pagination, output and annotations. Templates may name the action's
 * inputs and the connector's {@code config.*} settings; every input must be used somewhere.
 */
final class ActionReader {
  private static final String TEMPLATE_TAG = "\\{\\{[^}]*\\}\\}";

  private ActionReader() {}

  /**
   * An action read, with its YAML (for the lines of later cross-checks).
   *
   * @param definition the action
   * @param yaml the file it was read from
   */
  record Read(ActionDefinition definition, YamlFile yaml) {}

  /**
   * Reads an action.
   *
   * @param source the action's text; problems name it
   * @param configNames the connector's settings
   * @param shared the connector's shared inputs, which inputs take with {@code use:}
   * @param problems where problems are added
   * @return the action, or empty when it has problems
   */
  static Optional<Read> read(SourceText source, Set<String> configNames, SharedInputs shared, List<Problem> problems) {
    int before = problems.size();
    YamlFile yaml = YamlFile.parse(source, problems);
    if (yaml == null) {
      return Optional.empty();
    }
    Mapping m = Mapping.checked(yaml, DefinitionSchema.Kind.ACTION, problems);
    if (m == null) {
      return Optional.empty();
    }
    boolean compound = m.has("steps");
    String name = name(m, source);
    String description = m.text("description").orElse(null);
    String title = m.text("title").orElse(name == null ? "" : name.replace('_', ' '));
    String method = compound ? "" : m.text("method").orElse(null);

    Map<String, InputDefinition> inputs = InputReader.read(m, shared);
    Set<String> declared = new LinkedHashSet<>(); // with inputs that have problems, so that their uses raise no second one
    m.mapping("inputs").ifPresent(in -> in.node.fieldNames().forEachRemaining(declared::add));
    Set<String> scope = new LinkedHashSet<>(declared);
    scope.add("config");
    Set<String> used = new LinkedHashSet<>();

    Template pathTemplate = path(m, compound ? "/" : m.text("path").orElse(null), inputs, scope, configNames, used);
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
    Optional<JsonTemplate> body = body(m, method, scope, used);
    Map<String, String> errorHints = m.textMap("error_hints");
    List<Step> steps = compound ? StepReader.read(m, declared, used) : List.of();
    boolean internal = m.flag("internal", false);
    for (String input : inputs.keySet()) {
      if (!used.contains(input) && !m.flagged(null)) { // a use may be in a part the schema found broken
        m.problem("inputs." + input, "input '" + input + "' is declared but used nowhere; place it in "
            + (compound ? "a step's inputs, a when or a result" : "path, query, headers or body") + " as {{" + input + "}}");
      }
    }

    PaginationConfig pagination = m.mapping("pagination").map(p -> PaginationReader.read(p, declared, method))
        .orElse(new PaginationConfig.None());
    OutputConfig output = output(m);
    Annotations annotations = annotations(m, compound, method);

    if (problems.size() > before || pagination == null || name == null || description == null || method == null) {
      return Optional.empty();
    }
    return Optional.of(new Read(new ActionDefinition(name, title, description, method, pathTemplate,
        Collections.unmodifiableMap(query), Collections.unmodifiableMap(headers), body,
        Collections.unmodifiableMap(inputs), pagination, output, annotations, Map.copyOf(errorHints),
        List.copyOf(steps), internal, source.name()), yaml));
  }

  /**
   * Marks the shared inputs an action read before takes ({@code use:}) as used, as reading it again would.
   *
   * @param read the action as read before, without problems
   * @param shared the connector's shared inputs
   */
  static void markShared(Read read, SharedInputs shared) {
    read.yaml().root.path("inputs").forEach(input -> {
      JsonNode use = input.get("use");
      if (use != null && !use.isNull()) {
        shared.use(use.asText(""));
      }
    });
  }

  /**
   * The action's name: its {@code name:} field, else the source's file name without {@code .yaml}. When the
   * source is named as a YAML file, the two must agree.
   */
  private static String name(Mapping m, SourceText source) {
    String stem = source.stem();
    Optional<String> declared = m.text("name");
    if (declared.isPresent()) {
      if (source.namedAsFile() && !declared.get().equals(stem)) {
        m.problem("name", "'" + declared.get() + "' differs from the file name; name the file " + declared.get() + ".yaml or drop the field");
      }
      return declared.get();
    }
    if (!DefinitionLoader.NAME.matcher(stem).matches()) {
      m.problem(null, source.namedAsFile()
          ? "the file name '" + FieldChecks.printable(stem) + "' is not a valid action name (lower-case letters, digits and '_',"
              + " starting with a letter); rename the file, such as list_users.yaml"
          : "missing required field 'name' (the source '" + FieldChecks.printable(source.name())
              + "' is not a file name the action's name can come from; for example name: list_users)");
      return null;
    }
    return stem;
  }

  /** Checks and parses the path; a compound action's is {@code /}, unused. */
  private static Template path(Mapping m, String pathText, Map<String, InputDefinition> inputs, Set<String> scope,
      Set<String> configNames, Set<String> used) {
    if (pathText == null || !pathText.startsWith("/")) {
      return null; // the schema reported it
    }
    if (pathText.replaceAll(TEMPLATE_TAG, "").matches(".*[?#].*")) {
      m.problem("path", "may not hold '?' or '#'; declare query parameters under query:");
      return null;
    }
    if (Arrays.stream(pathText.replaceAll(TEMPLATE_TAG, "x").split("/")).anyMatch(seg -> seg.equals(".") || seg.equals(".."))) {
      m.problem("path", "may not hold '.' or '..' segments; name the resource's path exactly");
      return null;
    }
    Template pathTemplate = template(m, "path", pathText, scope, configNames);
    if (pathTemplate != null) {
      used.addAll(pathTemplate.names());
      for (String n : pathTemplate.names()) {
        InputDefinition input = inputs.get(n);
        if (input != null && !input.required() && input.defaultValue().isEmpty()) {
          m.problem("path", "input '" + n + "' is in the path, so it must be required: true (or have a default)");
        }
      }
    }
    return pathTemplate;
  }

  private static Optional<JsonTemplate> body(Mapping m, String method, Set<String> scope, Set<String> used) {
    JsonNode bodyNode = m.raw("body");
    if (bodyNode == null || bodyNode.isNull()) {
      return Optional.empty();
    }
    if (!bodyNode.isObject() && !bodyNode.isArray()) {
      return Optional.empty(); // the schema reported it
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      m.problem("body", method + " requests carry no body; use query: for inputs, or another method");
      return Optional.empty();
    }
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
      return ok ? Optional.of(compiled) : Optional.empty();
    } catch (TemplateException e) {
      m.problem("body", "bad template: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static OutputConfig output(Mapping m) {
    return m.mapping("output").map(o -> {
      Optional<String> records = o.text("records");
      Optional<String> map = o.text("map");
      records.ifPresent(e -> checkJmesPath(o, "records", e));
      map.ifPresent(e -> checkJmesPath(o, "map", e));
      return new OutputConfig(records, map);
    }).orElse(OutputConfig.IDENTITY);
  }

  /** Reads {@code annotations:}; without it, a method implies them (GET and HEAD read only, DELETE destructive...). */
  private static Annotations annotations(Mapping m, boolean compound, String method) {
    return m.mapping("annotations").map(a -> {
      boolean readOnly = a.flag("read_only", false);
      boolean destructive = a.flag("destructive", false);
      if (readOnly && destructive) {
        a.problem("destructive", "an action cannot be both read_only and destructive");
      }
      return new Annotations(readOnly, destructive, a.flag("idempotent", readOnly));
    }).orElse(compound ? new Annotations(false, false, false)
        : new Annotations("GET".equals(method) || "HEAD".equals(method), "DELETE".equals(method),
            !"POST".equals(method) && !"PATCH".equals(method)));
  }
}
