package dev.switchboard.mcp.confirm;

import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One-time confirmation tokens of the two-step call: each is 32 random bytes (base64url, prefixed
 * {@code sbc_}), lives {@link #ttl()} at most, works once, and only for the tool, arguments (by digest) and
 * MCP session it was issued for. Held in memory: a restarted server forgets them. Thread-safe.
 */
public final class ConfirmationTokens implements ConfirmationStore {
  /** The input that carries a token back: {@value}. */
  public static final String INPUT = ConfirmationStore.INPUT;
  /** How long a token lives by default: 5 minutes. */
  public static final Duration DEFAULT_TTL = ConfirmationStore.DEFAULT_TTL;
  /** The most tokens held at once; past it the oldest are forgotten. */
  public static final int MAX_OUTSTANDING = 10_000;

  private record Grant(String tool, String argumentsDigest, String session, Instant expires) {}

  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Grant> grants = new LinkedHashMap<>();

  /**
   * Creates a token store.
   *
   * @param ttl how long a token lives, positive
   * @param clock the clock expiry is measured with
   * @param random the source of token bytes
   * @throws IllegalArgumentException when the TTL is not positive
   */
  public ConfirmationTokens(Duration ttl, Clock clock, SecureRandom random) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a confirmation token must live a positive time; got " + ttl);
    }
    this.ttl = ttl;
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
  }

  @Override
  public Duration ttl() {
    return ttl;
  }

  /**
   * Issues a token.
   *
   * @param tool the tool name
   * @param argumentsDigest the digest of the call's arguments, without the token
   * @param session the MCP session id (any fixed text for a single-session transport)
   * @return the token
   */
  @Override
  public String issue(String tool, String argumentsDigest, String session) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "sbc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    synchronized (grants) {
      grants.values().removeIf(g -> !g.expires().isAfter(now));
      Iterator<String> oldest = grants.keySet().iterator();
      while (grants.size() >= MAX_OUTSTANDING && oldest.hasNext()) {
        oldest.next();
        oldest.remove();
      }
      grants.put(token, new Grant(tool, argumentsDigest, session, now.plus(ttl)));
    }
    return token;
  }

  /**
   * Spends a token: it is forgotten whether or not it fits, so a token is never tried twice.
   *
   * @param token the token as the client sent it
   * @param action the action reference, for the error
   * @param tool the tool being called
   * @param argumentsDigest the digest of the call's arguments, without the token
   * @param session the MCP session id
   * @throws ActionError (category validation, field {@value #INPUT}) when the token is unknown, used, expired,
   *     or was issued for another tool, other arguments or another session
   */
  @Override
  public void redeem(String token, String action, String tool, String argumentsDigest, String session) {
    Grant grant;
    synchronized (grants) {
      grant = token == null ? null : grants.remove(token.strip());
    }
    String again = "; call " + tool + " without it to get a new preview and token";
    if (grant == null) {
      throw invalid(action, "is unknown or already used (a token works once and only on the server that issued it)" + again);
    }
    if (!grant.expires().isAfter(clock.instant())) {
      throw invalid(action, "has expired (tokens live " + ttl.toSeconds() + " seconds)" + again);
    }
    if (!grant.tool().equals(tool) || !grant.session().equals(session)) {
      throw invalid(action, "was issued for another tool or session" + again);
    }
    if (!grant.argumentsDigest().equals(argumentsDigest)) {
      throw invalid(action, "was issued for other arguments; confirm exactly what was previewed" + again);
    }
  }

  private static ActionError invalid(String action, String message) {
    return ActionError.builder(ErrorCategory.VALIDATION, action, "input '" + INPUT + "' " + message).field(INPUT).build();
  }
}
