package dev.switchboard.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Access keys: {@code sbk_} and 32 random bytes (base64url), stored as their SHA-256 (a key has 256 bits of
 * entropy, so a plain hash suffices; a chosen {@code SWITCHBOARD_ADMIN_KEY} must be at least 24 characters). Each
 * has a role ({@link Role}) and, for agents, tool globs and a read-only flag. Thread-safe.
 */
public final class AccessKeyRepository {
  /** The shortest key accepted when a person chooses one, in characters. */
  public static final int MIN_LENGTH = 24;
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*?-]{1,128}");
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String COLUMNS = "id, name, prefix, role, tools, read_only, created_by, created_at, revoked_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;
  private final Ids ids;
  private final SecureRandom random;

  AccessKeyRepository(Jdbi jdbi, Clock clock, AuditLog audit, Ids ids, SecureRandom random) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
    this.ids = ids;
    this.random = random;
  }

  /**
   * Creates a key with a generated value.
   *
   * @param name a unique name: letters, digits, {@code _ . @ -}, up to 64
   * @param role its role
   * @param tools for an agent, tool globs ({@code *} any run, {@code ?} one character); empty for all tools
   * @param readOnly for an agent, only read-only tools
   * @param actor who creates it
   * @return the key and its value, to show once
   * @throws WorkspaceException (invalid) for a bad name or glob, or globs on an admin key; (conflict) for a name taken
   */
  public AccessKey.Created create(String name, Role role, List<String> tools, boolean readOnly, String actor) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = "sbk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new AccessKey.Created(insert(name, secret, role, tools, readOnly, actor), secret);
  }

  /**
   * Stores a key whose value a person chose (such as {@code SWITCHBOARD_ADMIN_KEY}), unless a key with that value
   * exists already.
   *
   * @param name a unique name
   * @param secret the value, at least {@value #MIN_LENGTH} printable ASCII characters without spaces
   * @param role its role
   * @param actor who adopts it
   * @return the stored key
   * @throws WorkspaceException (invalid, field {@code key}) for a short or malformed value (never echoed)
   */
  public AccessKey adopt(String name, String secret, Role role, String actor) {
    String v = secret == null ? "" : secret.strip();
    if (v.length() < MIN_LENGTH || !v.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw WorkspaceException.invalid("key", "a chosen key must be at least " + MIN_LENGTH + " printable ASCII characters"
          + " without spaces; the one given has " + v.length() + " characters");
    }
    Optional<AccessKey> existing = authenticate(v);
    return existing.orElseGet(() -> insert(name, v, role, List.of(), false, actor));
  }

  private AccessKey insert(String name, String secret, Role role, List<String> tools, boolean readOnly, String actor) {
    if (name == null || !KEY_NAME.matcher(name).matches()) {
      throw WorkspaceException.invalid("name", "key name " + Names.shown(name) + " is not valid: use letters, digits,"
          + " '_', '.', '@' and '-', up to 64, such as claude-desktop");
    }
    for (String glob : tools) {
      if (glob == null || !GLOB.matcher(glob).matches()) {
        throw WorkspaceException.invalid("tools", "tool glob " + Names.shown(glob) + " is not valid: use letters, digits,"
            + " '_', '-', '.', and '*' or '?' as wildcards, such as okta_list_*");
      }
    }
    if (role == Role.ADMIN && (!tools.isEmpty() || readOnly)) {
      throw WorkspaceException.invalid("tools", "tool globs and read_only apply to agent keys; an admin key may do everything");
    }
    String id = ids.next("key");
    long now = clock.millis();
    String prefix = secret.substring(0, Math.min(12, secret.length()));
    String toolsJson;
    try {
      toolsJson = JSON.writeValueAsString(tools);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      return jdbi.inTransaction(h -> {
        if (h.createQuery("SELECT COUNT(*) FROM access_key WHERE name = :name").bind("name", name).mapTo(Integer.class).one() > 0) {
          throw new WorkspaceException(WorkspaceException.Kind.CONFLICT, "name", "a key named '" + name + "' exists already;"
              + " choose another name");
        }
        h.createUpdate("INSERT INTO access_key (" + COLUMNS + ", key_hash) VALUES (:id, :name, :prefix, :role, :tools,"
                + " :readOnly, :by, :at, NULL, :hash)")
            .bind("id", id).bind("name", name).bind("prefix", prefix).bind("role", role.wireName()).bind("tools", toolsJson)
            .bind("readOnly", readOnly ? 1 : 0).bind("by", actor).bind("at", now).bind("hash", Hashes.sha256(secret)).execute();
        audit.append(h, actor, "key.created", "key/" + name, role.wireName() + (tools.isEmpty() ? "" : " tools " + tools)
            + (readOnly ? " read-only" : ""));
        return new AccessKey(id, name, prefix, role, tools, readOnly, actor, Instant.ofEpochMilli(now), Optional.empty());
      });
    } catch (UnableToExecuteStatementException e) {
      if (WorkspaceException.duplicateKey(e)) {
        throw new WorkspaceException(WorkspaceException.Kind.CONFLICT, "name", "a key named '" + name + "' was created at"
            + " the same moment; choose another name");
      }
      throw e;
    }
  }

  /**
   * Finds the live key a request presented.
   *
   * @param presented the key as sent
   * @return the key, or empty when it is unknown or revoked
   */
  public Optional<AccessKey> authenticate(String presented) {
    if (presented == null || presented.isBlank()) {
      return Optional.empty();
    }
    String hash = Hashes.sha256(presented.strip());
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM access_key WHERE key_hash = :hash AND revoked_at IS NULL")
        .bind("hash", hash).map((rs, ctx) -> map(rs)).findOne());
  }

  /** {@return every key, revoked ones included, by name} */
  public List<AccessKey> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM access_key ORDER BY name").map((rs, ctx) -> map(rs)).list());
  }

  /** {@return how many keys exist, revoked ones included} */
  public int count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM access_key").mapTo(Integer.class).one());
  }

  /**
   * Revokes a key: it stops working at once.
   *
   * @param name the key's name
   * @param actor who revokes it
   * @throws WorkspaceException (not found) for an unknown or already revoked key; (conflict) for the last live admin key
   */
  public void revoke(String name, String actor) {
    jdbi.useTransaction(h -> {
      Optional<AccessKey> key = h.createQuery("SELECT " + COLUMNS + " FROM access_key WHERE name = :name AND revoked_at IS NULL")
          .bind("name", name).map((rs, ctx) -> map(rs)).findOne();
      if (key.isEmpty()) {
        throw WorkspaceException.notFound("no live key is named " + Names.shown(name));
      }
      if (key.get().role() == Role.ADMIN && h.createQuery("SELECT COUNT(*) FROM access_key WHERE role = 'admin' AND revoked_at IS NULL")
          .mapTo(Integer.class).one() == 1) {
        throw new WorkspaceException(WorkspaceException.Kind.CONFLICT, "name", "'" + name + "' is the last admin key; create"
            + " another admin key before revoking it, or nobody could change the workspace");
      }
      h.createUpdate("UPDATE access_key SET revoked_at = :at WHERE name = :name").bind("at", clock.millis()).bind("name", name).execute();
      audit.append(h, actor, "key.revoked", "key/" + name, "");
    });
  }

  static AccessKey map(ResultSet rs) throws SQLException {
    List<String> tools;
    try {
      tools = JSON.readValue(rs.getString("tools"), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("a key's tools are not a JSON array", e);
    }
    long revoked = rs.getLong("revoked_at");
    Optional<Instant> revokedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
    return new AccessKey(rs.getString("id"), rs.getString("name"), rs.getString("prefix"), Role.of(rs.getString("role")),
        tools, rs.getInt("read_only") == 1, rs.getString("created_by"), Instant.ofEpochMilli(rs.getLong("created_at")), revokedAt);
  }
}
