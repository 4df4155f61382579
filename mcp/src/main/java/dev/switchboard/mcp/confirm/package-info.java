/**
 * Confirmation of destructive tools (those whose action declares {@code annotations: {destructive: true}}, as a
 * DELETE does by default): MCP elicitation when the client declares that capability, otherwise a two-step call
 * whose first step returns a {@link dev.switchboard.mcp.confirm.RequestPreview} and a one-time token from
 * {@link dev.switchboard.mcp.confirm.ConfirmationTokens}.
 */
package dev.switchboard.mcp.confirm;
