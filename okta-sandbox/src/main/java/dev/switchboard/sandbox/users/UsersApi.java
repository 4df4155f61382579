package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.paging.Cursor;
import dev.switchboard.sandbox.paging.LinkHeaders;
import dev.switchboard.sandbox.paging.PageSize;
import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.ExpressionParser;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Matching;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.QueryParameters;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Get: by id, by login (ignoring case) or by unambiguous short login; DEPROVISIONED users included. Unknown:
 * 404 E0000007 "Not found: Resource not found: {idOrLogin} (User)". A login containing {@code /}: 405 E0000022,
 * as Okta answers (case C03).
 */
public final class UsersApi implements ApiEndpoints {
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 200;
    private static final int Q_DEFAULT_LIMIT = 10;
    private static final String USERS_PATH = "/api/v1/users";

    private final UserDirectory directory;
    private final Supplier<String> orgUrl;

    /**
     * The endpoints over a directory.
     *
     * @param directory the org's users
     * @param orgUrl the org's base URL without trailing slash, known once the server is bound
     */
    public UsersApi(UserDirectory directory, Supplier<String> orgUrl) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(USERS_PATH, this::list);
        routes.get(USERS_PATH + "/{idOrLogin}", this::get);
    }

    private void get(Context ctx) {
        String idOrLogin = ctx.pathParam("idOrLogin");
        if (idOrLogin.contains("/")) {
            throw OktaException.of(ErrorCode.E0000022);
        }
        User user = directory.byIdOrLogin(idOrLogin)
                .orElseThrow(() -> OktaException.resourceNotFound(idOrLogin, "User"));
        JsonResponses.write(ctx, UserJson.of(user, orgUrl.get()));
    }

    private void list(Context ctx) {
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
        Optional<SortOrder> order = Optional.empty();
        if (search.isPresent()) {
            matching = matcher("search", search.get(), Matching.CASE_INSENSITIVE);
            carried.put("search", search.get());
            order = order(query.first("sortBy", ErrorCode.E0000031), query.first("sortOrder", ErrorCode.E0000031),
                    carried);
        } else if (filter.isPresent()) {
            matching = matcher("filter", filter.get(), Matching.CASE_SENSITIVE);
            carried.put("filter", filter.get());
        }
        Listed listed = order.isPresent()
                ? sortedPage(matching, order.get(), after, limit)
                : idOrderPage(matching, after, limit);
        links(ctx, listed.next(), limit, carried);
        respond(ctx, listed.users());
    }

    private Listed idOrderPage(Predicate<User> matching, Optional<String> after, int limit) {
        Optional<String> afterId = after.map(Cursor::decode).map(cursor -> {
            if (cursor.kind() != Cursor.Kind.AFTER_ID) {
                throw OktaException.withCauses(ErrorCode.E0000029, List.of("after: not a cursor of this listing"));
            }
            return cursor.value();
        });
        UserDirectory.Page page = directory.page(matching, afterId, limit);
        Optional<Cursor> next = page.hasMore()
                ? Optional.of(Cursor.afterId(page.users().get(page.users().size() - 1).id()))
                : Optional.empty();
        return new Listed(page.users(), next);
    }

    private Listed sortedPage(Predicate<User> matching, SortOrder order, Optional<String> after, int limit) {
        int offset = after.map(Cursor::decode).map(Cursor::offsetValue).orElse(0);
        List<Sortable> all = new ArrayList<>();
        directory.all(matching).forEach(user -> all.add(new Sortable(user, user.attributes().attribute(order.property()))));
        Comparator<Sortable> byKey = Comparator.comparing(Sortable::key, UsersApi::compareKeys);
        all.sort((order.descending() ? byKey.reversed() : byKey).thenComparing(sortable -> sortable.user().id()));
        int from = Math.min(offset, all.size());
        int to = Math.min(from + limit, all.size());
        List<User> users = new ArrayList<>(to - from);
        all.subList(from, to).forEach(sortable -> users.add(sortable.user()));
        return new Listed(users, to < all.size() ? Optional.of(Cursor.offset(to)) : Optional.empty());
    }

    /**
     * The order of a search: by the {@code sortBy} property (strings ignoring case, missing values last in
     * ascending order; ties by id), or empty without {@code sortBy}, in id order.
     */
    private static Optional<SortOrder> order(Optional<String> sortBy, Optional<String> sortOrder,
            Map<String, String> carried) {
        boolean descending = descending(sortOrder);
        if (sortBy.isEmpty()) {
            return Optional.empty();
        }
        if (!UserExpressions.isSearchable(sortBy.get())) {
            throw OktaException.withCauses(ErrorCode.E0000031, List.of("sortBy: cannot sort by '" + sortBy.get() + "'"));
        }
        carried.put("sortBy", sortBy.get());
        sortOrder.ifPresent(value -> carried.put("sortOrder", value));
        return Optional.of(new SortOrder(sortBy.get(), descending));
    }

    private void links(Context ctx, Optional<Cursor> next, int limit, Map<String, String> carried) {
        String base = orgUrl.get();
        String query = ctx.queryString();
        String self = base + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
        ctx.res().addHeader("Link", LinkHeaders.link(self, "self"));
        next.ifPresent(cursor -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("after", cursor.encode());
            parameters.put("limit", Integer.toString(limit));
            parameters.putAll(carried);
            ctx.res().addHeader("Link", LinkHeaders.link(base + USERS_PATH + "?" + LinkHeaders.query(parameters), "next"));
        });
    }

    private void respond(Context ctx, List<User> users) {
        String base = orgUrl.get();
        List<Map<String, Object>> body = new ArrayList<>(users.size());
        users.forEach(user -> body.add(UserJson.of(user, base)));
        JsonResponses.write(ctx, body);
    }

    private static Predicate<User> matcher(String parameter, String text, Matching matching) {
        Expression expression;
        try {
            expression = ExpressionParser.parse(text,
                    parameter.equals("search") ? UserExpressions.SEARCH : UserExpressions.FILTER);
        } catch (InvalidExpressionException e) {
            throw OktaException.withCauses(ErrorCode.E0000031, List.of(parameter + ": " + e.getMessage()));
        }
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

    private static int compareKeys(Optional<Object> left, Optional<Object> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return Boolean.compare(left.isEmpty(), right.isEmpty());
        }
        Object a = left.get();
        Object b = right.get();
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        return a.toString().toLowerCase(Locale.ROOT).compareTo(b.toString().toLowerCase(Locale.ROOT));
    }

    /** A page of a listing and the cursor of the next page, if any. */
    private record Listed(List<User> users, Optional<Cursor> next) {
    }

    /** The {@code sortBy} property and direction of a search. */
    private record SortOrder(String property, boolean descending) {
    }

    /** A user with its sort key, read once per sort rather than once per comparison. */
    private record Sortable(User user, Optional<Object> key) {
    }
}
