package dev.switchboard.sandbox.auth;

import java.util.Set;

/**
 * The OAuth 2.0 scopes the sandbox grants and enforces, named as in Okta's Management API description (the
 * {@code oauth2} security requirement of each operation).
 */
public final class Scopes {
    /** Read users: list, get, a user's groups. */
    public static final String USERS_READ = "okta.users.read";
    /** Create, update, delete users and run their lifecycle operations. */
    public static final String USERS_MANAGE = "okta.users.manage";
    /** Read groups and their members. */
    public static final String GROUPS_READ = "okta.groups.read";
    /** Create, update, delete groups and change their members. */
    public static final String GROUPS_MANAGE = "okta.groups.manage";
    /** Read the System Log. */
    public static final String LOGS_READ = "okta.logs.read";
    /** Read API tokens. */
    public static final String API_TOKENS_READ = "okta.apiTokens.read";
    /** Revoke API tokens. */
    public static final String API_TOKENS_MANAGE = "okta.apiTokens.manage";

    /** Read the user schema. */
    public static final String SCHEMAS_READ = "okta.schemas.read";
    /** Add, change and remove user schema attributes. */
    public static final String SCHEMAS_MANAGE = "okta.schemas.manage";
    /** Read user types. */
    public static final String USER_TYPES_READ = "okta.userTypes.read";

    /** Every scope a service app may be granted. */
    public static final Set<String> ALL = Set.of(USERS_READ, USERS_MANAGE, GROUPS_READ, GROUPS_MANAGE, LOGS_READ,
            API_TOKENS_READ, API_TOKENS_MANAGE, SCHEMAS_READ, SCHEMAS_MANAGE, USER_TYPES_READ);

    private Scopes() {
    }
}
