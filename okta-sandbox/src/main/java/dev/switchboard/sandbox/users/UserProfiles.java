package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a user profile must follow when written through the API, as Okta's default user schema sets them.
 *
 * <ul>
 *   <li>{@code login}, {@code email}, {@code firstName} and {@code lastName} are required: missing, null or
 *       blank is 400 E0000001 "Api validation failed: {name}" with the cause "{name}: The field cannot be left
 *       blank".</li>
 *   <li>Okta's base attributes ({@code UserProfile} in the Management API description: {@code city},
 *       {@code department}, {@code displayName}...) are strings or null: another type is 400 E0000001 with the
 *       cause "{name}: Does not match required type string".</li>
 *   <li>{@code email} and {@code secondEmail} contain an {@code @} with text on both sides: else 400 E0000001,
 *       "{name}: Does not match required pattern".</li>
 *   <li>Custom attributes (any other name) may hold any JSON value, as a schema extension would allow.</li>
 * </ul>
 * The first failing attribute names the summary; every failure is a cause.
 */
public final class UserProfiles {
    /** The profile attributes Okta requires. */
    public static final List<String> REQUIRED = List.of("login", "email", "firstName", "lastName");

    private static final Set<String> BASE_STRINGS = Set.of("city", "costCenter", "countryCode", "department",
            "displayName", "division", "email", "employeeNumber", "firstName", "honorificPrefix", "honorificSuffix",
            "lastName", "locale", "login", "manager", "managerId", "middleName", "mobilePhone", "nickName",
            "organization", "postalAddress", "preferredLanguage", "primaryPhone", "profileUrl", "secondEmail",
            "state", "streetAddress", "timezone", "title", "userType", "zipCode");

    private UserProfiles() {
    }

    /**
     * Checks a complete profile, as it will be stored.
     *
     * @param profile the profile's attributes; a null value is an attribute without a value
     * @throws OktaException 400 E0000001 naming the first bad attribute, with every problem as a cause
     */
    public static void check(Map<String, Object> profile) {
        List<String> causes = new ArrayList<>();
        String first = null;
        for (String name : REQUIRED) {
            if (!(profile.get(name) instanceof String value) || value.isBlank()) {
                if (profile.get(name) == null || profile.get(name) instanceof String) {
                    causes.add(name + ": The field cannot be left blank");
                    first = first == null ? name : first;
                }
            }
        }
        for (Map.Entry<String, Object> entry : profile.entrySet()) {
            Object value = entry.getValue();
            if (BASE_STRINGS.contains(entry.getKey()) && value != null && !(value instanceof String)) {
                causes.add(entry.getKey() + ": Does not match required type string");
                first = first == null ? entry.getKey() : first;
            }
        }
        for (String name : List.of("email", "secondEmail")) {
            if (profile.get(name) instanceof String value && !value.isBlank() && !isEmail(value)) {
                causes.add(name + ": Does not match required pattern");
                first = first == null ? name : first;
            }
        }
        if (first != null) {
            throw OktaException.withCauses(ErrorCode.E0000001, first, causes);
        }
    }

    private static boolean isEmail(String value) {
        int at = value.indexOf('@');
        return at > 0 && at < value.length() - 1 && value.indexOf('@', at + 1) < 0;
    }
}
