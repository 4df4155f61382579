package dev.switchboard.core.definition;

/**
 * Hints about an action's effects, declared under {@code annotations:}; they become MCP tool annotations
 * ({@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint}).
 *
 * @param readOnly the action changes nothing
 * @param destructive the action may delete or disable something, so callers should confirm first
 * @param idempotent calling it twice with the same inputs has the same effect as once
 */
public record Annotations(boolean readOnly, boolean destructive, boolean idempotent) {}
