package dev.switchboard.workspace.cluster;

import dev.switchboard.workspace.Workspace;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * MCP sessions as any instance can continue them: the session id an instance gave, the access key that opened it and
 * the client's {@code initialize} request (protocol version, capabilities, client info), which another instance
 * replays to take the session up. Sessions are forgotten 7 days after they were opened (the instance's sweep), or when
 * the client ends them. Thread-safe.
 */
public final class McpSessionRepository {
  private final Jdbi jdbi;
  private final Clock clock;

  /**
   * Creates the repository.
   *
   * @param workspace the workspace whose database keeps the sessions
   */
  public McpSessionRepository(Workspace workspace) {
    this.jdbi = Jdbi.create(workspace.dataSource());
    this.clock = workspace.clock();
  }

  /**
   * A session as kept.
   *
   * @param id the session id clients send as {@code Mcp-Session-Id}
   * @param keyId the id of the access key that opened it
   * @param initialize the client's initialize request, as JSON
   */
  public record Session(String id, String keyId, String initialize) {}

  /**
   * Keeps a session just opened.
   *
   * @param session the session
   */
  public void save(Session session) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO mcp_session (id, key_id, initialize, created_at) VALUES (:id, :key, :init, :at)"
            + " ON CONFLICT (id) DO NOTHING")
        .bind("id", session.id()).bind("key", session.keyId()).bind("init", session.initialize()).bind("at", clock.millis())
        .execute());
  }

  /**
   * Finds a session.
   *
   * @param id its id
   * @return the session, or empty when no instance opened it (or it ended)
   */
  public Optional<Session> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, key_id, initialize FROM mcp_session WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new Session(rs.getString("id"), rs.getString("key_id"), rs.getString("initialize"))).findOne());
  }

  /**
   * Forgets a session the client ended.
   *
   * @param id its id
   */
  public void delete(String id) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM mcp_session WHERE id = :id").bind("id", id).execute());
  }
}
