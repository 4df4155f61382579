package dev.switchboard.workspace;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * One-time confirmation tokens of destructive tools, kept in the database (as their SHA-256) so that a
 * confirmation works after a restart and on another instance. A token is {@code sbc_} and 32 random bytes, lives a
 * given time, works once (a failed attempt spends it too), and only for the tool, arguments (by digest) and holder
 * (the access key) it was issued to. Thread-safe.
 */
public final class ConfirmationTokenRepository {
  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random;

  /** What redeeming a token found. */
  public enum Redemption {
    /** The token fits: the call may run. */
    CONFIRMED,
    /** No such token, or it was used. */
    UNKNOWN,
    /** The token expired. */
    EXPIRED,
    /** The token was issued for another tool or holder. */
    OTHER_TOOL,
    /** The token was issued for other arguments. */
    OTHER_ARGUMENTS
  }

  ConfirmationTokenRepository(Jdbi jdbi, Clock clock, SecureRandom random) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Issues a token (and forgets expired ones).
   *
   * @param tool the tool name
   * @param argumentsDigest the digest of the call's arguments without the token
   * @param holder who may redeem it (the access key's id)
   * @param ttl how long it lives, positive
   * @return the token
   */
  public String issue(String tool, String argumentsDigest, String holder, Duration ttl) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "sbc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long now = clock.millis();
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM confirmation_token WHERE expires_at <= :now").bind("now", now).execute();
      h.createUpdate("INSERT INTO confirmation_token (token_hash, tool, arguments_digest, holder, expires_at)"
              + " VALUES (:hash, :tool, :digest, :holder, :expires)")
          .bind("hash", Hashes.sha256(token)).bind("tool", tool).bind("digest", argumentsDigest).bind("holder", holder)
          .bind("expires", now + ttl.toMillis()).execute();
    });
    return token;
  }

  /**
   * Spends a token: it is deleted whether or not it fits, so a token is never tried twice. Two instances
   * redeeming the same token at once: one gets {@link Redemption#CONFIRMED}, the other {@link Redemption#UNKNOWN}.
   *
   * @param token the token as sent
   * @param tool the tool being called
   * @param argumentsDigest the digest of the call's arguments without the token
   * @param holder who redeems it
   * @return what was found
   */
  public Redemption redeem(String token, String tool, String argumentsDigest, String holder) {
    if (token == null || token.isBlank()) {
      return Redemption.UNKNOWN;
    }
    String hash = Hashes.sha256(token.strip());
    return jdbi.inTransaction(h -> {
      Optional<String[]> row = h.createQuery("SELECT tool, arguments_digest, holder, expires_at FROM confirmation_token WHERE token_hash = :hash")
          .bind("hash", hash).map((rs, ctx) -> new String[] {rs.getString("tool"), rs.getString("arguments_digest"),
              rs.getString("holder"), Long.toString(rs.getLong("expires_at"))}).findOne();
      if (row.isEmpty()) {
        return Redemption.UNKNOWN;
      }
      if (h.createUpdate("DELETE FROM confirmation_token WHERE token_hash = :hash").bind("hash", hash).execute() != 1) {
        return Redemption.UNKNOWN;
      }
      String[] r = row.get();
      if (Long.parseLong(r[3]) <= clock.millis()) {
        return Redemption.EXPIRED;
      }
      if (!r[0].equals(tool) || !r[2].equals(holder)) {
        return Redemption.OTHER_TOOL;
      }
      return r[1].equals(argumentsDigest) ? Redemption.CONFIRMED : Redemption.OTHER_ARGUMENTS;
    });
  }
}
