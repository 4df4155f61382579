package dev.switchboard.sandbox.query;

/**
 * What a resource supports in an expression: which attributes, with which operators and values.
 */
@FunctionalInterface
public interface ConditionRules {
    /**
     * Checks one condition.
     *
     * @param condition a condition of a parsed expression
     * @throws InvalidExpressionException when the resource does not support it; the message says why
     */
    void check(Expression.Condition condition) throws InvalidExpressionException;
}
