package dev.switchboard.sandbox.logs;

import dev.switchboard.sandbox.auth.Scopes;
import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.paging.Cursor;
import dev.switchboard.sandbox.paging.LinkHeaders;
import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.ExpressionParser;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Matching;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.QueryParameters;
import dev.switchboard.sandbox.server.SandboxServer;
import dev.switchboard.sandbox.wire.OktaTimestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.time.Clock;
import java.time.Duration;
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
 * {@code GET /api/v1/logs}, as Okta's {@code listLogEvents} (Management API description; OKTA-WIRE.md "Groups and
 * System Log"; https://developer.okta.com/docs/reference/api/system-log/).
 *
 * <ul>
 *   <li>{@code since} (default: 7 days before now) and {@code until}: ISO-8601 instants with a zone, e.g.
 *       {@code 2024-01-01T00:00:00.000Z}; anything else is 400 E0000001 naming the parameter (case C12);
 *       {@code until} before {@code since} too.</li>
 *   <li>{@code filter}: an expression on any event attribute ({@code eventType}, {@code actor.id},
 *       {@code target.id}, {@code outcome.result}, {@code severity}, ...), values compared exactly; a bad one is
 *       400 E0000053 (invalid SCIM filter).</li>
 *   <li>{@code q}: space-separated keywords that must all appear (ignoring case) in the event's type, display
 *       message, or the id, alternate id or display name of its actor or a target.</li>
 *   <li>{@code limit}: 0 to 1,000 (larger values clamped), default 100. {@code sortOrder}: {@code ASCENDING}
 *       (default) or {@code DESCENDING}; anything else is 400 E0000001.</li>
 *   <li>Bounded requests (with {@code until}, or {@code DESCENDING}, which the sandbox bounds at the time of the
 *       request): ordered by {@code published}; the last page has no {@code next} link.</li>
 *   <li>Polling requests (ascending without {@code until}): a {@code next} link always, even on an empty page;
 *       following it returns the events recorded since.</li>
 * </ul>
 * Needs {@code okta.logs.read} when the caller is a service app.
 */
public final class LogsApi implements ApiEndpoints {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final Duration DEFAULT_SINCE = Duration.ofDays(7);

    private final SystemLog log;
    private final Clock clock;
    private final Supplier<String> orgUrl;

    /**
     * The endpoint over the org's log.
     *
     * @param log the System Log
     * @param clock the clock of the default {@code since}
     * @param orgUrl the org's base URL without trailing slash
     */
    public LogsApi(SystemLog log, Clock clock, Supplier<String> orgUrl) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/logs", this::list);
    }

    private void list(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.LOGS_READ);
        QueryParameters query = QueryParameters.parse(ctx.queryString());
        Instant now = clock.instant();
        Optional<String> sinceText = query.first("since", ErrorCode.E0000001);
        Optional<String> untilText = query.first("until", ErrorCode.E0000001);
        Instant since = sinceText.map(text -> instant("since", text)).orElse(now.minus(DEFAULT_SINCE));
        Optional<Instant> until = untilText.map(text -> instant("until", text));
        if (until.isPresent() && until.get().isBefore(since)) {
            throw OktaException.withCauses(ErrorCode.E0000001, "until", List.of("until: must not be before since"));
        }
        boolean descending = sortOrder(query.first("sortOrder", ErrorCode.E0000001));
        int limit = limit(query.first("limit", ErrorCode.E0000001));
        Map<String, String> carried = new LinkedHashMap<>();
        Predicate<LogEvent> matching = event -> true;
        Optional<String> filter = query.first("filter", ErrorCode.E0000053);
        if (filter.isPresent()) {
            Expression expression;
            try {
                expression = ExpressionParser.parse(filter.get());
            } catch (InvalidExpressionException e) {
                throw OktaException.withCauses(ErrorCode.E0000053, List.of("filter: " + e.getMessage()));
            }
            matching = event -> expression.matches(event.attributes(), Matching.CASE_SENSITIVE);
            carried.put("filter", filter.get());
        }
        Optional<String> q = query.first("q", ErrorCode.E0000001);
        if (q.isPresent()) {
            List<String> keywords = List.of(q.get().toLowerCase(Locale.ROOT).strip().split("\\s+"));
            matching = matching.and(event -> keywords.stream().allMatch(keyword -> text(event).contains(keyword)));
            carried.put("q", q.get());
        }
        Optional<Long> after = query.first("after", ErrorCode.E0000029).map(Cursor::decode).map(cursor -> {
            try {
                return Long.parseLong(cursor.value());
            } catch (NumberFormatException e) {
                throw OktaException.withCauses(ErrorCode.E0000029, List.of("after: not a cursor of this listing"));
            }
        });
        boolean polling = until.isEmpty() && !descending;
        Instant end = until.orElse(descending ? now : Instant.MAX);
        SystemLog.Page page = log.page(since, end, matching, descending, after, limit);
        sinceText.ifPresent(value -> carried.put("since", value));
        untilText.ifPresent(value -> carried.put("until", value));
        query.first("sortOrder", ErrorCode.E0000001).ifPresent(value -> carried.put("sortOrder", value));
        Optional<Cursor> next = polling || page.more()
                ? Optional.of(Cursor.afterId(Long.toString(page.position())))
                : Optional.empty();
        LinkHeaders.addPage(ctx, orgUrl.get(), next, limit, carried);
        List<Map<String, Object>> body = new ArrayList<>(page.events().size());
        page.events().forEach(event -> body.add(event.json()));
        JsonResponses.write(ctx, body);
    }

    private static String text(LogEvent event) {
        StringBuilder text = new StringBuilder();
        text.append(event.json().get("eventType")).append(' ').append(event.json().get("displayMessage"));
        for (String path : List.of("actor.id", "actor.alternateId", "actor.displayName", "target.id",
                "target.alternateId", "target.displayName")) {
            event.attributes().attribute(path).ifPresent(value -> text.append(' ').append(value));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(String parameter, String text) {
        return OktaTimestamps.parse(text).orElseThrow(() -> OktaException.withCauses(ErrorCode.E0000001, parameter,
                List.of(parameter + ": The date format in your query is not recognized. Please enter dates using"
                        + " ISO8601 string format, e.g. 2024-01-01T00:00:00.000Z")));
    }

    private static boolean sortOrder(Optional<String> value) {
        if (value.isEmpty() || value.get().equals("ASCENDING")) {
            return false;
        }
        if (value.get().equals("DESCENDING")) {
            return true;
        }
        throw OktaException.withCauses(ErrorCode.E0000001, "sortOrder",
                List.of("sortOrder: must be ASCENDING or DESCENDING"));
    }

    private static int limit(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            long limit = Long.parseLong(value.get().strip());
            if (limit < 0) {
                throw new NumberFormatException();
            }
            return (int) Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw OktaException.withCauses(ErrorCode.E0000001, "limit", List.of("limit: must be 0 to 1000"));
        }
    }
}
