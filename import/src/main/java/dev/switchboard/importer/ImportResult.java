package dev.switchboard.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.secret.Secret;
import java.util.List;
import java.util.Optional;

/**
 * What an import produced: a connector and its actions as YAML text (each one already checked by loading it with
 * the engine's definition loader), the secrets found in the input (to be put in a secret store, never in YAML),
 * and the report of what was guessed, left to the user and ignored.
 *
 * @param connector the connector definition ({@code connector.yaml})
 * @param actions the action definitions ({@code actions/NAME.yaml}), in the order of the input
 * @param secrets secrets taken out of the input, by the name the connector's auth config gives them; their
 *     {@code toString()} never shows the value
 * @param findings the report, in the order things were noticed
 */
public record ImportResult(ConnectorFile connector, List<ActionFile> actions, List<Secret> secrets, List<Finding> findings) {
  /**
   * The connector's YAML.
   *
   * @param name the connector's name (its directory name)
   * @param yaml the text of {@code connector.yaml}
   */
  public record ConnectorFile(String name, String yaml) {}

  /**
   * One action's YAML.
   *
   * @param name the action's name (its file name without {@code .yaml})
   * @param yaml the text of {@code actions/NAME.yaml}
   * @param outputSchema the JSON Schema of the action's output when the input described it (an OpenAPI
   *     response); the YAML format has no field for it, so it travels here for the studio to show
   */
  public record ActionFile(String name, String yaml, Optional<JsonNode> outputSchema) {}

  /** Returns the findings of one kind, in order. */
  public List<Finding> findings(Finding.Kind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }
}
