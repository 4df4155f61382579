package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user's JSON representation, in the property order of Okta's examples: {@code id, status, created,
 * activated, statusChanged, lastLogin, lastUpdated, passwordChanged, type{id}, profile{...},
 * credentials{password{}, recovery_question{question}, provider{type, name}}, _links}; {@code transitioningToStatus}
 * after {@code status} while an activation or deactivation is in progress. Missing timestamps are {@code null}, as
 * in Okta. {@code credentials.password} ({@code {}}) is present only for users with a password.
 *
 * <p>Links: a user read alone (get, create, update, lifecycle answers) carries the link relations its status allows,
 * as the {@code User._links} description says ("the links object contains a full set of link relations available
 * for that user"); a user in a collection (listings, group members) carries {@code self} only ("for a collection of
 * users, the links object contains only the self link"). Which relations each status offers follows the operations'
 * own rules in the Management API description (see {@link #links}), and the examples' shapes: action links have
 * {@code "method": "POST"} (the {@code APIDevicesListAllResponse} and {@code AppUserProfUpdateResponse}
 * examples), {@code schema} and {@code type} point at the user's schema and type.
 *
 * <p>Source: the {@code User} schema and the user examples of the Management API description.
 */
public final class UserJson {
    private static final Set<UserStatus> CHANGE_PASSWORD_FROM = Set.of(UserStatus.STAGED, UserStatus.ACTIVE,
            UserStatus.PASSWORD_EXPIRED, UserStatus.RECOVERY);
    private static final Set<UserStatus> CHANGE_RECOVERY_QUESTION_FROM = Set.of(UserStatus.STAGED, UserStatus.ACTIVE,
            UserStatus.RECOVERY);

    private UserJson() {
    }

    /**
     * The representation of a user read alone, with every link its status allows.
     *
     * @param user the user
     * @param orgUrl the org's base URL without trailing slash, for {@code _links}
     * @return an ordered map of JSON values
     */
    public static Map<String, Object> of(User user, String orgUrl) {
        return of(user, orgUrl, true);
    }

    /**
     * The representation of a user.
     *
     * @param user the user
     * @param orgUrl the org's base URL without trailing slash, for {@code _links}
     * @param alone true for a user read alone (every link), false for a member of a collection ({@code self} only)
     * @return an ordered map of JSON values
     */
    public static Map<String, Object> of(User user, String orgUrl, boolean alone) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("status", user.status().name());
        user.transition().ifPresent(transition -> json.put("transitioningToStatus", transition.to().name()));
        json.put("created", OktaTimestamps.format(user.created()));
        json.put("activated", timestamp(user.activated()));
        json.put("statusChanged", timestamp(user.statusChanged()));
        json.put("lastLogin", timestamp(user.lastLogin()));
        json.put("lastUpdated", OktaTimestamps.format(user.lastUpdated()));
        json.put("passwordChanged", timestamp(user.passwordChanged()));
        json.put("type", Map.of("id", user.typeId()));
        json.put("profile", user.profile());
        json.put("credentials", credentials(user));
        json.put("_links", alone ? links(user, orgUrl) : Map.of("self", Map.of("href", self(user, orgUrl))));
        return json;
    }

    /**
     * A user's {@code credentials} object, as Okta's {@code UserCredentials}: {@code password: {}} when the user has
     * one, the recovery question (never its answer), and the provider.
     *
     * @param user the user
     * @return an ordered map of JSON values
     */
    public static Map<String, Object> credentials(User user) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        if (user.hasPassword()) {
            credentials.put("password", Map.of());
        }
        user.recoveryQuestion().ifPresent(question -> credentials.put("recovery_question", Map.of("question", question)));
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("type", "OKTA");
        provider.put("name", "OKTA");
        credentials.put("provider", provider);
        return credentials;
    }

    /**
     * The link relations a user's status allows, each naming an operation the sandbox serves, in the order of
     * Okta's examples:
     * <ul>
     *   <li>lifecycle operations from the statuses each allows ({@link Lifecycle}): {@code activate} (STAGED,
     *       DEPROVISIONED), {@code reactivate} (PROVISIONED, RECOVERY), {@code suspend} (ACTIVE), {@code unsuspend}
     *       (SUSPENDED), {@code unlock} (LOCKED_OUT), {@code resetPassword}, {@code expirePassword} (ACTIVE),
     *       {@code deactivate} (any but DEPROVISIONED);</li>
     *   <li>credential operations for a user with a password: {@code changePassword} (STAGED, ACTIVE,
     *       PASSWORD_EXPIRED, RECOVERY), {@code changeRecoveryQuestion} (STAGED, ACTIVE, RECOVERY), and
     *       {@code forgotPassword} (ACTIVE with a recovery question), as {@code changePassword},
     *       {@code changeRecoveryQuestion} and {@code forgotPassword} describe them;</li>
     *   <li>{@code self}, {@code schema} and {@code type} always.</li>
     * </ul>
     * While a transition is in progress only {@code self}, {@code schema} and {@code type} are offered.
     * {@code resetFactors} is never offered: Okta shows it only to users enrolled in MFA factors
     * ({@code resetFactors}), which the sandbox does not model.
     *
     * @param user the user
     * @param orgUrl the org's base URL without trailing slash
     * @return the {@code _links} object
     */
    static Map<String, Object> links(User user, String orgUrl) {
        String self = self(user, orgUrl);
        Map<String, Object> links = new LinkedHashMap<>();
        if (user.transition().isEmpty()) {
            UserStatus status = user.status();
            for (Lifecycle operation : List.of(Lifecycle.SUSPEND, Lifecycle.UNSUSPEND, Lifecycle.UNLOCK,
                    Lifecycle.ACTIVATE, Lifecycle.REACTIVATE)) {
                if (operation.offeredFrom(status)) {
                    links.put(operation.rel(), action(self + "/lifecycle/" + operation.path()));
                }
            }
            links.put("schema", Map.of("href", orgUrl + "/api/v1/meta/schemas/user/osc" + user.typeId().substring(3)));
            if (Lifecycle.RESET_PASSWORD.offeredFrom(status)) {
                links.put(Lifecycle.RESET_PASSWORD.rel(), action(self + "/lifecycle/reset_password"));
            }
            if (user.hasPassword() && status == UserStatus.ACTIVE && user.recoveryQuestion().isPresent()) {
                links.put("forgotPassword", action(self + "/credentials/forgot_password"));
            }
            if (Lifecycle.EXPIRE_PASSWORD.offeredFrom(status)) {
                links.put(Lifecycle.EXPIRE_PASSWORD.rel(), action(self + "/lifecycle/expire_password"));
            }
            if (user.hasPassword() && CHANGE_RECOVERY_QUESTION_FROM.contains(status)) {
                links.put("changeRecoveryQuestion", action(self + "/credentials/change_recovery_question"));
            }
            links.put("self", Map.of("href", self));
            links.put("type", Map.of("href", orgUrl + "/api/v1/meta/types/user/" + user.typeId()));
            if (user.hasPassword() && CHANGE_PASSWORD_FROM.contains(status)) {
                links.put("changePassword", action(self + "/credentials/change_password"));
            }
            if (Lifecycle.DEACTIVATE.offeredFrom(status)) {
                links.put(Lifecycle.DEACTIVATE.rel(), action(self + "/lifecycle/deactivate"));
            }
        } else {
            links.put("schema", Map.of("href", orgUrl + "/api/v1/meta/schemas/user/osc" + user.typeId().substring(3)));
            links.put("self", Map.of("href", self));
            links.put("type", Map.of("href", orgUrl + "/api/v1/meta/types/user/" + user.typeId()));
        }
        return links;
    }

    /**
     * Whether a user may change their password now ({@code changePassword}).
     *
     * @param user the user
     * @return true for a user with a password in STAGED, ACTIVE, PASSWORD_EXPIRED or RECOVERY
     */
    static boolean canChangePassword(User user) {
        return user.hasPassword() && CHANGE_PASSWORD_FROM.contains(user.status()) && user.transition().isEmpty();
    }

    /**
     * Whether a user may change their recovery question now ({@code changeRecoveryQuestion}).
     *
     * @param user the user
     * @return true for a user with a password in STAGED, ACTIVE or RECOVERY
     */
    static boolean canChangeRecoveryQuestion(User user) {
        return user.hasPassword() && CHANGE_RECOVERY_QUESTION_FROM.contains(user.status()) && user.transition().isEmpty();
    }

    private static Map<String, Object> action(String href) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        link.put("method", "POST");
        return link;
    }

    private static String self(User user, String orgUrl) {
        return orgUrl + "/api/v1/users/" + user.id();
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
