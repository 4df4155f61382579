package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorSource;
import dev.switchboard.core.definition.DefinitionCache;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.core.definition.SourceText;
import dev.switchboard.workspace.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a connector's files as the engine will read them ({@link DefinitionLoader#load(ConnectorSource)}), with
 * pending changes applied, before anything is saved; and reads {@code settings.yaml}. A definition that does not
 * load is a 422 problem listing every problem with its file ({@code connector/file}), line and field.
 */
final class DefinitionCheck {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DefinitionCheck() {}

  /**
   * A connector's definition files as checked ({@code connector.yaml} and its actions; not its settings), and the
   * definition they load to.
   *
   * @param definition the connector as the engine loads it
   * @param files the definition files checked, file to text
   */
  record Checked(ConnectorDefinition definition, Map<String, String> files) {
    /** Keeps only the definition files. */
    Checked {
      files = definitionFiles(files);
    }
  }

  /**
   * Returns the files the engine loads: {@code connector.yaml} and the actions.
   *
   * @param files file to text
   * @return those of them that are definition files
   */
  static Map<String, String> definitionFiles(Map<String, String> files) {
    Map<String, String> out = new TreeMap<>();
    files.forEach((file, text) -> {
      if (file.equals(Document.CONNECTOR_FILE) || file.startsWith(Document.ACTIONS_DIR)) {
        out.put(file, text);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * Loads a connector from its current files with changes applied, reading again only the files that changed since
   * the cache's last load.
   *
   * @param connector the connector's name in the workspace
   * @param current its current files
   * @param changes files to replace (a text) or remove (empty), by file
   * @param cache what the last load of this connector read
   * @return the definition and the files it was loaded from
   * @throws ApiProblem 422 (field {@code yaml}) listing the problems
   */
  static Checked check(String connector, List<Document> current, Map<String, Optional<String>> changes, DefinitionCache cache) {
    Map<String, String> files = apply(current, changes);
    try {
      return new Checked(load(connector, files, cache), files);
    } catch (ApiProblem e) {
      throw changedFirst(e, connector, changes.keySet());
    }
  }

  /**
   * The same refusal with the problems of the files being changed first (stable otherwise), so that a save leads with
   * what is wrong in the file saved, not with another file's complaint about it (a compound step naming the action).
   */
  private static ApiProblem changedFirst(ApiProblem e, String connector, Collection<String> changed) {
    List<Problem> problems = new ArrayList<>(e.problems());
    if (problems.size() < 2) {
      return e;
    }
    Set<String> paths = new HashSet<>();
    changed.forEach(f -> paths.add(connector + "/" + f));
    problems.sort(Comparator.comparing(p -> !paths.contains(p.file())));
    if (problems.equals(e.problems())) {
      return e;
    }
    return new ApiProblem(e.status(), e.field().orElse(null), problems.size() + " problems in the definition: " + problems.get(0),
        problems);
  }

  /**
   * Loads a connector from its current files with changes applied.
   *
   * @param connector the connector's name in the workspace
   * @param current its current files
   * @param changes files to replace (a text) or remove (empty), by file
   * @return the definition
   * @throws ApiProblem 422 (field {@code yaml}) listing the problems, when it does not load or names itself otherwise
   */
  static ConnectorDefinition load(String connector, List<Document> current, Map<String, Optional<String>> changes) {
    return load(connector, apply(current, changes));
  }

  private static Map<String, String> apply(List<Document> current, Map<String, Optional<String>> changes) {
    Map<String, String> files = new TreeMap<>();
    current.forEach(d -> files.put(d.file(), d.text()));
    changes.forEach((file, text) -> {
      if (text.isPresent()) {
        files.put(file, text.get());
      } else {
        files.remove(file);
      }
    });
    return files;
  }

  /**
   * Loads a connector from its files.
   *
   * @param connector the connector's name
   * @param files file to text
   * @return the definition
   * @throws ApiProblem 422 listing the problems
   */
  static ConnectorDefinition load(String connector, Map<String, String> files) {
    return load(connector, files, null);
  }

  /**
   * Loads a connector from its files, through a cache of what its last load read.
   *
   * @param connector the connector's name
   * @param files file to text
   * @param cache what the last load of this connector read; null for none
   * @return the definition
   * @throws ApiProblem 422 listing the problems
   */
  static ConnectorDefinition load(String connector, Map<String, String> files, DefinitionCache cache) {
    String connectorText = files.get(Document.CONNECTOR_FILE);
    if (connectorText == null) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    List<SourceText> actions = new ArrayList<>();
    files.forEach((file, text) -> {
      if (file.startsWith(Document.ACTIONS_DIR)) {
        actions.add(new SourceText(connector + "/" + file, text));
      }
    });
    ConnectorDefinition definition;
    try {
      ConnectorSource source = new ConnectorSource(new SourceText(connector + "/" + Document.CONNECTOR_FILE, connectorText), actions);
      definition = cache == null ? DefinitionLoader.load(source) : DefinitionLoader.load(source, cache);
    } catch (DefinitionException e) {
      throw new ApiProblem(422, "yaml", e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
          + " in the definition: " + e.problems().get(0), e.problems());
    }
    if (!definition.name().equals(connector)) {
      Problem p = new Problem(connector + "/" + Document.CONNECTOR_FILE, 0, "name", "the connector is named '" + definition.name()
          + "' but is saved as '" + connector + "'; the name field must be '" + connector + "'");
      throw new ApiProblem(422, "yaml", p.toString(), List.of(p));
    }
    return definition;
  }

  /**
   * Reads a connector's settings file: a flat map of setting names to strings.
   *
   * @param text the YAML text
   * @return the settings
   * @throws ApiProblem 422 (field {@code settings}) when it is not such a map
   */
  static Map<String, String> settings(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode node;
    try {
      node = text.isBlank() ? YAML.createObjectNode() : YAML.readTree(text);
    } catch (IOException e) {
      throw new ApiProblem(422, "settings", "settings.yaml is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return out;
    }
    if (!node.isObject()) {
      throw new ApiProblem(422, "settings", "settings.yaml must map setting names to values, such as org_url: https://dev-123456.okta.com");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ApiProblem(422, "settings", "setting '" + e.getKey() + "' must be a plain value, not a list or map");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /**
   * Writes settings as the text of {@code settings.yaml}, names sorted, each value quoted.
   *
   * @param settings the settings
   * @return the YAML text
   */
  static String settingsText(Map<String, String> settings) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(settings).forEach((k, v) -> out.append(k).append(": ").append(quoted(v)).append('\n'));
    return out.toString();
  }

  private static String quoted(String v) {
    try {
      return Json.MAPPER.writeValueAsString(v);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
