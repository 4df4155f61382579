package dev.switchboard.server;

import dev.switchboard.mcp.tool.ActionTool;
import dev.switchboard.mcp.tool.ToolSelection;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import dev.switchboard.workspace.SessionRepository;
import dev.switchboard.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Access keys (list without any key, create with the key shown once, revoke), who a presented key is, and the
 * tools a key sees over MCP, computed exactly as {@code /mcp} computes them. Thread-safe.
 */
public final class KeyService {
  private final Workspace workspace;
  private final WorkspaceTools tools;

  KeyService(Workspace workspace, WorkspaceTools tools) {
    this.workspace = workspace;
    this.tools = tools;
  }

  /** {@return every key, revoked ones included, by name; never a key itself} */
  public List<AccessKey> list() {
    return workspace.keys().list();
  }

  /**
   * Creates a key.
   *
   * @param actor who
   * @param name its name
   * @param role admin or agent
   * @param tools tool globs (agents), none for all
   * @param readOnly whether an agent key may call only read-only tools
   * @return the key and, once, its secret
   */
  public AccessKey.Created create(String actor, String name, Role role, List<String> tools, boolean readOnly) {
    return workspace.keys().create(name, role, tools, readOnly, actor);
  }

  /**
   * Revokes a key at once.
   *
   * @param actor who
   * @param name the key's name
   */
  public void revoke(String actor, String name) {
    workspace.keys().revoke(name, actor);
  }

  /**
   * Finds the live key a person or program presented.
   *
   * @param presented the key as given
   * @return the key, or empty when unknown or revoked
   */
  public Optional<AccessKey> authenticate(String presented) {
    return workspace.keys().authenticate(presented);
  }

  /**
   * Opens a browser session for a live admin key (the studio's login).
   *
   * @param key the key that logged in
   * @return the session's token, for an HttpOnly cookie only
   */
  public String openSession(AccessKey key) {
    if (key.role() != Role.ADMIN) {
      throw new ApiProblem(403, "key", "key '" + key.name() + "' is an agent key: it may only call tools over MCP at /mcp;"
          + " the studio needs an admin key");
    }
    return workspace.sessions().open(key);
  }

  /**
   * Finds a live session: not expired, its key not revoked.
   *
   * @param token the cookie's token
   * @return the session, or empty
   */
  public Optional<SessionRepository.Session> session(String token) {
    return workspace.sessions().find(token);
  }

  /**
   * Closes a session (logout).
   *
   * @param token the cookie's token
   */
  public void closeSession(String token) {
    workspace.sessions().close(token);
  }

  /**
   * Returns the tools a key sees in {@code tools/list} at {@code /mcp}: every saved action of every connector that
   * loads, named and described by the mcp module, kept when the key's globs and read-only flag select it.
   *
   * @param key the key
   * @return the tools, in the order {@code tools/list} gives them
   */
  public List<ActionTool> tools(AccessKey key) {
    return tools.all(new ToolSelection(key.tools(), key.readOnly()));
  }

  /**
   * Tells which of a key's tool globs select no tool of the workspace now (a typo such as {@code okta_lst_*}, or
   * tools not made yet), as warnings: the key is valid either way and sees matching tools once they exist.
   *
   * @param globs the key's tool globs
   * @return one sentence per glob that matches nothing, naming it and an example of a tool name
   */
  public List<String> unmatched(List<String> globs) {
    List<String> names = tools.all(ToolSelection.ALL).stream().map(t -> t.descriptor().name()).toList();
    String example = names.isEmpty() ? "okta_list_users" : names.get(0);
    List<String> out = new ArrayList<>();
    for (String glob : globs) {
      if (names.stream().noneMatch(name -> ToolSelection.matches(glob, name))) {
        out.add("tool glob '" + glob + "' matches no tool now (tools are named connector_action, such as " + example
            + "); the key sees the tools it matches once they exist");
      }
    }
    return out;
  }
}
