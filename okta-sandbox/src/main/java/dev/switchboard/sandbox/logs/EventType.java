package dev.switchboard.sandbox.logs;

import java.util.Optional;

/**
 * The System Log event types the sandbox records, with Okta's display message for each and, where Okta sends one,
 * its {@code legacyEventType} (the "Associated Events API Action objectType attribute value", the {@code LogEvent}
 * schema of the Management API description).
 *
 * <p>Sources: Okta's event types catalog (https://developer.okta.com/docs/reference/api/event-types/) and
 * OKTA-WIRE.md "Groups and System Log". Legacy types: {@code core.user_auth.login_success} from the description's
 * {@code ListLogs} example; the others as Okta's events carry them in published samples (Okta's Java SDK's log
 * tests and event hook samples for deactivation and group membership, a lifecycle/suspend event answered to an API
 * token, password reset events) and Okta's Events API object types ({@code core.user.config.user_creation.success},
 * {@code core.user.config.user_activated}, {@code core.user.config.password_update.success}). Event types without a
 * known legacy type carry none, as newer Okta event types do not.
 */
public enum EventType {
    /** A user was created. */
    USER_CREATE("user.lifecycle.create", "Create Okta user", "core.user.config.user_creation.success"),
    /** A user signed in (seeded history only: the sandbox has no sign-in). */
    USER_SESSION_START("user.session.start", "User login to Okta", "core.user_auth.login_success"),
    /** A user was activated. */
    USER_ACTIVATE("user.lifecycle.activate", "Activate Okta user", "core.user.config.user_activated"),
    /** A user's activation was restarted. */
    USER_REACTIVATE("user.lifecycle.reactivate", "Reactivate Okta user", null),
    /** A user was deactivated. */
    USER_DEACTIVATE("user.lifecycle.deactivate", "Deactivate Okta user", "core.user.config.user_deactivated"),
    /** A user was suspended. */
    USER_SUSPEND("user.lifecycle.suspend", "Suspend Okta user", "core.user.config.user_status.suspended"),
    /** A user was unsuspended. */
    USER_UNSUSPEND("user.lifecycle.unsuspend", "Unsuspend Okta user", null),
    /** A deactivated user was deleted. */
    USER_DELETE("user.lifecycle.delete.initiated", "Delete Okta user", null),
    /** A locked-out user was unlocked. */
    USER_UNLOCK("user.account.unlock", "Unlock Okta user", null),
    /** A user's password was reset by an admin. */
    USER_RESET_PASSWORD("user.account.reset_password", "Reset Okta user password", "core.user.config.user_status.password_reset"),
    /** A user's password was expired by an admin. */
    USER_EXPIRE_PASSWORD("user.account.expire_password", "Expire Okta user password", null),
    /** A user's profile was changed. */
    USER_UPDATE_PROFILE("user.account.update_profile", "Update user profile for Okta", null),
    /** A user's password was set by an admin. */
    USER_UPDATE_PASSWORD("user.account.update_password", "Update Okta user password", "core.user.config.password_update.success"),
    /** A group was created. */
    GROUP_CREATE("group.lifecycle.create", "Create Okta group", null),
    /** A group was deleted. */
    GROUP_DELETE("group.lifecycle.delete", "Delete Okta group", null),
    /** A group's profile was changed. */
    GROUP_UPDATE("group.profile.update", "Update Okta group profile", null),
    /** A user was added to a group. */
    GROUP_MEMBERSHIP_ADD("group.user_membership.add", "Add user to group membership", "core.user_group_member.user_add"),
    /** A user was removed from a group. */
    GROUP_MEMBERSHIP_REMOVE("group.user_membership.remove", "Remove user from group membership", "core.user_group_member.user_remove"),
    /** An API token was created. */
    API_TOKEN_CREATE("system.api_token.create", "Create API token", "api.token.create"),
    /** An API token was revoked. */
    API_TOKEN_REVOKE("system.api_token.revoke", "Revoke API token", "api.token.revoke"),
    /** An OAuth 2.0 access token was issued. */
    ACCESS_TOKEN_GRANT("app.oauth2.token.grant.access_token", "OAuth2 access token is granted", null);

    private final String type;
    private final String displayMessage;
    private final String legacyType;

    EventType(String type, String displayMessage, String legacyType) {
        this.type = type;
        this.displayMessage = displayMessage;
        this.legacyType = legacyType;
    }

    /**
     * The event's {@code legacyEventType}, where Okta sends one.
     *
     * @return e.g. {@code core.user_group_member.user_add}, or empty
     */
    public Optional<String> legacyType() {
        return Optional.ofNullable(legacyType);
    }

    /**
     * The event type as the log shows it.
     *
     * @return e.g. {@code user.lifecycle.create}
     */
    public String type() {
        return type;
    }

    /**
     * The event's {@code displayMessage}.
     *
     * @return e.g. {@code Create Okta user}
     */
    public String displayMessage() {
        return displayMessage;
    }
}
