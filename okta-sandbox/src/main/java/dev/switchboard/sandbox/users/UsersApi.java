package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.auth.Scopes;
import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.logs.EventType;
import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.logs.LogRequest;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.paging.Cursor;
import dev.switchboard.sandbox.paging.LinkHeaders;
import dev.switchboard.sandbox.paging.PageSize;
import dev.switchboard.sandbox.paging.SortOrder;
import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.ExpressionParser;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Literal;
import dev.switchboard.sandbox.query.Matching;
import dev.switchboard.sandbox.query.Operator;
import dev.switchboard.sandbox.schema.UserSchema;
import dev.switchboard.sandbox.schema.UserSchemaStore;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.QueryParameters;
import dev.switchboard.sandbox.server.RequestBodies;
import dev.switchboard.sandbox.server.SandboxServer;
import dev.switchboard.sandbox.wire.OktaIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/users} and {@code GET /api/v1/users/{idOrLogin}}.
 *
 * <p>Listing, as Okta's {@code listUsers} (Management API description; OKTA-WIRE.md "Users", "Pagination"):
 * <ul>
 *   <li>Plain: users in id order, DEPROVISIONED omitted; {@code limit} default and maximum 200 (larger values
 *       clamped); an opaque {@code after} cursor; a {@code Link} header with {@code rel="self"} (the request's
 *       own URL) and, when more users follow, a second {@code Link} header with {@code rel="next"}.</li>
 *   <li>{@code search}: see {@link UserExpressions}; values case-insensitive; DEPROVISIONED included; paged
 *       like the plain listing; {@code sortBy} (any searchable property, ties by id) and {@code sortOrder}
 *       ({@code asc} default, or {@code desc}).</li>
 *   <li>{@code filter}: see {@link UserExpressions}; exact, case-sensitive; DEPROVISIONED included; paged.</li>
 *   <li>{@code q}: prefix match, ignoring case, on firstName, lastName and email; DEPROVISIONED omitted;
 *       default limit 10; one page, no {@code Link} header.</li>
 *   <li>{@code search} with {@code filter}: 400 E0000033. An unparsable or unsupported expression, or a bad
 *       {@code sortBy}/{@code sortOrder}: 400 E0000031 with the reason as error cause. A bad {@code limit} or
 *       {@code after}: 400 E0000029.</li>
 *   <li>When {@code q} comes with {@code search} or {@code filter}, the expression wins and {@code q} is
 *       ignored (Okta's behaviour here is not documented).</li>
 * </ul>
 * Query parameters are decoded as HTML forms are: a raw {@code +} is a space, {@code %2B} a plus (case C01).
 *
 * <p>Get: by id, by login (ignoring case) or by unambiguous short login; {@code me} for the admin an API token
 * acts for; DEPROVISIONED users included; with an {@code ETag}, and every link the user's status allows
 * ({@link UserJson#links}; listings carry {@code self} only). Unknown: 404 E0000007 "Not found: Resource not found:
 * {idOrLogin} (User)". A login containing {@code /}: 405 E0000022, as Okta answers (case C03).
 *
 * <p>Writes, as Okta's {@code createUser}, {@code updateUser}, {@code replaceUser}, {@code deleteUser} and the
 * lifecycle operations (see {@link Lifecycle}):
 * <ul>
 *   <li>Create: {@code POST /api/v1/users?activate=true|false&nextLogin=changePassword} with
 *       {@code {profile, credentials{password{value}, recovery_question{question, answer}, provider}, groupIds,
 *       type{id}}}. {@code activate=false}: STAGED; activated with a password: ACTIVE (PASSWORD_EXPIRED with
 *       {@code nextLogin=changePassword}); activated without: PROVISIONED. Passwords need at least 8 characters and
 *       are kept only as salted hashes ({@link Passwords}); recovery answers are never kept.</li>
 *   <li>Partial update: {@code POST /api/v1/users/{id}}: omitted profile properties stay, an explicit
 *       {@code null} clears one. Full replace: {@code PUT}: the profile becomes exactly the one given. The
 *       profile must follow the org's user schema ({@link UserSchema#check}): an attribute it does not define is
 *       400 E0000001 "Property name '{name}' is not defined in profile". A login another user has is 400 E0000001
 *       with the cause "login: An object with this field already exists in the current organization". A
 *       DEPROVISIONED user's profile cannot change (403 E0000038; Okta allows it only with an org setting).
 *       {@code If-Match} makes the update conditional on the user's {@code ETag} (412 when it changed);
 *       {@code strict=true} refuses a password among the user's last {@value Passwords#HISTORY}. Answers the user
 *       with its new {@code ETag}.</li>
 *   <li>Delete: the first {@code DELETE} deactivates, the one on a DEPROVISIONED user deletes; both 204.
 *       {@code Prefer: respond-async} is accepted and changes nothing.</li>
 *   <li>Activation and deactivation take the sandbox's transition time ({@link Transitions}; none by default):
 *       meanwhile the user shows {@code transitioningToStatus}, an update of a user being activated is 409
 *       E0000112, and lifecycle operations are 403 E0000038.</li>
 * </ul>
 * Every change records its System Log event. Reads need {@code okta.users.read} and writes
 * {@code okta.users.manage} when the caller is a service app.
 */
public final class UsersApi implements ApiEndpoints {
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 200;
    private static final int Q_DEFAULT_LIMIT = 10;
    private static final String USERS_PATH = "/api/v1/users";
    private static final SecureRandom TOKENS = new SecureRandom();

    private final UserDirectory directory;
    private final SystemLog log;
    private final UserLinks links;
    private final Clock clock;
    private final Supplier<String> orgUrl;
    private final UserRenderer renderer;
    private final UserSchemaStore schemas;
    private final Transitions transitions;

    /**
     * The endpoints over a directory.
     *
     * @param directory the org's users
     * @param log where changes are recorded
     * @param links what other features do when users change
     * @param clock the clock of timestamps
     * @param orgUrl the org's base URL without trailing slash, known once the server is bound
     * @param renderer writes users as JSON
     * @param schemas the user schema profiles must follow
     * @param transitions how long activations and deactivations take
     */
    public UsersApi(UserDirectory directory, SystemLog log, UserLinks links, Clock clock, Supplier<String> orgUrl,
            UserRenderer renderer, UserSchemaStore schemas, Transitions transitions) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.log = Objects.requireNonNull(log, "log");
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        directory.all(user -> user.transition().isPresent()).forEach(transitions::follow);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.before(ctx -> transitions.settle(this::complete));
        routes.get(USERS_PATH, this::list);
        routes.post(USERS_PATH, this::create);
        routes.get(USERS_PATH + "/{idOrLogin}", this::get);
        routes.post(USERS_PATH + "/{idOrLogin}", ctx -> update(ctx, false));
        routes.put(USERS_PATH + "/{idOrLogin}", ctx -> update(ctx, true));
        routes.delete(USERS_PATH + "/{idOrLogin}", this::delete);
        for (Lifecycle operation : Lifecycle.values()) {
            routes.post(USERS_PATH + "/{idOrLogin}/lifecycle/" + operation.path(), ctx -> lifecycle(ctx, operation));
        }
    }

    /**
     * The user a path names: by id, login or short login, or {@code me} for the calling admin.
     *
     * @param ctx the request's context, with an {@code idOrLogin} path parameter
     * @param directory the org's users
     * @return the user
     * @throws OktaException 405 E0000022 for a login with {@code /}, 404 E0000007 for an unknown user
     */
    static User target(Context ctx, UserDirectory directory) {
        String idOrLogin = ctx.pathParam("idOrLogin");
        if (idOrLogin.contains("/")) {
            throw OktaException.of(ErrorCode.E0000022);
        }
        Optional<User> user = idOrLogin.equals("me")
                ? directory.byId(SandboxServer.principal(ctx).id())
                : directory.byIdOrLogin(idOrLogin);
        return user.orElseThrow(() -> OktaException.resourceNotFound(idOrLogin, "User"));
    }

    private void get(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.USERS_READ);
        User user = target(ctx, directory);
        ctx.header("ETag", renderer.etag(user));
        JsonResponses.writeBytes(ctx, renderer.json(user));
    }

    /** Answers with one user, alone: every link its status allows, and its {@code ETag}. */
    private void answer(Context ctx, User user) {
        ctx.header("ETag", renderer.etag(user));
        JsonResponses.writeBytes(ctx, renderer.json(user));
    }

    private void create(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.USERS_MANAGE);
        QueryParameters query = QueryParameters.parse(ctx.queryString());
        boolean activate = flag(query, "activate", true);
        boolean changePassword = query.first("nextLogin", ErrorCode.E0000001)
                .map(value -> {
                    if (!value.equals("changePassword")) {
                        throw OktaException.withCauses(ErrorCode.E0000001, "nextLogin",
                                List.of("nextLogin: must be changePassword"));
                    }
                    return true;
                }).orElse(false);
        Map<String, Object> body = RequestBodies.object(ctx);
        Map<String, Object> profile = new LinkedHashMap<>(RequestedCredentials.object(body, "profile").orElseThrow(
                () -> OktaException.withCauses(ErrorCode.E0000001, "profile", List.of("profile: The field cannot be left blank"))));
        schemas.current().check(profile, profile.keySet(), UserSchema.NEW_USER);
        RequestedCredentials credentials = RequestedCredentials.of(body);
        checkType(body);
        List<String> groupIds = groupIds(body);
        if (changePassword && (!activate || !credentials.setsPassword())) {
            throw OktaException.withCauses(ErrorCode.E0000001, "nextLogin", List.of(
                    "nextLogin: changePassword needs activate=true and a password"));
        }
        links.checkGroups(groupIds);
        UserStatus status = !activate ? UserStatus.STAGED
                : !credentials.setsPassword() ? UserStatus.PROVISIONED
                : changePassword ? UserStatus.PASSWORD_EXPIRED : UserStatus.ACTIVE;
        Instant now = clock.instant();
        Optional<Instant> transitionEnds = activate ? transitions.endOfOneStartingNow() : Optional.empty();
        UserStatus initial = transitionEnds.isPresent() ? UserStatus.STAGED : status;
        boolean password = credentials.setsPassword();
        User user = new User(directory.newId(), initial, now,
                initial.isActivated() ? Optional.of(now) : Optional.empty(),
                initial == UserStatus.STAGED ? Optional.empty() : Optional.of(now),
                Optional.empty(), now, password ? Optional.of(now) : Optional.empty(),
                directory.defaultTypeId(), profile, password,
                credentials.password().map(value -> List.of(Passwords.hash(value))).orElse(List.of()),
                credentials.recoveryQuestion(),
                transitionEnds.map(ends -> new User.Transition(status, ends)));
        try {
            user = directory.add(user);
        } catch (UserDirectory.LoginTakenException e) {
            throw loginTaken();
        }
        transitions.follow(user);
        LogRequest request = SandboxServer.logRequest(ctx);
        LogActor actor = LogActor.of(principal);
        log.record(EventType.USER_CREATE, actor, List.of(UserJson.target(user)), request);
        if (activate) {
            log.record(EventType.USER_ACTIVATE, actor, List.of(UserJson.target(user)), request);
        }
        links.addToGroups(user, groupIds, principal, request);
        answer(ctx, user);
    }

    private void update(Context ctx, boolean replace) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.USERS_MANAGE);
        User user = target(ctx, directory);
        QueryParameters query = QueryParameters.parse(ctx.queryString());
        boolean strict = flag(query, "strict", false);
        Map<String, Object> body = RequestBodies.object(ctx);
        Optional<Map<String, Object>> patch = RequestedCredentials.object(body, "profile");
        RequestedCredentials credentials = RequestedCredentials.of(body);
        checkType(body);
        checkIfMatch(ctx, user);
        Transitions.refuseWhileInTransition(user, true);
        if (patch.isPresent() && user.status() == UserStatus.DEPROVISIONED) {
            throw OktaException.of(ErrorCode.E0000038);
        }
        Instant now = clock.instant();
        User updated = user;
        if (patch.isPresent()) {
            Map<String, Object> profile;
            if (replace) {
                profile = new LinkedHashMap<>(patch.get());
            } else {
                profile = new LinkedHashMap<>(user.profile());
                profile.putAll(patch.get());
            }
            schemas.current().check(profile, patch.get().keySet(), UserSchema.USER);
            updated = updated.withProfile(profile, now);
        }
        if (credentials.password().isPresent()) {
            String password = credentials.password().get();
            if (strict && Passwords.usedRecently(password, user.passwordHashes())) {
                throw OktaException.withCauses(ErrorCode.E0000001, "password",
                        List.of("password: Password has been used too recently"));
            }
            updated = updated.withPassword(Passwords.hash(password), now);
        } else if (credentials.imported()) {
            updated = new User(updated.id(), updated.status(), updated.created(), updated.activated(),
                    updated.statusChanged(), updated.lastLogin(), now, Optional.of(now), updated.typeId(),
                    updated.profile(), true, List.of(), updated.recoveryQuestion(), updated.transition());
        }
        if (credentials.recoveryQuestion().isPresent()) {
            updated = updated.withRecoveryQuestion(credentials.recoveryQuestion().get(), now);
        }
        if (updated == user) {
            updated = updated.withProfile(user.profile(), now);
        }
        try {
            updated = directory.replace(updated);
        } catch (UserDirectory.LoginTakenException e) {
            throw loginTaken();
        }
        LogRequest request = SandboxServer.logRequest(ctx);
        if (patch.isPresent()) {
            log.record(EventType.USER_UPDATE_PROFILE, LogActor.of(principal), List.of(UserJson.target(updated)), request);
        }
        if (credentials.setsPassword()) {
            log.record(EventType.USER_UPDATE_PASSWORD, LogActor.of(principal), List.of(UserJson.target(updated)), request);
        }
        answer(ctx, updated);
    }

    /**
     * Honours {@code If-Match} on an update, as the {@code updateUser} and {@code replaceUser} operations describe
     * it: "The ETag value of the user's expected current state. This becomes a conditional request used for
     * concurrency control." {@code *} matches any user; otherwise one of the listed tags must be the user's current
     * {@code ETag}, compared weakly (RFC 9110 section 8.8.3.2: {@code W/} ignored).
     *
     * @throws OktaException 412 when no tag matches
     */
    private void checkIfMatch(Context ctx, User user) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = opaque(renderer.etag(user));
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || opaque(candidate).equals(current)) {
                return;
            }
        }
        throw OktaException.preconditionFailed("If-Match: the user has changed since this ETag was issued; its"
                + " current ETag is " + renderer.etag(user) + ". Get the user again and retry with that one.");
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private void delete(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.USERS_MANAGE);
        User user = target(ctx, directory);
        Transitions.refuseWhileInTransition(user, false);
        LogRequest request = SandboxServer.logRequest(ctx);
        if (user.status() != UserStatus.DEPROVISIONED) {
            deactivate(user, principal, request);
        } else {
            links.deleted(user);
            directory.remove(user.id());
            renderer.forget(user.id());
            log.record(EventType.USER_DELETE, LogActor.of(principal), List.of(UserJson.target(user)), request);
        }
        ctx.status(204);
    }

    private User deactivate(User user, Principal principal, LogRequest request) {
        UserStatus next = Lifecycle.DEACTIVATE.apply(user);
        Instant now = clock.instant();
        Optional<Instant> ends = transitions.endOfOneStartingNow();
        User changed;
        if (ends.isPresent()) {
            changed = directory.replace(user.withTransition(next, ends.get(), now));
            transitions.follow(changed);
        } else {
            changed = directory.replace(user.withStatus(next, now));
            links.deactivated(changed);
        }
        log.record(EventType.USER_DEACTIVATE, LogActor.of(principal), List.of(UserJson.target(changed)), request);
        return changed;
    }

    /** Completes a user's transition whose time has come: the status becomes the target. */
    private void complete(String id) {
        directory.byId(id).ifPresent(user -> user.transition().ifPresent(transition -> {
            User done = directory.replace(user.withStatus(transition.to(), transition.ends()).activatedAt(transition.ends()));
            if (done.status() == UserStatus.DEPROVISIONED) {
                links.deactivated(done);
            }
        }));
    }

    private void lifecycle(Context ctx, Lifecycle operation) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.USERS_MANAGE);
        QueryParameters query = QueryParameters.parse(ctx.queryString());
        boolean sendEmail = flag(query, "sendEmail", operation != Lifecycle.DEACTIVATE);
        User user = target(ctx, directory);
        Transitions.refuseWhileInTransition(user, false);
        LogRequest request = SandboxServer.logRequest(ctx);
        User changed;
        if (operation == Lifecycle.DEACTIVATE) {
            changed = deactivate(user, principal, request);
        } else {
            UserStatus next = operation.apply(user);
            Instant now = clock.instant();
            Optional<Instant> ends = operation == Lifecycle.ACTIVATE ? transitions.endOfOneStartingNow() : Optional.empty();
            User moved = ends.isPresent() ? user.withTransition(next, ends.get(), now) : user.withStatus(next, now);
            changed = directory.replace(operation == Lifecycle.ACTIVATE ? moved.activatedAt(now) : moved);
            transitions.follow(changed);
            log.record(operation.event(), LogActor.of(principal), List.of(UserJson.target(changed)), request);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (operation) {
            case ACTIVATE, REACTIVATE -> {
                if (!sendEmail) {
                    String token = OktaIds.alphanumerics(TOKENS, 20);
                    answer.put("activationUrl", orgUrl.get() + "/tokens/" + token + "/verify");
                    answer.put("activationToken", token);
                }
            }
            case RESET_PASSWORD -> {
                if (!sendEmail) {
                    answer.put("resetPasswordUrl", orgUrl.get() + "/signin/reset-password/"
                            + OktaIds.alphanumerics(TOKENS, 20));
                }
            }
            case EXPIRE_PASSWORD -> {
                answer(ctx, changed);
                return;
            }
            default -> {
            }
        }
        JsonResponses.write(ctx, answer);
    }

    private static OktaException loginTaken() {
        return OktaException.withCauses(ErrorCode.E0000001, "login",
                List.of("login: An object with this field already exists in the current organization"));
    }

    static boolean flag(QueryParameters query, String name, boolean defaultValue) {
        return query.first(name, ErrorCode.E0000001).map(value -> {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw OktaException.withCauses(ErrorCode.E0000001, name, List.of(name + ": must be true or false"));
        }).orElse(defaultValue);
    }

    private void checkType(Map<String, Object> body) {
        RequestedCredentials.object(body, "type").ifPresent(type -> {
            Object id = type.get("id");
            if (id != null && !directory.defaultTypeId().equals(id)) {
                throw OktaException.withCauses(ErrorCode.E0000001, "type",
                        List.of("type.id: the org has one user type, " + directory.defaultTypeId()));
            }
        });
    }

    private static List<String> groupIds(Map<String, Object> body) {
        Object value = body.get("groupIds");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw OktaException.withCauses(ErrorCode.E0000001, "groupIds", List.of("groupIds: must be an array of group ids"));
        }
        List<String> ids = new ArrayList<>();
        list.forEach(id -> {
            if (!ids.contains(id)) {
                ids.add((String) id);
            }
        });
        return ids;
    }

    private void list(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.USERS_READ);
        QueryParameters query = QueryParameters.parse(ctx.queryString());
        Optional<String> search = query.first("search", ErrorCode.E0000031);
        Optional<String> filter = query.first("filter", ErrorCode.E0000031);
        Optional<String> q = query.first("q", ErrorCode.E0000031);
        if (search.isPresent() && filter.isPresent()) {
            throw OktaException.of(ErrorCode.E0000033);
        }
        Optional<String> after = query.first("after", ErrorCode.E0000029);
        Optional<String> limitParameter = query.first("limit", ErrorCode.E0000029);
        if (search.isEmpty() && filter.isEmpty() && q.isPresent()) {
            int limit = PageSize.parse(limitParameter, Q_DEFAULT_LIMIT, MAX_LIMIT);
            respond(ctx, directory.page(startsWith(q.get()), Optional.empty(), limit).users());
            return;
        }
        int limit = PageSize.parse(limitParameter, DEFAULT_LIMIT, MAX_LIMIT);
        Map<String, String> carried = new LinkedHashMap<>();
        Predicate<User> matching = user -> user.status() != UserStatus.DEPROVISIONED;
        Optional<Expression> expression = Optional.empty();
        Optional<SortOrder> order = Optional.empty();
        if (search.isPresent()) {
            expression = Optional.of(parse("search", search.get()));
            matching = matcher(expression.get(), Matching.CASE_INSENSITIVE);
            carried.put("search", search.get());
            order = SortOrder.parse(query.first("sortBy", ErrorCode.E0000031),
                    query.first("sortOrder", ErrorCode.E0000031), UserExpressions::isSearchable, carried);
        } else if (filter.isPresent()) {
            expression = Optional.of(parse("filter", filter.get()));
            matching = matcher(expression.get(), Matching.CASE_SENSITIVE);
            carried.put("filter", filter.get());
        }
        Listed listed;
        if (order.isPresent()) {
            String property = order.get().property();
            SortOrder.Paged<User> paged = order.get().page(directory.all(matching),
                    user -> user.attributes().attribute(property), User::id, after, limit);
            listed = new Listed(paged.items(), paged.next());
        } else {
            listed = idOrderPage(matching, expression, after, limit);
        }
        LinkHeaders.addPage(ctx, orgUrl.get(), listed.next(), limit, carried);
        respond(ctx, listed.users());
    }

    private Listed idOrderPage(Predicate<User> matching, Optional<Expression> expression, Optional<String> after,
            int limit) {
        Optional<String> afterId = Cursor.afterIdOf(after);
        UserDirectory.Page page = expression.flatMap(UsersApi::indexedCondition)
                .flatMap(condition -> directory.indexedPage(condition.attribute(), condition.value().orElseThrow().text(),
                        matching, afterId, limit))
                .orElseGet(() -> directory.page(matching, afterId, limit));
        Optional<Cursor> next = page.hasMore()
                ? Optional.of(Cursor.afterId(page.users().get(page.users().size() - 1).id()))
                : Optional.empty();
        return new Listed(page.users(), next);
    }

    /**
     * A condition that every match must satisfy and that an index can answer: {@code attribute eq "value"} on an
     * indexed attribute, alone or as one operand of a top-level {@code and}.
     */
    private static Optional<Expression.Condition> indexedCondition(Expression expression) {
        List<Expression> required = expression instanceof Expression.And and ? and.operands() : List.of(expression);
        for (Expression operand : required) {
            if (operand instanceof Expression.Condition condition && condition.operator() == Operator.EQ
                    && condition.value().map(value -> value.kind() == Literal.Kind.STRING).orElse(false)
                    && UserDirectory.isIndexed(condition.attribute())) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    private void respond(Context ctx, List<User> users) {
        renderer.respond(ctx, users);
    }

    private static Expression parse(String parameter, String text) {
        try {
            return ExpressionParser.parse(text,
                    parameter.equals("search") ? UserExpressions.SEARCH : UserExpressions.FILTER);
        } catch (InvalidExpressionException e) {
            throw OktaException.withCauses(ErrorCode.E0000031, List.of(parameter + ": " + e.getMessage()));
        }
    }

    private static Predicate<User> matcher(Expression expression, Matching matching) {
        return user -> expression.matches(user.attributes(), matching);
    }

    private static boolean descending(Optional<String> sortOrder) {
        if (sortOrder.isEmpty() || sortOrder.get().equalsIgnoreCase("asc")) {
            return false;
        }
        if (sortOrder.get().equalsIgnoreCase("desc")) {
            return true;
        }
        throw OktaException.withCauses(ErrorCode.E0000031, List.of("sortOrder: must be asc or desc"));
    }

    private static Predicate<User> startsWith(String q) {
        String prefix = q.toLowerCase(Locale.ROOT);
        return user -> {
            if (user.status() == UserStatus.DEPROVISIONED) {
                return false;
            }
            for (String attribute : new String[] {"firstName", "lastName", "email"}) {
                if (user.profile().get(attribute) instanceof String value
                        && value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** A page of a listing and the cursor of the next page, if any. */
    private record Listed(List<User> users, Optional<Cursor> next) {
    }
}
