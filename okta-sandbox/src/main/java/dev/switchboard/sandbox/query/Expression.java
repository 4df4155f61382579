package dev.switchboard.sandbox.query;

import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed filter expression: conditions joined by {@code and} / {@code or}.
 *
 * <p>Matching rules: a missing or null attribute satisfies only {@code eq null}; a collection attribute
 * matches when any element does (SCIM multi-valued attributes); two strings that are both ISO-8601 timestamps
 * compare as instants; numbers compare numerically; other strings compare as text, folded to lower case under
 * {@link Matching#CASE_INSENSITIVE}.
 */
public sealed interface Expression {

    /**
     * Whether a resource satisfies this expression.
     *
     * @param source the resource's attributes
     * @param matching how string values compare
     * @return whether it matches
     */
    boolean matches(AttributeSource source, Matching matching);

    /**
     * Every condition of this expression, left to right, for validation against a resource's rules.
     *
     * @return the conditions, at least one
     */
    List<Condition> conditions();

    /**
     * Conditions that must all hold ({@code a and b and ...}).
     *
     * @param operands two or more expressions
     */
    record And(List<Expression> operands) implements Expression {
        /**
         * Copies the operands.
         *
         * @param operands as described on the record
         */
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean matches(AttributeSource source, Matching matching) {
            for (Expression operand : operands) {
                if (!operand.matches(source, matching)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<Condition> conditions() {
            List<Condition> all = new ArrayList<>();
            operands.forEach(operand -> all.addAll(operand.conditions()));
            return all;
        }
    }

    /**
     * Conditions of which at least one must hold ({@code a or b or ...}).
     *
     * @param operands two or more expressions
     */
    record Or(List<Expression> operands) implements Expression {
        /**
         * Copies the operands.
         *
         * @param operands as described on the record
         */
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean matches(AttributeSource source, Matching matching) {
            for (Expression operand : operands) {
                if (operand.matches(source, matching)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<Condition> conditions() {
            List<Condition> all = new ArrayList<>();
            operands.forEach(operand -> all.addAll(operand.conditions()));
            return all;
        }
    }

    /**
     * One condition: {@code attribute operator value}, or {@code attribute pr}.
     *
     * @param attribute the dotted attribute path as written, e.g. {@code profile.login}
     * @param operator the operator
     * @param value the value; empty exactly when the operator is {@link Operator#PR}
     */
    record Condition(String attribute, Operator operator, Optional<Literal> value) implements Expression {
        /**
         * Checks that a value is given unless the operator is {@code pr}.
         *
         * @throws IllegalArgumentException when the value does not fit the operator
         *
         * @param attribute as described on the record
         * @param operator as described on the record
         * @param value as described on the record
         */
        public Condition {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
            if ((operator == Operator.PR) == value.isPresent()) {
                throw new IllegalArgumentException("pr takes no value; every other operator takes one");
            }
        }

        @Override
        public boolean matches(AttributeSource source, Matching matching) {
            Optional<Object> actual = source.attribute(attribute);
            if (actual.isEmpty()) {
                return operator == Operator.EQ && value.orElseThrow().kind() == Literal.Kind.NULL;
            }
            if (actual.get() instanceof Collection<?> elements) {
                for (Object element : elements) {
                    if (element != null && test(element, matching)) {
                        return true;
                    }
                }
                return false;
            }
            return test(actual.get(), matching);
        }

        @Override
        public List<Condition> conditions() {
            return List.of(this);
        }

        private boolean test(Object actual, Matching matching) {
            if (operator == Operator.PR) {
                return !(actual instanceof String text) || !text.isEmpty();
            }
            Literal literal = value.orElseThrow();
            switch (operator) {
                case SW:
                    return actual instanceof String text && literal.kind() == Literal.Kind.STRING
                            && fold(text, matching).startsWith(fold(literal.text(), matching));
                case CO:
                    return actual instanceof String text && literal.kind() == Literal.Kind.STRING
                            && fold(text, matching).contains(fold(literal.text(), matching));
                default:
                    Optional<Integer> order = compare(actual, literal, matching);
                    if (order.isEmpty()) {
                        return false;
                    }
                    int c = order.get();
                    switch (operator) {
                        case EQ:
                            return c == 0;
                        case GT:
                            return c > 0;
                        case GE:
                            return c >= 0;
                        case LT:
                            return c < 0;
                        case LE:
                            return c <= 0;
                        default:
                            throw new IllegalStateException("unhandled operator " + operator);
                    }
            }
        }

        private static Optional<Integer> compare(Object actual, Literal literal, Matching matching) {
            switch (literal.kind()) {
                case NULL:
                    return Optional.empty();
                case BOOLEAN:
                    return actual instanceof Boolean flag
                            ? Optional.of(Boolean.compare(flag, Boolean.parseBoolean(literal.text())))
                            : Optional.empty();
                case NUMBER:
                    return number(actual).map(n -> n.compareTo(new BigDecimal(literal.text())));
                case STRING:
                default:
                    if (actual instanceof Number) {
                        return number(literal.text()).flatMap(n -> number(actual).map(a -> a.compareTo(n)));
                    }
                    if (!(actual instanceof String text)) {
                        return actual instanceof Boolean flag && isBoolean(literal.text())
                                ? Optional.of(Boolean.compare(flag, Boolean.parseBoolean(literal.text())))
                                : Optional.empty();
                    }
                    Optional<Instant> left = OktaTimestamps.parse(text);
                    Optional<Instant> right = left.isPresent() ? OktaTimestamps.parse(literal.text()) : Optional.empty();
                    if (left.isPresent() && right.isPresent()) {
                        return Optional.of(left.get().compareTo(right.get()));
                    }
                    return Optional.of(Integer.signum(fold(text, matching).compareTo(fold(literal.text(), matching))));
            }
        }

        private static boolean isBoolean(String text) {
            return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
        }

        private static Optional<BigDecimal> number(Object value) {
            try {
                if (value instanceof BigDecimal decimal) {
                    return Optional.of(decimal);
                }
                if (value instanceof Number || value instanceof String) {
                    return Optional.of(new BigDecimal(value.toString()));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }

        private static String fold(String text, Matching matching) {
            return matching == Matching.CASE_INSENSITIVE ? text.toLowerCase(Locale.ROOT) : text;
        }
    }
}
