package dev.switchboard.workspace;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The studio's browser sessions: opening one (after a login with a live admin key) makes a token of 32 random
 * bytes (base64url, {@code sbs_} first) for a cookie; the database keeps only its SHA-256, the key it belongs to and
 * when it expires. A session ends when it expires, when it is closed (logout), or when its key is revoked. Kept in
 * the database so that it survives a restart and works on another instance. Thread-safe.
 */
public final class SessionRepository {
  /** How long a session lasts from its login: 12 hours. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random;

  SessionRepository(Jdbi jdbi, Clock clock, SecureRandom random) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A live session.
   *
   * @param key the access key it belongs to (live, not revoked)
   * @param expiresAt when it ends
   */
  public record Session(AccessKey key, Instant expiresAt) {}

  /**
   * Opens a session for a key; expired sessions are deleted on the way.
   *
   * @param key the key that logged in
   * @return the session's token, for the cookie only (never stored, logged or shown)
   */
  public String open(AccessKey key) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "sbs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long now = clock.millis();
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM studio_session WHERE expires_at <= :now").bind("now", now).execute();
      h.createUpdate("INSERT INTO studio_session (token_hash, key_id, created_at, expires_at) VALUES (:hash, :key, :now, :expires)")
          .bind("hash", Hashes.sha256(token)).bind("key", key.id()).bind("now", now).bind("expires", now + LIFETIME.toMillis())
          .execute();
    });
    return token;
  }

  /**
   * Finds the live session of a token: not expired, its key not revoked.
   *
   * @param token the cookie's token
   * @return the session, or empty
   */
  public Optional<Session> find(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    String columns = "k." + AccessKeyRepository.COLUMNS.replace(", ", ", k.");
    return jdbi.withHandle(h -> h.createQuery("SELECT " + columns + ", s.expires_at AS session_expires_at FROM studio_session s"
            + " JOIN access_key k ON k.id = s.key_id WHERE s.token_hash = :hash AND s.expires_at > :now AND k.revoked_at IS NULL")
        .bind("hash", Hashes.sha256(token)).bind("now", clock.millis())
        .map((rs, ctx) -> new Session(AccessKeyRepository.map(rs), Instant.ofEpochMilli(rs.getLong("session_expires_at")))).findOne());
  }

  /**
   * Closes a session (logout); an unknown token changes nothing.
   *
   * @param token the cookie's token
   */
  public void close(String token) {
    if (token == null || token.isBlank()) {
      return;
    }
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM studio_session WHERE token_hash = :hash").bind("hash", Hashes.sha256(token)).execute());
  }
}
