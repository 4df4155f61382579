package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.query.ConditionRules;
import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Literal;
import dev.switchboard.sandbox.query.Operator;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.util.Set;

/**
 * What {@code GET /api/v1/groups} allows in its {@code filter} and {@code search} expressions.
 *
 * <p>Source: the {@code filter} and {@code search} parameters of {@code listGroups} in the Management API
 * description:
 * <ul>
 *   <li>{@code filter}: only {@code id}, {@code type}, {@code lastUpdated}, {@code lastMembershipUpdated};
 *       {@code eq}, plus {@code gt ge lt le} on the two timestamps; exact values.</li>
 *   <li>{@code search}: {@code id}, {@code type}, {@code created}, {@code lastUpdated},
 *       {@code lastMembershipUpdated}, {@code source.id} and any {@code profile.*}; {@code co} only on
 *       {@code profile.name} and {@code profile.description}; values ignore case.</li>
 * </ul>
 */
public final class GroupExpressions {
    private static final Set<String> FILTER_ATTRIBUTES = Set.of("id", "type", "lastUpdated", "lastMembershipUpdated");
    private static final Set<String> TIMESTAMPS = Set.of("created", "lastUpdated", "lastMembershipUpdated");
    private static final Set<String> SEARCH_TOP_LEVEL = Set.of("id", "type", "created", "lastUpdated",
            "lastMembershipUpdated", "source.id");
    private static final Set<String> CONTAINS_ATTRIBUTES = Set.of("profile.name", "profile.description");

    /** The rules of the {@code filter} parameter. */
    public static final ConditionRules FILTER = GroupExpressions::checkFilter;
    /** The rules of the {@code search} parameter. */
    public static final ConditionRules SEARCH = GroupExpressions::checkSearch;

    private GroupExpressions() {
    }

    /**
     * Whether {@code search} and {@code sortBy} may name this property.
     *
     * @param attribute a dotted property path
     * @return true for the top-level search properties and any {@code profile.{name}}
     */
    public static boolean isSearchable(String attribute) {
        return SEARCH_TOP_LEVEL.contains(attribute)
                || (attribute.startsWith("profile.") && attribute.length() > "profile.".length());
    }

    private static void checkFilter(Expression.Condition condition) throws InvalidExpressionException {
        if (!FILTER_ATTRIBUTES.contains(condition.attribute())) {
            throw new InvalidExpressionException("filter does not support the property '" + condition.attribute()
                    + "'; it supports id, type, lastUpdated, lastMembershipUpdated (use search for others)");
        }
        Operator operator = condition.operator();
        if (operator != Operator.EQ && !(TIMESTAMPS.contains(condition.attribute()) && operator.isOrdering())) {
            throw new InvalidExpressionException("filter does not support '" + operator.token() + "' on '"
                    + condition.attribute() + "'");
        }
        checkTimestamp(condition);
    }

    private static void checkSearch(Expression.Condition condition) throws InvalidExpressionException {
        if (!isSearchable(condition.attribute())) {
            throw new InvalidExpressionException("search does not support the property '" + condition.attribute() + "'");
        }
        if (condition.operator() == Operator.CO && !CONTAINS_ATTRIBUTES.contains(condition.attribute())) {
            throw new InvalidExpressionException("'co' works only on profile.name and profile.description");
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
}
