package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorSource;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.core.definition.SourceText;
import dev.switchboard.workspace.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * Loads a connector from its current files with changes applied.
   *
   * @param connector the connector's name in the workspace
   * @param current its current files
   * @param changes files to replace (a text) or remove (empty), by file
   * @return the definition
   * @throws ApiProblem 422 (field {@code yaml}) listing the problems, when it does not load or names itself otherwise
   */
  static ConnectorDefinition load(String connector, List<Document> current, Map<String, Optional<String>> changes) {
    Map<String, String> files = new TreeMap<>();
    current.forEach(d -> files.put(d.file(), d.text()));
    changes.forEach((file, text) -> {
      if (text.isPresent()) {
        files.put(file, text.get());
      } else {
        files.remove(file);
      }
    });
    return load(connector, files);
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
      definition = DefinitionLoader.load(new ConnectorSource(new SourceText(connector + "/" + Document.CONNECTOR_FILE, connectorText), actions));
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
    } catch (java.io.IOException e) {
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
