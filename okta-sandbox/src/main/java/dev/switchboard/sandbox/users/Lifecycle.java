package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.logs.EventType;

import java.util.EnumSet;
import java.util.Set;

/**
 * The user lifecycle operations of {@code POST /api/v1/users/{id}/lifecycle/{operation}}: from which statuses
 * each is allowed and which status it leaves.
 *
 * <p>Source: the {@code UserLifecycle} and {@code UserCred} operations of the Management API description and
 * OKTA-WIRE.md "Users". An operation not allowed from the user's status is 403 E0000038, except activating an
 * ACTIVE user, which is 403 E0000016. Where the description is silent the sandbox decides, and says so below.
 */
public enum Lifecycle {
    /** STAGED or DEPROVISIONED to ACTIVE (with a password) or PROVISIONED (without). */
    ACTIVATE("activate", EnumSet.of(UserStatus.STAGED, UserStatus.DEPROVISIONED), null, EventType.USER_ACTIVATE),
    /**
     * PROVISIONED or RECOVERY: restarts activation, leaving PROVISIONED (the sandbox's reading: the user must
     * complete activation again).
     */
    REACTIVATE("reactivate", EnumSet.of(UserStatus.PROVISIONED, UserStatus.RECOVERY), UserStatus.PROVISIONED,
            EventType.USER_REACTIVATE),
    /** Any status but DEPROVISIONED, to DEPROVISIONED. */
    DEACTIVATE("deactivate", EnumSet.complementOf(EnumSet.of(UserStatus.DEPROVISIONED)), UserStatus.DEPROVISIONED,
            EventType.USER_DEACTIVATE),
    /** ACTIVE to SUSPENDED. */
    SUSPEND("suspend", EnumSet.of(UserStatus.ACTIVE), UserStatus.SUSPENDED, EventType.USER_SUSPEND),
    /** SUSPENDED to ACTIVE. */
    UNSUSPEND("unsuspend", EnumSet.of(UserStatus.SUSPENDED), UserStatus.ACTIVE, EventType.USER_UNSUSPEND),
    /** LOCKED_OUT to ACTIVE; on an ACTIVE user it changes nothing (Okta: unblocks unknown devices). */
    UNLOCK("unlock", EnumSet.of(UserStatus.LOCKED_OUT, UserStatus.ACTIVE), UserStatus.ACTIVE, EventType.USER_UNLOCK),
    /**
     * ACTIVE, RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT or PROVISIONED to RECOVERY (OKTA-WIRE.md: "ACTIVE and
     * similar"; the sandbox's list).
     */
    RESET_PASSWORD("reset_password", EnumSet.of(UserStatus.ACTIVE, UserStatus.RECOVERY, UserStatus.PASSWORD_EXPIRED,
            UserStatus.LOCKED_OUT, UserStatus.PROVISIONED), UserStatus.RECOVERY, EventType.USER_RESET_PASSWORD),
    /** ACTIVE to PASSWORD_EXPIRED. */
    EXPIRE_PASSWORD("expire_password", EnumSet.of(UserStatus.ACTIVE), UserStatus.PASSWORD_EXPIRED,
            EventType.USER_EXPIRE_PASSWORD);

    private final String path;
    private final Set<UserStatus> allowedFrom;
    private final UserStatus result;
    private final EventType event;

    Lifecycle(String path, Set<UserStatus> allowedFrom, UserStatus result, EventType event) {
        this.path = path;
        this.allowedFrom = allowedFrom;
        this.result = result;
        this.event = event;
    }

    /**
     * The operation's last path segment.
     *
     * @return e.g. {@code reset_password}
     */
    public String path() {
        return path;
    }

    /**
     * The link relation that offers the operation in a user's {@code _links}, as the {@code User} schema names it.
     *
     * @return e.g. {@code resetPassword}
     */
    public String rel() {
        return switch (this) {
            case ACTIVATE -> "activate";
            case REACTIVATE -> "reactivate";
            case DEACTIVATE -> "deactivate";
            case SUSPEND -> "suspend";
            case UNSUSPEND -> "unsuspend";
            case UNLOCK -> "unlock";
            case RESET_PASSWORD -> "resetPassword";
            case EXPIRE_PASSWORD -> "expirePassword";
        };
    }

    /**
     * Whether a user in this status is offered the operation as a link: the statuses it is allowed from, except
     * {@code unlock} on an ACTIVE user (allowed, but there is nothing to unlock).
     *
     * @param status the user's status
     * @return true when the operation's link belongs in the user's {@code _links}
     */
    public boolean offeredFrom(UserStatus status) {
        return allowedFrom.contains(status) && !(this == UNLOCK && status == UserStatus.ACTIVE);
    }

    /**
     * The event the operation records.
     *
     * @return the event type
     */
    public EventType event() {
        return event;
    }

    /**
     * The status a user in {@code from} ends in.
     *
     * @param user the user before the operation
     * @return the new status
     * @throws OktaException 403 E0000016 to activate an ACTIVE user, 403 E0000038 when the operation is not
     *     allowed from the user's status
     */
    public UserStatus apply(User user) {
        if (!allowedFrom.contains(user.status())) {
            throw OktaException.of(this == ACTIVATE && user.status() == UserStatus.ACTIVE
                    ? ErrorCode.E0000016 : ErrorCode.E0000038);
        }
        if (this == ACTIVATE) {
            return user.hasPassword() ? UserStatus.ACTIVE : UserStatus.PROVISIONED;
        }
        return result;
    }
}
