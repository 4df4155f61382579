package dev.switchboard.sandbox.groups;

import java.util.List;

/**
 * A group's type, as Okta's {@code GroupType}: {@code OKTA_GROUP} (created and managed by admins) or
 * {@code BUILT_IN} (the Everyone group, which Okta creates and which every user of the org belongs to). The
 * sandbox has no {@code APP_GROUP} (groups imported from apps).
 *
 * <p>Source: the {@code GroupType} schema and the group examples of the Management API description.
 */
public enum GroupType {
    /** A group admins create and manage: its profile and members can change. */
    OKTA_GROUP,
    /** The Everyone group: every user is a member, and neither its profile nor its members can be changed. */
    BUILT_IN;

    /**
     * The group's {@code objectClass}.
     *
     * @return {@code ["okta:user_group"]}, as the examples show for Okta's own groups
     */
    public List<String> objectClass() {
        return List.of("okta:user_group");
    }
}
