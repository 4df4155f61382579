package dev.switchboard.workspace;

import java.util.regex.Pattern;

/** The rules for names kept in the workspace, checked before anything is written. */
final class Names {
  /** A connector: a definition name ({@code okta}), optionally a pack instance ({@code okta@prod}). */
  static final Pattern CONNECTOR = Pattern.compile("[a-z][a-z0-9_]{0,63}(@[a-z0-9][a-z0-9_-]{0,31})?");
  /** An action, a credential or a setting name. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  /** The largest YAML file kept, in bytes (as definitions loaded from a directory). */
  static final int MAX_TEXT_BYTES = 1024 * 1024;

  private Names() {}

  static String connector(String name) {
    if (name == null || !CONNECTOR.matcher(name).matches()) {
      throw WorkspaceException.invalid("connector", "connector name " + shown(name) + " is not valid: use lower-case"
          + " letters, digits and '_', starting with a letter (up to 64), optionally '@' and an instance name, such as"
          + " okta or okta@prod");
    }
    return name;
  }

  static String file(String file) {
    if (Document.CONNECTOR_FILE.equals(file) || Document.SETTINGS_FILE.equals(file)) {
      return file;
    }
    if (file != null && file.startsWith(Document.ACTIONS_DIR) && file.endsWith(".yaml")
        && NAME.matcher(file.substring(Document.ACTIONS_DIR.length(), file.length() - 5)).matches()) {
      return file;
    }
    throw WorkspaceException.invalid("file", "file " + shown(file) + " is not one a connector's folder holds: "
        + Document.CONNECTOR_FILE + ", " + Document.SETTINGS_FILE + " or actions/<name>.yaml with a lower-case name");
  }

  static String name(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw WorkspaceException.invalid(field, field + " " + shown(name) + " is not valid: use lower-case letters,"
          + " digits and '_', starting with a letter, up to 64 characters");
    }
    return name;
  }

  static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    String v = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "'" + v.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
