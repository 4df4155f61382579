package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * A group's JSON representation, in the property order of Okta's examples: {@code id, created, lastUpdated,
 * lastMembershipUpdated, objectClass, type, profile, _links{logo, users, apps}}; with {@code expand=stats} or
 * {@code expand=app}, {@code _embedded}.
 *
 * <p>Source: the {@code Group} schema and the {@code group-example}, {@code list-groups-examples},
 * {@code list-groups-filter} and {@code list-groups-search} examples of the Management API description, whose
 * {@code _links} are {@code logo} (medium and large), {@code users} and {@code apps} ({@code source} only for groups
 * imported from an app, which the sandbox does not have).
 */
public final class GroupJson {
    private GroupJson() {
    }

    /**
     * What {@code expand} asks to embed.
     *
     * @param stats {@code expand=stats}: {@code _embedded.stats} with the member count
     * @param app {@code expand=app}: {@code _embedded.app}, the app a group is imported from; the sandbox's groups
     *     come from no app, so it adds only an empty {@code _embedded}
     */
    public record Expand(boolean stats, boolean app) {
        /** Nothing embedded. */
        public static final Expand NONE = new Expand(false, false);

        /**
         * Reads {@code expand}: {@code stats}, {@code app}, or both separated by a comma; other values are ignored.
         *
         * @param value the parameter, if given
         * @return what to embed
         */
        public static Expand of(Optional<String> value) {
            if (value.isEmpty()) {
                return NONE;
            }
            List<String> names = List.of(value.get().split(","));
            return new Expand(names.stream().anyMatch(name -> name.strip().equals("stats")),
                    names.stream().anyMatch(name -> name.strip().equals("app")));
        }

        /**
         * Whether anything is embedded.
         *
         * @return true for stats or app
         */
        public boolean any() {
            return stats || app;
        }
    }

    /**
     * The representation of a group.
     *
     * @param group the group
     * @param orgUrl the org's base URL without trailing slash, for {@code _links}
     * @param expand what to embed
     * @param usersCount the member count, read only when stats are embedded
     * @return an ordered map of JSON values
     */
    public static Map<String, Object> of(Group group, String orgUrl, Expand expand, IntSupplier usersCount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", group.id());
        json.put("created", OktaTimestamps.format(group.created()));
        json.put("lastUpdated", OktaTimestamps.format(group.lastUpdated()));
        json.put("lastMembershipUpdated", OktaTimestamps.format(group.lastMembershipUpdated()));
        json.put("objectClass", group.type().objectClass());
        json.put("type", group.type().name());
        json.put("profile", group.profile());
        String self = orgUrl + "/api/v1/groups/" + group.id();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("logo", List.of(
                logo("medium", orgUrl + "/img/logos/groups/okta-medium.png"),
                logo("large", orgUrl + "/img/logos/groups/okta-large.png")));
        links.put("users", Map.of("href", self + "/users"));
        links.put("apps", Map.of("href", self + "/apps"));
        json.put("_links", links);
        if (expand.any()) {
            Map<String, Object> embedded = new LinkedHashMap<>();
            if (expand.stats()) {
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("usersCount", usersCount.getAsInt());
                stats.put("appsCount", 0);
                stats.put("groupPushMappingsCount", 0);
                stats.put("hasAdminPrivilege", false);
                embedded.put("stats", stats);
            }
            json.put("_embedded", embedded);
        }
        return json;
    }

    private static Map<String, Object> logo(String name, String href) {
        Map<String, Object> logo = new LinkedHashMap<>();
        logo.put("name", name);
        logo.put("href", href);
        logo.put("type", "image/png");
        return logo;
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
