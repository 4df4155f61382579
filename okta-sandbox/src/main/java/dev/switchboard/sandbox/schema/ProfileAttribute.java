package dev.switchboard.sandbox.schema;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One attribute of the user profile schema: a base attribute Okta defines, or a custom one an admin added; what
 * values it accepts, and its definition as {@code GET /api/v1/meta/schemas/user/default} shows it.
 *
 * <p>Source: the {@code UserSchemaAttribute}, {@code UserSchemaBaseProperties} and {@code UserSchemaPublic} schemas
 * of the Management API description, and its {@code UserSchemaDefaultResponse} and {@code UserSchemaAddRequest}
 * examples.
 *
 * @param name the attribute's name, e.g. {@code department}
 * @param base whether Okta defines it ({@code #base}) rather than an admin ({@code #custom})
 * @param type the value's type
 * @param itemType for an array, its elements' type
 * @param required whether a profile must have a value
 * @param allowed the values allowed ({@code enum}, or {@code items.enum} for an array); empty for any
 * @param minLength a string's fewest characters
 * @param maxLength a string's most characters
 * @param format {@code email} is checked; other formats ({@code uri}, {@code locale}...) are shown, not checked
 * @param pattern for {@code login}: a regular expression the login must match instead of being an email address
 * @param definition the attribute as the schema shows it, in order; unmodifiable
 */
public record ProfileAttribute(String name, boolean base, AttributeType type, Optional<AttributeType> itemType,
        boolean required, List<Object> allowed, OptionalInt minLength, OptionalInt maxLength, Optional<String> format,
        Optional<String> pattern, Map<String, Object> definition) {

    /** Names a custom attribute may not have, ignoring case (Okta's reserved attribute names). */
    static final Set<String> RESERVED = Set.of("id", "profile", "status", "transitioningtostatus", "created",
            "activated", "statuschanged", "lastlogin", "lastupdated", "passwordchanged", "type", "realm", "realmid",
            "password", "credentials", "_links", "_embedded", "class", "classloader");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<AttributeType> ITEM_TYPES = Set.of(AttributeType.STRING, AttributeType.INTEGER,
            AttributeType.NUMBER, AttributeType.BOOLEAN);

    /**
     * Checks the arguments and makes the collections unmodifiable.
     *
     * @param name as described on the record
     * @param base as described on the record
     * @param type as described on the record
     * @param itemType as described on the record
     * @param required as described on the record
     * @param allowed as described on the record
     * @param minLength as described on the record
     * @param maxLength as described on the record
     * @param format as described on the record
     * @param pattern as described on the record
     * @param definition as described on the record
     */
    public ProfileAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = Collections.unmodifiableList(new ArrayList<>(allowed));
        definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
    }

    /**
     * A base attribute as Okta's default schema defines it: a string, editable by the user.
     *
     * @param name the attribute's name
     * @param title its display name
     * @param required whether a profile must have it
     * @param minLength its fewest characters, or 0 for none
     * @param maxLength its most characters, or 0 for none
     * @param format its format, or null
     * @return the attribute
     */
    static ProfileAttribute base(String name, String title, boolean required, int minLength, int maxLength,
            String format) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("title", title);
        definition.put("type", AttributeType.STRING.wireName());
        definition.put("required", required);
        if (minLength > 0) {
            definition.put("minLength", minLength);
        }
        if (maxLength > 0) {
            definition.put("maxLength", maxLength);
        }
        if (format != null) {
            definition.put("format", format);
        }
        definition.put("mutability", "READ_WRITE");
        definition.put("scope", "NONE");
        definition.put("permissions", List.of(Map.of("principal", "SELF", "action", "READ_WRITE")));
        definition.put("master", Map.of("type", "PROFILE_MASTER"));
        return new ProfileAttribute(name, true, AttributeType.STRING, Optional.empty(), required, List.of(),
                minLength > 0 ? OptionalInt.of(minLength) : OptionalInt.empty(),
                maxLength > 0 ? OptionalInt.of(maxLength) : OptionalInt.empty(), Optional.ofNullable(format),
                Optional.empty(), definition);
    }

    /**
     * A custom attribute from its definition as {@code POST /api/v1/meta/schemas/user/default} gives it, with Okta's
     * defaults for what the definition leaves out ({@code required: false}, the user may read it, Okta masters it).
     *
     * @param name the attribute's name
     * @param given the definition: {@code title} and {@code type} are required; {@code items.type} for an array;
     *     {@code required}, {@code enum} (or {@code items.enum}), {@code minLength} and {@code maxLength} (strings
     *     only), {@code description}, {@code permissions} and others are optional
     * @return the attribute
     * @throws OktaException 400 E0000001 naming the attribute and what is wrong
     */
    static ProfileAttribute custom(String name, Map<String, Object> given) {
        if (!NAME.matcher(name).matches()) {
            throw OktaException.withCauses(ErrorCode.E0000001, "invalid property name. Property name should only have"
                    + " alphanumeric characters and underscores. It should not start with a digit.",
                    List.of(name + ": not a valid property name"));
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw invalid(name, "'" + name + "' is reserved by Okta and cannot name a custom attribute");
        }
        if (!(given.get("title") instanceof String title) || title.isBlank()) {
            throw invalid(name, "title: The field cannot be left blank");
        }
        AttributeType type = AttributeType.byWireName(given.get("type")).orElseThrow(() -> invalid(name,
                "type: must be one of string, boolean, integer, number, array, not " + given.get("type")));
        Optional<AttributeType> itemType = Optional.empty();
        List<Object> allowed = List.of();
        if (type == AttributeType.ARRAY) {
            if (!(given.get("items") instanceof Map<?, ?> items)) {
                throw invalid(name, "items: an array attribute needs items with a type: string, integer, number or boolean");
            }
            AttributeType elements = AttributeType.byWireName(items.get("type")).filter(ITEM_TYPES::contains)
                    .orElseThrow(() -> invalid(name, "items.type: must be string, integer, number or boolean, not "
                            + items.get("type")));
            itemType = Optional.of(elements);
            allowed = enumValues(name, "items.enum", items.get("enum"), elements);
        } else {
            allowed = enumValues(name, "enum", given.get("enum"), type);
        }
        OptionalInt minLength = length(name, "minLength", given.get("minLength"), type);
        OptionalInt maxLength = length(name, "maxLength", given.get("maxLength"), type);
        if (minLength.isPresent() && maxLength.isPresent() && minLength.getAsInt() > maxLength.getAsInt()) {
            throw invalid(name, "minLength: cannot be greater than maxLength");
        }
        Object requiredValue = given.get("required");
        if (requiredValue != null && !(requiredValue instanceof Boolean)) {
            throw invalid(name, "required: must be true or false");
        }
        boolean required = Boolean.TRUE.equals(requiredValue);
        Map<String, Object> definition = new LinkedHashMap<>(given);
        definition.values().removeIf(Objects::isNull);
        definition.put("required", required);
        definition.putIfAbsent("mutability", "READ_WRITE");
        definition.putIfAbsent("scope", "NONE");
        definition.putIfAbsent("permissions", List.of(Map.of("principal", "SELF", "action", "READ_ONLY")));
        definition.putIfAbsent("master", Map.of("type", "PROFILE_MASTER"));
        return new ProfileAttribute(name, false, type, itemType, required, allowed, minLength, maxLength,
                Optional.empty(), Optional.empty(), definition);
    }

    /**
     * This base attribute with the changes Okta allows on one: its permissions, whether {@code firstName} or
     * {@code lastName} is required, and the {@code pattern} of {@code login}.
     *
     * @param change the attribute's changed definition
     * @return the changed attribute
     * @throws OktaException 400 E0000001 for any other change
     */
    ProfileAttribute changedBase(Map<String, Object> change) {
        Map<String, Object> definition = new LinkedHashMap<>(definition());
        boolean newRequired = required;
        Optional<String> newPattern = pattern;
        for (Map.Entry<String, Object> entry : change.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("permissions")) {
                if (!(value instanceof List<?>)) {
                    throw invalid(name, "permissions: must be an array of {principal, action}");
                }
                definition.put(key, value);
            } else if (key.equals("required") && (name.equals("firstName") || name.equals("lastName"))) {
                if (!(value instanceof Boolean flag)) {
                    throw invalid(name, "required: must be true or false");
                }
                newRequired = flag;
                definition.put(key, flag);
            } else if (key.equals("pattern") && name.equals("login")) {
                if (value != null && !(value instanceof String)) {
                    throw invalid(name, "pattern: must be a regular expression such as \".+\" or null");
                }
                if (value instanceof String text) {
                    try {
                        Pattern.compile(text);
                    } catch (PatternSyntaxException e) {
                        throw invalid(name, "pattern: not a regular expression: " + e.getDescription());
                    }
                }
                newPattern = Optional.ofNullable((String) value);
                definition.put(key, value);
            } else if (!Objects.equals(definition.get(key), value)) {
                throw invalid(name, "Okta allows changing only the permissions of a base attribute, whether firstName"
                        + " and lastName are required, and the pattern of login; not " + key);
            }
        }
        return new ProfileAttribute(name, true, type, itemType, newRequired, allowed, minLength, maxLength, format,
                newPattern, definition);
    }

    /**
     * What is wrong with a value of this attribute, as Okta's {@code errorCauses} say it.
     *
     * @param value a non-null value
     * @return the problems, e.g. {@code badgeNumber: Does not match required type integer}; empty when valid
     */
    List<String> problems(Object value) {
        List<String> problems = new ArrayList<>(1);
        if (!type.accepts(value)) {
            problems.add(name + ": Does not match required type " + type.wireName());
            return problems;
        }
        if (type == AttributeType.ARRAY) {
            AttributeType elements = itemType.orElseThrow();
            for (Object element : (List<?>) value) {
                if (element == null || !elements.accepts(element)) {
                    problems.add(name + ": Does not match required type array of " + elements.wireName());
                    return problems;
                }
                if (!allowed.isEmpty() && allowed.stream().noneMatch(option -> same(option, element))) {
                    problems.add(name + ": Does not match any of the allowed values");
                    return problems;
                }
            }
            return problems;
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(option -> same(option, value))) {
            problems.add(name + ": Does not match any of the allowed values");
        }
        if (value instanceof String text) {
            boolean freeLogin = name.equals("login") && base && pattern.isPresent();
            if (!freeLogin) {
                int length = text.codePointCount(0, text.length());
                minLength.ifPresent(min -> {
                    if (length < min) {
                        problems.add(name + ": The field must be at least " + min + " characters long");
                    }
                });
                maxLength.ifPresent(max -> {
                    if (length > max) {
                        problems.add(name + ": The field cannot exceed " + max + " characters");
                    }
                });
            }
            if (name.equals("login") && base) {
                if (pattern.isEmpty() && !isEmail(text)) {
                    problems.add("login: Username must be in the form of an email address");
                } else if (pattern.isPresent() && !Pattern.compile(pattern.get()).matcher(text).matches()) {
                    problems.add("login: Does not match required pattern");
                }
            } else if (format.filter("email"::equals).isPresent() && !text.isBlank() && !isEmail(text)) {
                problems.add(name + ": Does not match required pattern");
            }
        }
        return problems;
    }

    private static boolean isEmail(String value) {
        int at = value.indexOf('@');
        return at > 0 && at < value.length() - 1 && value.indexOf('@', at + 1) < 0 && value.strip().equals(value)
                && value.chars().noneMatch(Character::isWhitespace);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    private static List<Object> enumValues(String name, String field, Object given, AttributeType type) {
        if (given == null) {
            return List.of();
        }
        if (!(given instanceof List<?> values) || values.isEmpty()) {
            throw invalid(name, field + ": must be a non-empty array of allowed values");
        }
        Set<String> seen = new HashSet<>();
        for (Object value : values) {
            if (value == null || !type.accepts(value)) {
                throw invalid(name, field + ": every value must be of type " + type.wireName());
            }
            if (!seen.add(value instanceof Number number ? new BigDecimal(number.toString()).stripTrailingZeros()
                    .toPlainString() : value.toString())) {
                throw invalid(name, field + ": the values must be unique");
            }
        }
        return new ArrayList<>(values);
    }

    private static OptionalInt length(String name, String field, Object given, AttributeType type) {
        if (given == null) {
            return OptionalInt.empty();
        }
        if (type != AttributeType.STRING) {
            throw invalid(name, field + ": only string attributes have a length");
        }
        if (!(given instanceof Integer length) || length < 0) {
            throw invalid(name, field + ": must be a whole number, 0 or more");
        }
        return OptionalInt.of(length);
    }

    /** A definition error: {@code name.field: problem} for a field's problem, else {@code name: problem}. */
    private static OktaException invalid(String name, String cause) {
        String separator = cause.matches("[A-Za-z.]+: .*") ? "." : ": ";
        return OktaException.withCauses(ErrorCode.E0000001, name, List.of(name + separator + cause));
    }
}
