package dev.switchboard.workspace;

import java.util.Locale;

/** What an access key may do. */
public enum Role {
  /** Changes the workspace: connectors, actions, credentials, keys; reads runs and audit; calls tools. */
  ADMIN,
  /** Only calls tools over MCP, optionally limited to tool globs and read-only tools. */
  AGENT;

  /** {@return the role's name on the wire: {@code admin} or {@code agent}} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a role's wire name.
   *
   * @param text {@code admin} or {@code agent}
   * @return the role
   * @throws WorkspaceException (invalid, field {@code role}) for anything else
   */
  public static Role of(String text) {
    if ("admin".equals(text)) {
      return ADMIN;
    }
    if ("agent".equals(text)) {
      return AGENT;
    }
    throw WorkspaceException.invalid("role", "role must be admin or agent; got " + Names.shown(text));
  }
}
