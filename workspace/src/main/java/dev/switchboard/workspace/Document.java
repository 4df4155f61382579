package dev.switchboard.workspace;

import java.time.Instant;

/**
 * One YAML file of a connector's folder as saved in the workspace, byte for byte as its author wrote it.
 *
 * @param connector the connector's name, such as {@code okta}
 * @param file the file within the connector's folder: {@code connector.yaml}, {@code settings.yaml} or
 *     {@code actions/<action>.yaml}
 * @param version the version, from 1, counting every save of this file
 * @param text the YAML text
 * @param savedBy who saved this version
 * @param savedAt when
 */
public record Document(String connector, String file, int version, String text, String savedBy, Instant savedAt) {
  /** The connector's own file. */
  public static final String CONNECTOR_FILE = "connector.yaml";
  /** The connector's non-secret settings (a flat map of names to strings), such as {@code org_url}. */
  public static final String SETTINGS_FILE = "settings.yaml";
  /** The folder of a connector's actions. */
  public static final String ACTIONS_DIR = "actions/";

  /** {@return the file's path in an exported workspace, such as {@code okta/actions/list_users.yaml}} */
  public String path() {
    return connector + "/" + file;
  }

  /**
   * Returns the file of an action.
   *
   * @param action the action's name, such as {@code list_users}
   * @return {@code actions/<action>.yaml}
   */
  public static String actionFile(String action) {
    return ACTIONS_DIR + action + ".yaml";
  }

  /** {@return the action's name when this is an action file, such as {@code list_users}; otherwise empty} */
  public java.util.Optional<String> action() {
    return file.startsWith(ACTIONS_DIR) ? java.util.Optional.of(file.substring(ACTIONS_DIR.length(), file.length() - 5))
        : java.util.Optional.empty();
  }
}
