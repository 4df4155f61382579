package dev.switchboard.sandbox.query;

import java.util.Objects;

/**
 * A value in an expression: a quoted string ({@code "a+b@example.com"}, with {@code \"} and {@code \\}
 * escapes already resolved), a number, {@code true}/{@code false}, or {@code null}.
 *
 * @param kind what the value is
 * @param text the value as text: the unescaped string, the number's digits, {@code true}, {@code false} or
 *     {@code null}
 */
public record Literal(Kind kind, String text) {

    /** What a literal is. */
    public enum Kind {
        /** A quoted string. */
        STRING,
        /** A number such as {@code 42} or {@code -1.5}. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code null}. */
        NULL
    }

    /**
     * Checks the arguments.
     *
     * @throws NullPointerException when an argument is null
     *
     * @param kind as described on the record
     * @param text as described on the record
     */
    public Literal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /**
     * A string literal.
     *
     * @param value the unescaped value
     * @return the literal
     */
    public static Literal string(String value) {
        return new Literal(Kind.STRING, value);
    }
}
