package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.query.ConditionRules;
import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Literal;
import dev.switchboard.sandbox.query.Operator;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.util.Set;

/**
 * What {@code GET /api/v1/users} allows in its {@code filter} and {@code search} expressions.
 *
 * <p>Source: the {@code filter} and {@code search} parameters of {@code listUsers} in the Management API
 * description:
 * <ul>
 *   <li>{@code filter}: only {@code status}, {@code lastUpdated}, {@code id}, {@code profile.login},
 *       {@code profile.email}, {@code profile.firstName}, {@code profile.lastName}; only {@code eq}, plus
 *       {@code gt ge lt le} on {@code lastUpdated}; values compared exactly, case included.</li>
 *   <li>{@code search}: any {@code profile.*} attribute and {@code id}, {@code status}, {@code created},
 *       {@code activated}, {@code statusChanged}, {@code lastUpdated}, {@code type.id}; every operator, but
 *       {@code co} only on {@code profile.firstName}, {@code profile.lastName}, {@code profile.email} and
 *       {@code profile.login}; values compared regardless of case.</li>
 * </ul>
 * Property names are case-sensitive in both. An ordering comparison of a timestamp property needs a quoted
 * ISO-8601 timestamp, e.g. {@code "2014-01-01T00:00:00.000Z"}.
 */
public final class UserExpressions {
    private static final Set<String> FILTER_ATTRIBUTES = Set.of("status", "lastUpdated", "id", "profile.login",
            "profile.email", "profile.firstName", "profile.lastName");
    private static final Set<String> SEARCH_TOP_LEVEL = Set.of("id", "status", "created", "activated",
            "statusChanged", "lastUpdated", "type.id");
    private static final Set<String> TIMESTAMPS = Set.of("created", "activated", "statusChanged", "lastUpdated");
    private static final Set<String> CONTAINS_ATTRIBUTES = Set.of("profile.firstName", "profile.lastName",
            "profile.email", "profile.login");

    /** The rules of the {@code filter} parameter. */
    public static final ConditionRules FILTER = UserExpressions::checkFilter;

    /** The rules of the {@code search} parameter. */
    public static final ConditionRules SEARCH = UserExpressions::checkSearch;

    private UserExpressions() {
    }

    /**
     * Whether {@code search} and {@code sortBy} may name this property.
     *
     * @param attribute a dotted property path, case-sensitive
     * @return true for the top-level search properties and any {@code profile.{name}}
     */
    public static boolean isSearchable(String attribute) {
        return SEARCH_TOP_LEVEL.contains(attribute)
                || (attribute.startsWith("profile.") && attribute.length() > "profile.".length());
    }

    private static void checkFilter(Expression.Condition condition) throws InvalidExpressionException {
        String attribute = condition.attribute();
        if (!FILTER_ATTRIBUTES.contains(attribute)) {
            throw new InvalidExpressionException("filter does not support the property '" + attribute
                    + "'; it supports " + String.join(", ", sorted(FILTER_ATTRIBUTES)) + " (use search for others)");
        }
        Operator operator = condition.operator();
        boolean allowed = operator == Operator.EQ || (attribute.equals("lastUpdated") && operator.isOrdering());
        if (!allowed) {
            throw new InvalidExpressionException("filter does not support '" + operator.token() + "' on '"
                    + attribute + "'; it supports eq, and gt, ge, lt, le on lastUpdated");
        }
        Literal value = condition.value().orElseThrow();
        if (value.kind() != Literal.Kind.STRING) {
            throw new InvalidExpressionException("filter values are quoted strings: " + attribute + " "
                    + operator.token() + " \"...\"");
        }
        checkTimestamp(condition);
    }

    private static void checkSearch(Expression.Condition condition) throws InvalidExpressionException {
        String attribute = condition.attribute();
        if (!isSearchable(attribute)) {
            throw new InvalidExpressionException("search does not support the property '" + attribute
                    + "'; it supports profile.*, " + String.join(", ", sorted(SEARCH_TOP_LEVEL)));
        }
        if (condition.operator() == Operator.CO && !CONTAINS_ATTRIBUTES.contains(attribute)) {
            throw new InvalidExpressionException("'co' works only on " + String.join(", ", sorted(CONTAINS_ATTRIBUTES)));
        }
        checkTimestamp(condition);
    }

    private static void checkTimestamp(Expression.Condition condition) throws InvalidExpressionException {
        if (!TIMESTAMPS.contains(condition.attribute()) || !condition.operator().isOrdering()) {
            return;
        }
        Literal value = condition.value().orElseThrow();
        if (value.kind() != Literal.Kind.STRING || OktaTimestamps.parse(value.text()).isEmpty()) {
            throw new InvalidExpressionException("'" + condition.attribute() + " " + condition.operator().token()
                    + "' needs a quoted timestamp such as \"2014-01-01T00:00:00.000Z\"");
        }
    }

    private static String[] sorted(Set<String> names) {
        return names.stream().sorted().toArray(String[]::new);
    }
}
