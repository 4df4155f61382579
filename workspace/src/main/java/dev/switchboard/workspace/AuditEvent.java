package dev.switchboard.workspace;

import java.time.Instant;

/**
 * Who did what to the workspace. Never holds a credential's value.
 *
 * @param id the event's id
 * @param at when
 * @param actor the access key's name that did it (such as {@code admin}), or {@code system}
 * @param event what, such as {@code action.changed}, {@code credential.rotated}, {@code workspace.exported}
 * @param target what it was done to, such as {@code okta/actions/list_users.yaml} or {@code okta/okta_api_token}
 * @param detail more, such as {@code version 3}
 */
public record AuditEvent(String id, Instant at, String actor, String event, String target, String detail) {}
