package dev.switchboard.sandbox.query;

import java.util.Locale;
import java.util.Optional;

/**
 * The attribute operators of Okta's filter language. Okta matches operator names case-insensitively.
 *
 * <p>Source: https://developer.okta.com/docs/api/#operators.
 */
public enum Operator {
    /** Equal. */
    EQ,
    /** Starts with (strings). */
    SW,
    /** Contains (strings). */
    CO,
    /** Greater than. */
    GT,
    /** Greater than or equal. */
    GE,
    /** Less than. */
    LT,
    /** Less than or equal. */
    LE,
    /** Present: the attribute has a non-empty value. Takes no value. */
    PR;

    /**
     * The operator with this name, in any case.
     *
     * @param name e.g. {@code eq} or {@code EQ}
     * @return the operator, or empty for a name Okta does not support (such as {@code ne})
     */
    public static Optional<Operator> byName(String name) {
        for (Operator operator : values()) {
            if (operator.name().equalsIgnoreCase(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this operator orders values ({@code gt ge lt le}).
     *
     * @return true for the ordering operators
     */
    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /**
     * The name as written in expressions.
     *
     * @return e.g. {@code eq}
     */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
