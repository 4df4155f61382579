package dev.switchboard.importer;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorSource;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.SourceText;
import dev.switchboard.core.plan.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks generated definitions the only way that counts: by loading them with the engine's
 * {@link DefinitionLoader#load(ConnectorSource)} and compiling them into a {@link Catalog}, exactly as
 * {@code switchboard validate} does. Problems name the files as they will be written
 * ({@code okta/actions/list_users.yaml}).
 */
public final class DefinitionCheck {
  private DefinitionCheck() {}

  /**
   * Loads a connector from text.
   *
   * @param connectorName the connector's directory name
   * @param connectorYaml the text of {@code connector.yaml}
   * @param actions action name to the text of {@code actions/NAME.yaml}
   * @return the loaded connector
   * @throws DefinitionException listing every problem, with file names relative to the definitions directory
   */
  public static ConnectorDefinition load(String connectorName, String connectorYaml, Map<String, String> actions) {
    List<SourceText> texts = new ArrayList<>();
    actions.forEach((name, text) -> texts.add(new SourceText(connectorName + "/actions/" + name + ".yaml", text)));
    ConnectorDefinition connector = DefinitionLoader.load(
        new ConnectorSource(new SourceText(connectorName + "/connector.yaml", connectorYaml), texts));
    Catalog.of(List.of(connector));
    return connector;
  }
}
