package dev.switchboard.sandbox.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's status, Okta's {@code UserStatus} enum.
 *
 * <p>Source: the {@code UserStatus} schema of the Management API description.
 */
public enum UserStatus {
    /** Created, not activated. */
    STAGED,
    /** Activated without a password: the user has yet to complete activation. */
    PROVISIONED,
    /** Active. */
    ACTIVE,
    /** In password recovery. */
    RECOVERY,
    /** Must change the expired password at next sign-in. */
    PASSWORD_EXPIRED,
    /** Locked out after failed sign-ins. */
    LOCKED_OUT,
    /** Suspended by an admin. */
    SUSPENDED,
    /** Deactivated. Omitted from plain listings and {@code q} queries. */
    DEPROVISIONED;

    /**
     * The status with this name, in any case.
     *
     * @param name e.g. {@code ACTIVE} or {@code active}
     * @return the status, or empty for an unknown name
     */
    public static Optional<UserStatus> byName(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(status -> status.name().equals(upper)).findFirst();
    }

    /**
     * Whether a user in this status went through activation, so has an {@code activated} timestamp.
     * {@code STAGED} and {@code PROVISIONED} users have none (see the {@code ListUsersSearchResponse} example).
     *
     * @return false for STAGED and PROVISIONED
     */
    public boolean isActivated() {
        return this != STAGED && this != PROVISIONED;
    }
}
