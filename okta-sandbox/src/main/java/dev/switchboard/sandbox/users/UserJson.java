package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A user's JSON representation, in the property order of Okta's examples: {@code id, status, created,
 * activated, statusChanged, lastLogin, lastUpdated, passwordChanged, type{id}, profile{...},
 * credentials{password{}, provider{type, name}}, _links{self{href}}}. Missing timestamps are {@code null}, as
 * in Okta. {@code credentials.password} ({@code {}}) is present only for users with a password.
 *
 * <p>Source: the {@code User} schema and the {@code ListUsersResponse} example of the Management API
 * description.
 */
public final class UserJson {
    private UserJson() {
    }

    /**
     * The representation of a user, ready for a JSON serializer.
     *
     * @param user the user
     * @param orgUrl the org's base URL without trailing slash, for {@code _links}
     * @return an ordered map of JSON values
     */
    public static Map<String, Object> of(User user, String orgUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("status", user.status().name());
        json.put("created", OktaTimestamps.format(user.created()));
        json.put("activated", timestamp(user.activated()));
        json.put("statusChanged", timestamp(user.statusChanged()));
        json.put("lastLogin", timestamp(user.lastLogin()));
        json.put("lastUpdated", OktaTimestamps.format(user.lastUpdated()));
        json.put("passwordChanged", timestamp(user.passwordChanged()));
        json.put("type", Map.of("id", user.typeId()));
        json.put("profile", user.profile());
        Map<String, Object> credentials = new LinkedHashMap<>();
        if (user.hasPassword()) {
            credentials.put("password", Map.of());
        }
        user.recoveryQuestion().ifPresent(question -> credentials.put("recovery_question", Map.of("question", question)));
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("type", "OKTA");
        provider.put("name", "OKTA");
        credentials.put("provider", provider);
        json.put("credentials", credentials);
        json.put("_links", Map.of("self", Map.of("href", orgUrl + "/api/v1/users/" + user.id())));
        return json;
    }

    /**
     * The user as a System Log event's target.
     *
     * @param user the user
     * @return a {@code User} target with the login as alternate id
     */
    public static LogActor target(User user) {
        return new LogActor(user.id(), "User", user.login(), user.displayName());
    }

    private static String timestamp(Optional<Instant> instant) {
        return instant.map(OktaTimestamps::format).orElse(null);
    }
}
