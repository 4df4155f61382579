package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.auth.Scopes;
import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.logs.EventType;
import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.paging.Cursor;
import dev.switchboard.sandbox.paging.LinkHeaders;
import dev.switchboard.sandbox.paging.PageSize;
import dev.switchboard.sandbox.paging.SortOrder;
import dev.switchboard.sandbox.query.ConditionRules;
import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.ExpressionParser;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Matching;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.QueryParameters;
import dev.switchboard.sandbox.server.RequestBodies;
import dev.switchboard.sandbox.server.SandboxServer;
import dev.switchboard.sandbox.users.User;
import dev.switchboard.sandbox.users.UserDirectory;
import dev.switchboard.sandbox.users.UserJson;
import dev.switchboard.sandbox.users.UserRenderer;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The groups endpoints, as Okta's {@code Group} operations (Management API description; OKTA-WIRE.md "Groups and
 * System Log"):
 * <ul>
 *   <li>{@code GET /api/v1/groups}: in id order; {@code q} (name prefix, ignoring case; default limit 300; one
 *       page, no {@code link} header, case C05), {@code search} (see {@link GroupExpressions}; with
 *       {@code sortBy}/{@code sortOrder}), {@code filter} (exact); {@code limit} default and maximum 10,000;
 *       {@code after}. {@code expand} ({@code stats}, {@code app}, or both separated by a comma) is honoured by
 *       every form, {@code q} included: {@code stats} adds {@code _embedded.stats.usersCount}; {@code app} adds
 *       {@code _embedded}, without an {@code app} since no group of the sandbox comes from an app (the parameter's
 *       description: "additional metadata is included in the _embedded property"). {@code search} with
 *       {@code filter}: 400 E0000033; a bad expression: 400 E0000031, except a {@code filter} that parses but
 *       names what {@code filter} does not support: 400 E0000094.</li>
 *   <li>{@code GET}, {@code PUT} (replace the profile), {@code DELETE /api/v1/groups/{groupId}};
 *       {@code POST /api/v1/groups} with {@code {profile{name, description}}}. A name another group has is 400
 *       E0000001. Unknown group: 404 E0000007 "Not found: Resource not found: {id} (UserGroup)".</li>
 *   <li>{@code GET /api/v1/groups/{groupId}/users}: members in user-id order, {@code limit} default and maximum
 *       1,000, paged. {@code PUT /api/v1/groups/{groupId}/users/{userId}}: 204, also when already a member
 *       (case C14); {@code DELETE}: 204. {@code GET .../apps}: the apps assigned to the group, none.</li>
 *   <li>The Everyone group ({@code BUILT_IN}): every user of the org is a member; changing its profile or members
 *       or deleting it is 403 E0000006, as those operations are only for other group types.</li>
 *   <li>{@code GET /api/v1/users/{id}/groups}: the user's groups, Everyone included, one page.</li>
 * </ul>
 * Changes record {@code group.lifecycle.create}, {@code group.profile.update}, {@code group.lifecycle.delete},
 * {@code group.user_membership.add} and {@code .remove} (the last two only when membership changed).
 */
public final class GroupsApi implements ApiEndpoints {
    private static final String GROUPS_PATH = "/api/v1/groups";
    private static final int DEFAULT_LIMIT = 10_000;
    private static final int MAX_LIMIT = 10_000;
    private static final int Q_DEFAULT_LIMIT = 300;
    private static final int MEMBERS_LIMIT = 1_000;

    private final GroupDirectory groups;
    private final UserDirectory users;
    private final SystemLog log;
    private final Clock clock;
    private final Supplier<String> orgUrl;
    private final UserRenderer renderer;

    /**
     * The endpoints over the org's groups.
     *
     * @param groups the groups and memberships
     * @param users the users, for membership checks
     * @param log where changes are recorded
     * @param clock the clock of timestamps
     * @param orgUrl the org's base URL without trailing slash
     * @param renderer writes members as JSON
     */
    public GroupsApi(GroupDirectory groups, UserDirectory users, SystemLog log, Clock clock, Supplier<String> orgUrl,
            UserRenderer renderer) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.users = Objects.requireNonNull(users, "users");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(GROUPS_PATH, this::list);
        routes.post(GROUPS_PATH, this::create);
        routes.get(GROUPS_PATH + "/{groupId}", this::get);
        routes.put(GROUPS_PATH + "/{groupId}", this::replace);
        routes.delete(GROUPS_PATH + "/{groupId}", this::delete);
        routes.get(GROUPS_PATH + "/{groupId}/users", this::members);
        routes.get(GROUPS_PATH + "/{groupId}/apps", this::apps);
        routes.put(GROUPS_PATH + "/{groupId}/users/{userId}", this::addMember);
        routes.delete(GROUPS_PATH + "/{groupId}/users/{userId}", this::removeMember);
        routes.get("/api/v1/users/{userId}/groups", this::groupsOfUser);
    }

    private Group group(String id) {
        return groups.byId(id).orElseThrow(() -> OktaException.resourceNotFound(id, "UserGroup"));
    }

    private User user(String idOrLogin) {
        return users.byIdOrLogin(idOrLogin).orElseThrow(() -> OktaException.resourceNotFound(idOrLogin, "User"));
    }

    private void get(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.GROUPS_READ);
        Group group = group(ctx.pathParam("groupId"));
        GroupJson.Expand expand = GroupJson.Expand.of(expandParameter(QueryParameters.parse(ctx.queryString())));
        JsonResponses.write(ctx, json(group, expand));
    }

    private Map<String, Object> json(Group group, GroupJson.Expand expand) {
        return GroupJson.of(group, orgUrl.get(), expand, () -> groups.members(group.id()).size());
    }

    /**
     * Refuses to change the Everyone group: its profile and members are Okta's ({@code replaceGroup},
     * {@code assignUserToGroup} and {@code unassignUserFromGroup} work on {@code OKTA_GROUP} groups only,
     * {@code deleteGroup} on {@code OKTA_GROUP} and {@code APP_GROUP}; the answer is the operations' 403).
     */
    private static void refuseBuiltIn(Group group) {
        if (group.type() == GroupType.BUILT_IN) {
            throw OktaException.of(ErrorCode.E0000006);
        }
    }

    /** {@code GET /api/v1/groups/{groupId}/apps}: the apps assigned to a group; the sandbox has none. */
    private void apps(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.GROUPS_READ);
        group(ctx.pathParam("groupId"));
        JsonResponses.write(ctx, List.of());
    }

    private void create(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.GROUPS_MANAGE);
        Map<String, Object> profile = profile(RequestBodies.object(ctx));
        Group group;
        try {
            group = groups.create(profile, clock.instant());
        } catch (GroupDirectory.NameTakenException e) {
            throw nameTaken();
        }
        log.record(EventType.GROUP_CREATE, LogActor.of(principal), List.of(GroupJson.target(group)),
                SandboxServer.logRequest(ctx));
        JsonResponses.write(ctx, json(group, GroupJson.Expand.NONE));
    }

    private void replace(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.GROUPS_MANAGE);
        String id = ctx.pathParam("groupId");
        refuseBuiltIn(group(id));
        Map<String, Object> profile = profile(RequestBodies.object(ctx));
        Group group;
        try {
            group = groups.replaceProfile(id, profile, clock.instant())
                    .orElseThrow(() -> OktaException.resourceNotFound(id, "UserGroup"));
        } catch (GroupDirectory.NameTakenException e) {
            throw nameTaken();
        }
        log.record(EventType.GROUP_UPDATE, LogActor.of(principal), List.of(GroupJson.target(group)),
                SandboxServer.logRequest(ctx));
        JsonResponses.write(ctx, json(group, GroupJson.Expand.NONE));
    }

    private void delete(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.GROUPS_MANAGE);
        String id = ctx.pathParam("groupId");
        refuseBuiltIn(group(id));
        Group group = groups.remove(id).orElseThrow(() -> OktaException.resourceNotFound(id, "UserGroup"));
        log.record(EventType.GROUP_DELETE, LogActor.of(principal), List.of(GroupJson.target(group)),
                SandboxServer.logRequest(ctx));
        ctx.status(204);
    }

    private void members(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.GROUPS_READ);
        Group group = group(ctx.pathParam("groupId"));
        QueryParameters query = QueryParameters.parse(ctx.queryString());
        int limit = PageSize.parse(query.first("limit", ErrorCode.E0000029), MEMBERS_LIMIT, MEMBERS_LIMIT);
        Optional<String> afterId = Cursor.afterIdOf(query.first("after", ErrorCode.E0000029));
        NavigableSet<String> ids = groups.members(group.id());
        Iterator<String> candidates = afterId.map(id -> ids.tailSet(id, false)).orElse(ids).iterator();
        List<User> page = new ArrayList<>();
        boolean more = false;
        while (candidates.hasNext()) {
            Optional<User> user = users.byId(candidates.next());
            if (user.isEmpty()) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(user.get());
        }
        Optional<Cursor> next = more ? Optional.of(Cursor.afterId(page.get(page.size() - 1).id())) : Optional.empty();
        LinkHeaders.addPage(ctx, orgUrl.get(), next, limit, Map.of());
        renderer.respond(ctx, page);
    }

    private void addMember(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.GROUPS_MANAGE);
        Group group = group(ctx.pathParam("groupId"));
        refuseBuiltIn(group);
        User user = user(ctx.pathParam("userId"));
        if (groups.addMember(group.id(), user.id(), clock.instant())) {
            log.record(EventType.GROUP_MEMBERSHIP_ADD, LogActor.of(principal),
                    List.of(UserJson.target(user), GroupJson.target(group)), SandboxServer.logRequest(ctx));
        }
        ctx.status(204);
    }

    private void removeMember(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.GROUPS_MANAGE);
        Group group = group(ctx.pathParam("groupId"));
        refuseBuiltIn(group);
        User user = user(ctx.pathParam("userId"));
        if (groups.removeMember(group.id(), user.id(), clock.instant())) {
            log.record(EventType.GROUP_MEMBERSHIP_REMOVE, LogActor.of(principal),
                    List.of(UserJson.target(user), GroupJson.target(group)), SandboxServer.logRequest(ctx));
        }
        ctx.status(204);
    }

    private void groupsOfUser(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.USERS_READ);
        User user = user(ctx.pathParam("userId"));
        respond(ctx, groups.groupsOf(user.id()), GroupJson.Expand.NONE);
    }

    private void list(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.GROUPS_READ);
        QueryParameters query = QueryParameters.parse(ctx.queryString());
        Optional<String> search = query.first("search", ErrorCode.E0000031);
        Optional<String> filter = query.first("filter", ErrorCode.E0000031);
        Optional<String> q = query.first("q", ErrorCode.E0000031);
        if (search.isPresent() && filter.isPresent()) {
            throw OktaException.of(ErrorCode.E0000033);
        }
        Optional<String> after = query.first("after", ErrorCode.E0000029);
        Optional<String> limitParameter = query.first("limit", ErrorCode.E0000029);
        GroupJson.Expand expand = GroupJson.Expand.of(expandParameter(query));
        if (search.isEmpty() && filter.isEmpty() && q.isPresent()) {
            String prefix = q.get().toLowerCase(Locale.ROOT);
            int limit = PageSize.parse(limitParameter, Q_DEFAULT_LIMIT, MAX_LIMIT);
            respond(ctx, groups.page(group -> group.name().toLowerCase(Locale.ROOT).startsWith(prefix),
                    Optional.empty(), limit).groups(), expand);
            return;
        }
        int limit = PageSize.parse(limitParameter, DEFAULT_LIMIT, MAX_LIMIT);
        Map<String, String> carried = new LinkedHashMap<>();
        Predicate<Group> matching = group -> true;
        Optional<SortOrder> order = Optional.empty();
        if (search.isPresent()) {
            Expression expression = parse("search", search.get(), GroupExpressions.SEARCH, ErrorCode.E0000031);
            matching = group -> expression.matches(group.attributes(), Matching.CASE_INSENSITIVE);
            carried.put("search", search.get());
            order = SortOrder.parse(query.first("sortBy", ErrorCode.E0000031),
                    query.first("sortOrder", ErrorCode.E0000031), GroupExpressions::isSearchable, carried);
        } else if (filter.isPresent()) {
            Expression expression = parse("filter", filter.get(), GroupExpressions.FILTER, ErrorCode.E0000094);
            matching = group -> expression.matches(group.attributes(), Matching.CASE_SENSITIVE);
            carried.put("filter", filter.get());
        }
        expandParameter(query).ifPresent(value -> carried.put("expand", value));
        List<Group> page;
        Optional<Cursor> next;
        if (order.isPresent()) {
            String property = order.get().property();
            Predicate<Group> finalMatching = matching;
            SortOrder.Paged<Group> paged = order.get().page(
                    groups.all().stream().filter(finalMatching).toList(),
                    group -> group.attributes().attribute(property), Group::id, after, limit);
            page = paged.items();
            next = paged.next();
        } else {
            Optional<String> afterId = Cursor.afterIdOf(after);
            GroupDirectory.Page found = groups.page(matching, afterId, limit);
            page = found.groups();
            next = found.hasMore() ? Optional.of(Cursor.afterId(page.get(page.size() - 1).id())) : Optional.empty();
        }
        LinkHeaders.addPage(ctx, orgUrl.get(), next, limit, carried);
        respond(ctx, page, expand);
    }

    private static Optional<String> expandParameter(QueryParameters query) {
        return query.first("expand", ErrorCode.E0000001);
    }

    private void respond(Context ctx, List<Group> page, GroupJson.Expand expand) {
        List<Map<String, Object>> body = new ArrayList<>(page.size());
        page.forEach(group -> body.add(json(group, expand)));
        JsonResponses.write(ctx, body);
    }

    /**
     * Parses an expression: a syntax error is 400 E0000031, a condition the parameter does not support is
     * {@code unsupported}.
     */
    private static Expression parse(String parameter, String text, ConditionRules rules, ErrorCode unsupported) {
        Expression expression;
        try {
            expression = ExpressionParser.parse(text);
        } catch (InvalidExpressionException e) {
            throw OktaException.withCauses(ErrorCode.E0000031, List.of(parameter + ": " + e.getMessage()));
        }
        try {
            for (Expression.Condition condition : expression.conditions()) {
                rules.check(condition);
            }
        } catch (InvalidExpressionException e) {
            throw OktaException.withCauses(unsupported, List.of(parameter + ": " + e.getMessage()));
        }
        return expression;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> profile(Map<String, Object> body) {
        if (!(body.get("profile") instanceof Map<?, ?> given)) {
            throw OktaException.withCauses(ErrorCode.E0000001, "profile", List.of("profile: The field cannot be left blank"));
        }
        Map<String, Object> profile = new LinkedHashMap<>((Map<String, Object>) given);
        if (!(profile.get("name") instanceof String name) || name.isBlank()) {
            throw OktaException.withCauses(ErrorCode.E0000001, "name", List.of("name: The field cannot be left blank"));
        }
        if (profile.containsKey("description") && profile.get("description") != null
                && !(profile.get("description") instanceof String)) {
            throw OktaException.withCauses(ErrorCode.E0000001, "description",
                    List.of("description: Does not match required type string"));
        }
        return profile;
    }

    private static OktaException nameTaken() {
        return OktaException.withCauses(ErrorCode.E0000001, "name",
                List.of("name: An object with this field already exists in the current organization"));
    }
}
