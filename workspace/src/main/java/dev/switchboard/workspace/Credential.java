package dev.switchboard.workspace;

import java.time.Instant;

/**
 * What the workspace tells about a credential: never its value.
 *
 * @param connector the connector it belongs to
 * @param name the secret's name, as the connector's auth config names it (such as {@code okta_api_token})
 * @param last4 the value's last 4 characters, to tell credentials apart; empty for values under 12 characters,
 *     where 4 would give away too much
 * @param setBy who set it last
 * @param setAt when
 */
public record Credential(String connector, String name, String last4, String setBy, Instant setAt) {}
