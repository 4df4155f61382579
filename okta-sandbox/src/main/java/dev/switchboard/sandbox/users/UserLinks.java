package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.logs.LogRequest;

import java.util.List;

/**
 * What other features do when users change: group memberships (a new user's {@code groupIds}, a deleted user's
 * memberships) and API tokens (a deactivated admin's tokens are revoked, as Okta does).
 */
public interface UserLinks {
    /** Links that do nothing, for a directory without groups or tokens. */
    UserLinks NONE = new UserLinks() {
        @Override
        public void checkGroups(List<String> groupIds) {
        }

        @Override
        public void addToGroups(User user, List<String> groupIds, Principal actor, LogRequest request) {
        }

        @Override
        public void deactivated(User user) {
        }

        @Override
        public void deleted(User user) {
        }
    };

    /**
     * Checks that every group of a new user's {@code groupIds} exists, before the user is created.
     *
     * @param groupIds group ids
     * @throws dev.switchboard.sandbox.errors.OktaException 400 E0000001 naming {@code groupIds} otherwise
     */
    void checkGroups(List<String> groupIds);

    /**
     * Adds a new user to groups, recording {@code group.user_membership.add} for each.
     *
     * @param user the new user
     * @param groupIds checked group ids
     * @param actor who created the user
     * @param request the request that created the user
     */
    void addToGroups(User user, List<String> groupIds, Principal actor, LogRequest request);

    /**
     * A user was deactivated: their API tokens stop working.
     *
     * @param user the user, now DEPROVISIONED
     */
    void deactivated(User user);

    /**
     * A user was deleted: their group memberships go.
     *
     * @param user the deleted user
     */
    void deleted(User user);
}
