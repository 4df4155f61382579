package dev.switchboard.sandbox.schema;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The org's user profile schema, immutable: Okta's 31 base attributes ({@code #base}) and the custom attributes an
 * admin added ({@code #custom}), and the rules a profile written through the API must follow.
 *
 * <p>Sources: {@code getUserSchema} and {@code updateUserProfile} ({@code /api/v1/meta/schemas/user/{schemaId}}),
 * the {@code UserSchema*} schemas and the {@code UserSchemaDefaultResponse} example of the Management API
 * description; Okta's cause for an attribute the schema does not define, {@code Property name 'X' is not defined in
 * profile} under the summary {@code Api validation failed: newUser}, as Okta answered a create
 * (pulumi/pulumi-okta#388); required fields reported before anything else, with the summary naming the first
 * (rapid7/insightconnect-plugins#315).
 *
 * @param id the schema's id, {@code osc} followed by the suffix of the default user type's id
 * @param created when the org (and so its schema) was created
 * @param lastUpdated when an attribute was last added, changed or removed
 * @param base the base attributes, in Okta's order; unmodifiable
 * @param custom the custom attributes, in the order they were added; unmodifiable
 */
public record UserSchema(String id, Instant created, Instant lastUpdated, Map<String, ProfileAttribute> base,
        Map<String, ProfileAttribute> custom) {

    /** The summary argument Okta gives an attribute the schema does not define on create. */
    public static final String NEW_USER = "newUser";
    /** The summary argument the sandbox gives it on an update (Okta's is not documented). */
    public static final String USER = "user";

    /**
     * Copies the maps.
     *
     * @param id as described on the record
     * @param created as described on the record
     * @param lastUpdated as described on the record
     * @param base as described on the record
     * @param custom as described on the record
     */
    public UserSchema {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        base = Collections.unmodifiableMap(new LinkedHashMap<>(base));
        custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
    }

    /**
     * Okta's default schema: the base attributes as Okta defines them (login, firstName, lastName and email
     * required; login an email address of 5 to 100 characters; first and last names 1 to 50) and no custom
     * attribute.
     *
     * @param id the schema's id
     * @param created when the org was created
     * @return the schema
     */
    public static UserSchema oktaDefault(String id, Instant created) {
        Map<String, ProfileAttribute> base = new LinkedHashMap<>();
        for (ProfileAttribute attribute : List.of(
                ProfileAttribute.base("login", "Username", true, 5, 100, null),
                ProfileAttribute.base("firstName", "First name", true, 1, 50, null),
                ProfileAttribute.base("lastName", "Last name", true, 1, 50, null),
                ProfileAttribute.base("middleName", "Middle name", false, 0, 0, null),
                ProfileAttribute.base("honorificPrefix", "Honorific prefix", false, 0, 0, null),
                ProfileAttribute.base("honorificSuffix", "Honorific suffix", false, 0, 0, null),
                ProfileAttribute.base("email", "Primary email", true, 0, 0, "email"),
                ProfileAttribute.base("title", "Title", false, 0, 0, null),
                ProfileAttribute.base("displayName", "Display name", false, 0, 0, null),
                ProfileAttribute.base("nickName", "Nickname", false, 0, 0, null),
                ProfileAttribute.base("profileUrl", "Profile Url", false, 0, 0, "uri"),
                ProfileAttribute.base("secondEmail", "Secondary email", false, 0, 0, "email"),
                ProfileAttribute.base("mobilePhone", "Mobile phone", false, 0, 100, null),
                ProfileAttribute.base("primaryPhone", "Primary phone", false, 0, 100, null),
                ProfileAttribute.base("streetAddress", "Street address", false, 0, 0, null),
                ProfileAttribute.base("city", "City", false, 0, 0, null),
                ProfileAttribute.base("state", "State", false, 0, 0, null),
                ProfileAttribute.base("zipCode", "Zip code", false, 0, 0, null),
                ProfileAttribute.base("countryCode", "Country code", false, 0, 0, "country-code"),
                ProfileAttribute.base("postalAddress", "Postal Address", false, 0, 0, null),
                ProfileAttribute.base("preferredLanguage", "Preferred language", false, 0, 0, "language-code"),
                ProfileAttribute.base("locale", "Locale", false, 0, 0, "locale"),
                ProfileAttribute.base("timezone", "Time zone", false, 0, 0, "timezone"),
                ProfileAttribute.base("userType", "User type", false, 0, 0, null),
                ProfileAttribute.base("employeeNumber", "Employee number", false, 0, 0, null),
                ProfileAttribute.base("costCenter", "Cost center", false, 0, 0, null),
                ProfileAttribute.base("organization", "Organization", false, 0, 0, null),
                ProfileAttribute.base("division", "Division", false, 0, 0, null),
                ProfileAttribute.base("department", "Department", false, 0, 0, null),
                ProfileAttribute.base("managerId", "ManagerId", false, 0, 0, null),
                ProfileAttribute.base("manager", "Manager", false, 0, 0, null))) {
            base.put(attribute.name(), attribute);
        }
        return new UserSchema(id, created, created, base, Map.of());
    }

    /**
     * The attribute with this name, base or custom.
     *
     * @param name the attribute's name, case-sensitive
     * @return the attribute, or empty when the schema does not define it
     */
    public Optional<ProfileAttribute> attribute(String name) {
        ProfileAttribute attribute = base.get(name);
        return attribute != null ? Optional.of(attribute) : Optional.ofNullable(custom.get(name));
    }

    /**
     * Checks a profile as it will be stored, as Okta does when a user is created or updated: first every attribute
     * the schema defines (required ones present and not blank, values of the attribute's type, allowed values,
     * lengths, the login an email address), then that every attribute the request names is defined.
     *
     * @param profile the whole profile as it will be stored; a null value is an attribute without a value
     * @param given the attribute names the request itself sent (the whole profile on create and replace, the
     *     changed attributes on a partial update)
     * @param objectName the summary's argument for undefined attributes: {@link #NEW_USER} or {@link #USER}
     * @throws OktaException 400 E0000001 "Api validation failed: {first bad attribute}" with every problem as a
     *     cause; or "Api validation failed: {objectName}" with "Property name '{name}' is not defined in profile"
     */
    public void check(Map<String, Object> profile, Collection<String> given, String objectName) {
        List<String> causes = new ArrayList<>();
        String first = null;
        for (Map<String, ProfileAttribute> attributes : List.of(base, custom)) {
            for (ProfileAttribute attribute : attributes.values()) {
                Object value = profile.get(attribute.name());
                List<String> problems;
                if (value == null || (value instanceof String text && text.isBlank() && attribute.required())) {
                    problems = attribute.required()
                            ? List.of(attribute.name() + ": The field cannot be left blank") : List.of();
                } else {
                    problems = attribute.problems(value);
                }
                if (!problems.isEmpty()) {
                    causes.addAll(problems);
                    first = first == null ? attribute.name() : first;
                }
            }
        }
        if (first != null) {
            throw OktaException.withCauses(ErrorCode.E0000001, first, causes);
        }
        List<String> undefined = new ArrayList<>();
        for (String name : given) {
            if (attribute(name).isEmpty()) {
                undefined.add("Property name '" + name + "' is not defined in profile");
            }
        }
        if (!undefined.isEmpty()) {
            throw OktaException.withCauses(ErrorCode.E0000001, objectName, undefined);
        }
    }

    /**
     * This schema with the changes of an {@code updateUserProfile} request: under
     * {@code definitions.custom.properties}, an attribute's definition adds or replaces it and {@code null} removes
     * it; under {@code definitions.base.properties}, the few changes Okta allows on base attributes. Attributes the
     * request does not name stay (a partial update).
     *
     * @param request the request body, shaped like Okta's {@code UserSchema}
     * @param now the time of the change
     * @return the changed schema
     * @throws OktaException 400 E0000001 naming the attribute and what is wrong, when a definition is invalid, a
     *     custom name clashes with a base attribute (ignoring case) or a reserved name, or a base attribute would
     *     change in a way Okta does not allow
     */
    public UserSchema changed(Map<String, Object> request, Instant now) {
        Map<String, ProfileAttribute> newBase = new LinkedHashMap<>(base);
        Map<String, ProfileAttribute> newCustom = new LinkedHashMap<>(custom);
        Map<String, Object> definitions = object(request, "definitions", "definitions");
        for (Map.Entry<String, Object> entry : object(object(definitions, "base", "definitions.base"), "properties",
                "definitions.base.properties").entrySet()) {
            ProfileAttribute attribute = base.get(entry.getKey());
            if (attribute == null) {
                throw OktaException.withCauses(ErrorCode.E0000001, entry.getKey(), List.of(entry.getKey()
                        + ": not a base attribute; custom attributes go under definitions.custom.properties"));
            }
            if (!(entry.getValue() instanceof Map<?, ?> change)) {
                throw OktaException.withCauses(ErrorCode.E0000001, entry.getKey(),
                        List.of(entry.getKey() + ": base attributes cannot be removed"));
            }
            newBase.put(entry.getKey(), attribute.changedBase(stringKeys(change)));
        }
        for (Map.Entry<String, Object> entry : object(object(definitions, "custom", "definitions.custom"), "properties",
                "definitions.custom.properties").entrySet()) {
            String name = entry.getKey();
            if (entry.getValue() == null) {
                newCustom.remove(name);
                continue;
            }
            if (!(entry.getValue() instanceof Map<?, ?> given)) {
                throw OktaException.withCauses(ErrorCode.E0000001, name,
                        List.of(name + ": an attribute's definition must be an object, or null to remove it"));
            }
            for (String baseName : base.keySet()) {
                if (baseName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    throw OktaException.withCauses(ErrorCode.E0000001, name, List.of(name
                            + ": a custom attribute cannot have the name of the base attribute " + baseName));
                }
            }
            for (String other : custom.keySet()) {
                if (!other.equals(name) && other.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    throw OktaException.withCauses(ErrorCode.E0000001, name, List.of(name
                            + ": differs only in case from the custom attribute " + other));
                }
            }
            newCustom.put(name, ProfileAttribute.custom(name, stringKeys(given)));
        }
        return new UserSchema(id, created, now, newBase, newCustom);
    }

    /**
     * The schema as Okta's {@code getUserSchema} returns it.
     *
     * @param orgUrl the org's base URL without trailing slash
     * @return an ordered map of JSON values
     */
    public Map<String, Object> json(String orgUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", orgUrl + "/meta/schemas/user/" + id);
        json.put("$schema", "http://json-schema.org/draft-04/schema#");
        json.put("name", "user");
        json.put("title", "User");
        json.put("description", "Okta user profile template with default permission settings");
        json.put("lastUpdated", OktaTimestamps.format(lastUpdated));
        json.put("created", OktaTimestamps.format(created));
        Map<String, Object> definitions = new LinkedHashMap<>();
        definitions.put("base", subschema("#base", base));
        definitions.put("custom", subschema("#custom", custom));
        json.put("definitions", definitions);
        json.put("type", "object");
        json.put("properties", Map.of("profile", Map.of("allOf", List.of(Map.of("$ref", "#/definitions/base"),
                Map.of("$ref", "#/definitions/custom")))));
        json.put("_links", Map.of("self", Map.of("href", orgUrl + "/api/v1/meta/schemas/user/" + id),
                "type", Map.of("href", orgUrl + "/api/v1/meta/types/user/oty" + id.substring(3))));
        return json;
    }

    /**
     * The schema as saved in a data directory: the custom attributes' definitions and the base attributes' changes.
     *
     * @return JSON values
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("created", OktaTimestamps.format(created));
        map.put("lastUpdated", OktaTimestamps.format(lastUpdated));
        Map<String, Object> baseChanges = new LinkedHashMap<>();
        UserSchema standard = oktaDefault(id, created);
        base.forEach((name, attribute) -> {
            if (!attribute.definition().equals(standard.base().get(name).definition())) {
                baseChanges.put(name, attribute.definition());
            }
        });
        map.put("base", baseChanges);
        Map<String, Object> customDefinitions = new LinkedHashMap<>();
        custom.forEach((name, attribute) -> customDefinitions.put(name, attribute.definition()));
        map.put("custom", customDefinitions);
        return map;
    }

    /**
     * A schema saved by {@link #toMap()}.
     *
     * @param map the saved values
     * @return the schema
     * @throws IllegalArgumentException when a value is missing or malformed
     */
    public static UserSchema fromMap(Map<String, Object> map) {
        String id = String.valueOf(map.get("id"));
        Instant created = OktaTimestamps.parse(String.valueOf(map.get("created")))
                .orElseThrow(() -> new IllegalArgumentException("a saved user schema without created"));
        Instant lastUpdated = OktaTimestamps.parse(String.valueOf(map.get("lastUpdated"))).orElse(created);
        Map<String, Object> definitions = new LinkedHashMap<>();
        definitions.put("base", Map.of("properties", map.getOrDefault("base", Map.of())));
        definitions.put("custom", Map.of("properties", map.getOrDefault("custom", Map.of())));
        UserSchema schema = oktaDefault(id, created).changed(Map.of("definitions", definitions), lastUpdated);
        return new UserSchema(id, created, lastUpdated, schema.base(), schema.custom());
    }

    private static Map<String, Object> subschema(String id, Map<String, ProfileAttribute> attributes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        attributes.forEach((name, attribute) -> {
            properties.put(name, attribute.definition());
            if (attribute.required()) {
                required.add(name);
            }
        });
        json.put("properties", properties);
        json.put("required", required);
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> object(Map<String, Object> parent, String name, String path) {
        Object value = parent.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw OktaException.withCauses(ErrorCode.E0000001, path, List.of(path + ": must be an object"));
        }
        return stringKeys(map);
    }
}
