package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.query.AttributeSource;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Okta group, immutable; shaped like the {@code Group} schema of the Management API description.
 *
 * @param id the group id, {@code 00g} followed by 17 alphanumerics
 * @param type {@code OKTA_GROUP} for groups admins manage, {@code BUILT_IN} for the Everyone group
 * @param created when the group was created
 * @param lastUpdated when its profile last changed
 * @param lastMembershipUpdated when a member was last added or removed
 * @param profile {@code name}, {@code description} and custom attributes, in order; unmodifiable
 */
public record Group(String id, GroupType type, Instant created, Instant lastUpdated, Instant lastMembershipUpdated,
        Map<String, Object> profile) {

    /**
     * A group admins manage.
     *
     * @param id as described on the record
     * @param created as described on the record
     * @param lastUpdated as described on the record
     * @param lastMembershipUpdated as described on the record
     * @param profile as described on the record
     */
    public Group(String id, Instant created, Instant lastUpdated, Instant lastMembershipUpdated,
            Map<String, Object> profile) {
        this(id, GroupType.OKTA_GROUP, created, lastUpdated, lastMembershipUpdated, profile);
    }

    /**
     * Checks the arguments and copies the profile.
     *
     * @param id as described on the record
     * @param type as described on the record
     * @param created as described on the record
     * @param lastUpdated as described on the record
     * @param lastMembershipUpdated as described on the record
     * @param profile as described on the record
     * @throws IllegalArgumentException when the profile has no {@code name} string
     */
    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(lastMembershipUpdated, "lastMembershipUpdated");
        if (!(profile.get("name") instanceof String)) {
            throw new IllegalArgumentException("a group's profile needs a name string");
        }
        profile = Collections.unmodifiableMap(new LinkedHashMap<>(profile));
    }

    /**
     * The group's name.
     *
     * @return {@code profile.name}
     */
    public String name() {
        return (String) profile.get("name");
    }

    /**
     * This group with another {@code lastMembershipUpdated}, unless it is later already.
     *
     * @param when the time of a membership change
     * @return the changed group
     */
    public Group membershipChangedAt(Instant when) {
        Instant latest = when.isAfter(lastMembershipUpdated) ? when : lastMembershipUpdated;
        return new Group(id, type, created, lastUpdated, latest, profile);
    }

    /**
     * This group with another profile.
     *
     * @param newProfile the new profile
     * @param now the time of the change
     * @return the changed group
     */
    public Group withProfile(Map<String, Object> newProfile, Instant now) {
        return new Group(id, type, created, now, lastMembershipUpdated, newProfile);
    }

    /**
     * The group's attributes as expressions name them: {@code id}, {@code type}, {@code created},
     * {@code lastUpdated}, {@code lastMembershipUpdated} (Okta's timestamp format) and {@code profile.{name}}.
     *
     * @return a view of this group
     */
    public AttributeSource attributes() {
        return path -> switch (path) {
            case "id" -> Optional.of(id);
            case "type" -> Optional.of(type.name());
            case "created" -> Optional.of(OktaTimestamps.format(created));
            case "lastUpdated" -> Optional.of(OktaTimestamps.format(lastUpdated));
            case "lastMembershipUpdated" -> Optional.of(OktaTimestamps.format(lastMembershipUpdated));
            default -> path.startsWith("profile.")
                    ? Optional.ofNullable(profile.get(path.substring("profile.".length())))
                    : Optional.empty();
        };
    }
}
