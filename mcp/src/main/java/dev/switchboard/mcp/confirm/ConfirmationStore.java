package dev.switchboard.mcp.confirm;

import java.time.Duration;

/**
 * Where the one-time tokens of the two-step confirmation live: in memory for {@code switchboard mcp}
 * ({@link ConfirmationTokens}), in the workspace database for {@code switchboard serve}, so that a confirmation works
 * after a restart and on another instance.
 */
public interface ConfirmationStore {
  /** The input that carries a token back: {@value}. */
  String INPUT = "confirmation_token";
  /** How long a token lives by default: 5 minutes. */
  Duration DEFAULT_TTL = Duration.ofMinutes(5);

  /** {@return how long a token lives} */
  Duration ttl();

  /**
   * Issues a token.
   *
   * @param tool the tool name
   * @param argumentsDigest the digest of the call's arguments, without the token
   * @param session the MCP session id (any fixed text for a single-session transport)
   * @return the token
   */
  String issue(String tool, String argumentsDigest, String session);

  /**
   * Spends a token: it is forgotten whether or not it fits, so a token is never tried twice.
   *
   * @param token the token as the client sent it
   * @param action the action reference, for the error
   * @param tool the tool being called
   * @param argumentsDigest the digest of the call's arguments, without the token
   * @param session the MCP session id
   * @throws dev.switchboard.core.error.ActionError (category validation, field {@value #INPUT}) when the token is
   *     unknown, used, expired, or was issued for another tool, other arguments or another holder
   */
  void redeem(String token, String action, String tool, String argumentsDigest, String session);
}
