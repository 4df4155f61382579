package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A group's JSON representation, in the property order of Okta's examples: {@code id, created, lastUpdated,
 * lastMembershipUpdated, objectClass, type, profile, _links{logo, users, apps}}; with {@code expand=stats},
 * {@code _embedded.stats.usersCount}.
 *
 * <p>Source: the {@code Group} schema and the {@code listGroups} examples of the Management API description.
 */
public final class GroupJson {
    private GroupJson() {
    }

    /**
     * The representation of a group.
     *
     * @param group the group
     * @param orgUrl the org's base URL without trailing slash, for {@code _links}
     * @param usersCount the member count for {@code _embedded.stats}, or empty to leave {@code _embedded} out
     * @return an ordered map of JSON values
     */
    public static Map<String, Object> of(Group group, String orgUrl, Optional<Integer> usersCount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", group.id());
        json.put("created", OktaTimestamps.format(group.created()));
        json.put("lastUpdated", OktaTimestamps.format(group.lastUpdated()));
        json.put("lastMembershipUpdated", OktaTimestamps.format(group.lastMembershipUpdated()));
        json.put("objectClass", List.of("okta:user_group"));
        json.put("type", Group.TYPE);
        json.put("profile", group.profile());
        String self = orgUrl + "/api/v1/groups/" + group.id();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("logo", List.of(
                Map.of("name", "medium", "href", orgUrl + "/assets/img/logos/groups/okta-medium.png", "type", "image/png"),
                Map.of("name", "large", "href", orgUrl + "/assets/img/logos/groups/okta-large.png", "type", "image/png")));
        links.put("users", Map.of("href", self + "/users"));
        links.put("apps", Map.of("href", self + "/apps"));
        links.put("self", Map.of("href", self));
        json.put("_links", links);
        usersCount.ifPresent(count -> json.put("_embedded", Map.of("stats", Map.of("usersCount", count, "appsCount", 0,
                "groupPushMappingsCount", 0, "hasAdminPrivilege", false))));
        return json;
    }

    /**
     * The group as a System Log event's target.
     *
     * @param group the group
     * @return a {@code UserGroup} target named by the group's name
     */
    public static LogActor target(Group group) {
        return new LogActor(group.id(), "UserGroup", group.name(), group.name());
    }
}
