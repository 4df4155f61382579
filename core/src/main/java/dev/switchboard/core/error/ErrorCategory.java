package dev.switchboard.core.error;

import java.util.Locale;

/**
 * What kind of failure an {@link ActionError} is; callers (agents, scripts) branch on this, not on messages.
 */
public enum ErrorCategory {
  /** Credentials missing, invalid, revoked or expired (HTTP 401, or a code the connector declares). */
  AUTH,
  /** Authenticated but not allowed (HTTP 403). */
  PERMISSION,
  /** The resource does not exist (HTTP 404, 410). */
  NOT_FOUND,
  /** The request is invalid: a bad input caught before sending, or HTTP 400/405/422. */
  VALIDATION,
  /** The request conflicts with the resource's state (HTTP 409, 412, or a code the connector declares). */
  CONFLICT,
  /** Over the service's rate limit (HTTP 429). */
  RATE_LIMITED,
  /** The service failed or answered with something unusable (HTTP 5xx, non-JSON, oversized body). */
  UPSTREAM,
  /** No response: connection refused, reset, unknown host, TLS failure. */
  NETWORK,
  /** No response in time. */
  TIMEOUT,
  /** The action's definition cannot produce a valid request (a bug in YAML, not in the call). */
  BAD_DEFINITION,
  /** The connector is not configured: a missing or malformed secret or setting. */
  CONFIGURATION;

  /** Returns the category's wire name, lower case with underscores, such as {@code rate_limited}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
