package dev.switchboard.mcp.confirm;

/** Whether destructive tools ask before they run. */
public enum Confirmation {
  /**
   * Destructive tools ask first: through MCP elicitation (the client asks its user) when the client declares
   * the {@code elicitation} capability, otherwise through a first call that changes nothing and returns the
   * request it would send with a one-time {@value ConfirmationTokens#INPUT}. The default.
   */
  ASK,
  /** Destructive tools run when called, for unattended automation ({@code switchboard mcp --no-confirm}). */
  OFF
}
