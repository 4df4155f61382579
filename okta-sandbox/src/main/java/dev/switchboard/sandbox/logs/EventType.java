package dev.switchboard.sandbox.logs;

/**
 * The System Log event types the sandbox records, with Okta's display message for each.
 *
 * <p>Source: Okta's event types catalog (https://developer.okta.com/docs/reference/api/event-types/) and
 * OKTA-WIRE.md "Groups and System Log".
 */
public enum EventType {
    /** A user was created. */
    USER_CREATE("user.lifecycle.create", "Create Okta user"),
    /** A user signed in (seeded history only: the sandbox has no sign-in). */
    USER_SESSION_START("user.session.start", "User login to Okta"),
    /** A user was activated. */
    USER_ACTIVATE("user.lifecycle.activate", "Activate Okta user"),
    /** A user's activation was restarted. */
    USER_REACTIVATE("user.lifecycle.reactivate", "Reactivate Okta user"),
    /** A user was deactivated. */
    USER_DEACTIVATE("user.lifecycle.deactivate", "Deactivate Okta user"),
    /** A user was suspended. */
    USER_SUSPEND("user.lifecycle.suspend", "Suspend Okta user"),
    /** A user was unsuspended. */
    USER_UNSUSPEND("user.lifecycle.unsuspend", "Unsuspend Okta user"),
    /** A deactivated user was deleted. */
    USER_DELETE("user.lifecycle.delete.initiated", "Delete Okta user"),
    /** A locked-out user was unlocked. */
    USER_UNLOCK("user.account.unlock", "Unlock Okta user"),
    /** A user's password was reset by an admin. */
    USER_RESET_PASSWORD("user.account.reset_password", "Reset Okta user password"),
    /** A user's password was expired by an admin. */
    USER_EXPIRE_PASSWORD("user.account.expire_password", "Expire Okta user password"),
    /** A user's profile was changed. */
    USER_UPDATE_PROFILE("user.account.update_profile", "Update user profile for Okta"),
    /** A user's password was set by an admin. */
    USER_UPDATE_PASSWORD("user.account.update_password", "Update Okta user password"),
    /** A group was created. */
    GROUP_CREATE("group.lifecycle.create", "Create Okta group"),
    /** A group was deleted. */
    GROUP_DELETE("group.lifecycle.delete", "Delete Okta group"),
    /** A group's profile was changed. */
    GROUP_UPDATE("group.profile.update", "Update Okta group profile"),
    /** A user was added to a group. */
    GROUP_MEMBERSHIP_ADD("group.user_membership.add", "Add user to group membership"),
    /** A user was removed from a group. */
    GROUP_MEMBERSHIP_REMOVE("group.user_membership.remove", "Remove user from group membership"),
    /** An API token was created. */
    API_TOKEN_CREATE("system.api_token.create", "Create API token"),
    /** An API token was revoked. */
    API_TOKEN_REVOKE("system.api_token.revoke", "Revoke API token"),
    /** An OAuth 2.0 access token was issued. */
    ACCESS_TOKEN_GRANT("app.oauth2.token.grant.access_token", "OAuth2 access token is granted");

    private final String type;
    private final String displayMessage;

    EventType(String type, String displayMessage) {
        this.type = type;
        this.displayMessage = displayMessage;
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
