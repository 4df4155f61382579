package dev.switchboard.sandbox.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The type of a user profile attribute, Okta's {@code UserSchemaAttributeType}: {@code string}, {@code boolean},
 * {@code integer}, {@code number} or {@code array}.
 *
 * <p>Source: the {@code UserSchemaAttributeType} schema of the Management API description.
 */
public enum AttributeType {
    /** A JSON string. */
    STRING("string"),
    /** A JSON {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** A JSON number without a fraction. */
    INTEGER("integer"),
    /** Any JSON number. */
    NUMBER("number"),
    /** A JSON array whose elements have the attribute's {@code items.type}. */
    ARRAY("array");

    private final String wireName;

    AttributeType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name Okta's JSON uses.
     *
     * @return e.g. {@code string}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The type with this JSON name.
     *
     * @param name e.g. {@code integer}, exactly as Okta writes it
     * @return the type, or empty for an unknown name
     */
    public static Optional<AttributeType> byWireName(Object name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    /**
     * Whether a JSON value (as Jackson reads it: String, Boolean, Integer, Long, BigInteger, BigDecimal, List) has
     * this type. Arrays are checked element by element elsewhere.
     *
     * @param value a non-null JSON value
     * @return true when the value has this type
     */
    boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof BigInteger
                    || (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0);
            case NUMBER -> value instanceof Number;
            case ARRAY -> value instanceof List<?>;
        };
    }
}
