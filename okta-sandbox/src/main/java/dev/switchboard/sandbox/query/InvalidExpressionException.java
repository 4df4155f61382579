package dev.switchboard.sandbox.query;

/**
 * An expression that cannot be parsed, or that a resource does not support; the HTTP layer answers 400
 * E0000031 with this message as the error cause.
 */
public final class InvalidExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message for the caller.
     *
     * @param message what is wrong and where, e.g. {@code unknown operator 'ne' at position 14}
     */
    public InvalidExpressionException(String message) {
        super(message);
    }
}
