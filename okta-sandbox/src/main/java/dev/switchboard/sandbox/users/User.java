package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.query.AttributeSource;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Okta user, immutable. Shaped like the {@code User} schema of the Management API description.
 *
 * @param id the user id, {@code 00u} followed by 17 alphanumerics
 * @param status the status
 * @param created when the user was created
 * @param activated when the user was activated; empty for STAGED and PROVISIONED users
 * @param statusChanged when the status last changed; empty if it never changed
 * @param lastLogin the last sign-in; empty if never
 * @param lastUpdated the last change of any kind
 * @param passwordChanged when the password was last set; empty without a password
 * @param typeId the user type id ({@code type.id}), {@code oty...}
 * @param profile profile attributes in their JSON order ({@code login}, {@code email}, {@code firstName},
 *     {@code lastName} and others); unmodifiable; a value may be null, as in Okta's JSON
 * @param hasPassword whether the user has a password credential ({@code credentials.password} is shown); the
 *     password itself is never kept
 * @param passwordHashes salted hashes of the latest passwords set through the API, newest first, at most
 *     {@link Passwords#HISTORY}; empty when the password is unknown to the sandbox (seeded users, imported hashes);
 *     unmodifiable
 * @param recoveryQuestion the recovery question, if one was set ({@code credentials.recovery_question.question});
 *     its answer is never kept
 * @param transition an activation or deactivation in progress ({@code transitioningToStatus}), if any
 */
public record User(
        String id,
        UserStatus status,
        Instant created,
        Optional<Instant> activated,
        Optional<Instant> statusChanged,
        Optional<Instant> lastLogin,
        Instant lastUpdated,
        Optional<Instant> passwordChanged,
        String typeId,
        Map<String, Object> profile,
        boolean hasPassword,
        List<String> passwordHashes,
        Optional<String> recoveryQuestion,
        Optional<Transition> transition) {

    /**
     * Checks the arguments and makes the profile an unmodifiable copy in its given order.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the profile has no {@code login} string
     *
     * @param id as described on the record
     * @param status as described on the record
     * @param created as described on the record
     * @param activated as described on the record
     * @param statusChanged as described on the record
     * @param lastLogin as described on the record
     * @param lastUpdated as described on the record
     * @param passwordChanged as described on the record
     * @param typeId as described on the record
     * @param profile as described on the record
     * @param hasPassword as described on the record
     * @param passwordHashes as described on the record
     * @param recoveryQuestion as described on the record
     * @param transition as described on the record
     */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(activated, "activated");
        Objects.requireNonNull(statusChanged, "statusChanged");
        Objects.requireNonNull(lastLogin, "lastLogin");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(passwordChanged, "passwordChanged");
        Objects.requireNonNull(typeId, "typeId");
        Objects.requireNonNull(recoveryQuestion, "recoveryQuestion");
        Objects.requireNonNull(transition, "transition");
        passwordHashes = List.copyOf(passwordHashes);
        if (!(profile.get("login") instanceof String)) {
            throw new IllegalArgumentException("a user's profile needs a login string");
        }
        profile = Collections.unmodifiableMap(new LinkedHashMap<>(profile));
    }

    /**
     * The login, {@code profile.login}.
     *
     * @return the login, e.g. {@code isaac.brock@example.com}
     */
    public String login() {
        return (String) profile.get("login");
    }

    /**
     * The user's display name for logs: first and last name when present, else the login.
     *
     * @return e.g. {@code Isaac Brock}
     */
    public String displayName() {
        Object first = profile.get("firstName");
        Object last = profile.get("lastName");
        String name = ((first == null ? "" : first + " ") + (last == null ? "" : last)).strip();
        return name.isEmpty() ? login() : name;
    }

    /**
     * This user with another status, as a lifecycle operation leaves it: {@code statusChanged} and
     * {@code lastUpdated} become {@code now}.
     *
     * @param newStatus the new status
     * @param now the time of the change
     * @return the changed user
     */
    public User withStatus(UserStatus newStatus, Instant now) {
        return new User(id, newStatus, created, activated, Optional.of(now), lastLogin, now, passwordChanged, typeId,
                profile, hasPassword, passwordHashes, recoveryQuestion, Optional.empty());
    }

    /**
     * This user activated: {@code activated} becomes {@code now} when the status is ACTIVE.
     *
     * @param now the time of the activation
     * @return the user, with {@code activated} set if it is ACTIVE
     */
    public User activatedAt(Instant now) {
        if (status != UserStatus.ACTIVE) {
            return this;
        }
        return new User(id, status, created, Optional.of(now), statusChanged, lastLogin, lastUpdated, passwordChanged,
                typeId, profile, hasPassword, passwordHashes, recoveryQuestion, transition);
    }

    /**
     * This user with an asynchronous activation or deactivation begun: the status stays until the transition ends,
     * and {@code transitioningToStatus} shows the target meanwhile.
     *
     * @param to the status the user will have
     * @param ends when the transition completes
     * @param now the time it begins, the new {@code lastUpdated}
     * @return the changed user
     */
    public User withTransition(UserStatus to, Instant ends, Instant now) {
        return new User(id, status, created, activated, statusChanged, lastLogin, now, passwordChanged, typeId,
                profile, hasPassword, passwordHashes, recoveryQuestion, Optional.of(new Transition(to, ends)));
    }

    /**
     * This user with another profile, as an update leaves it.
     *
     * @param newProfile the whole new profile
     * @param now the time of the change
     * @return the changed user
     */
    public User withProfile(Map<String, Object> newProfile, Instant now) {
        return new User(id, status, created, activated, statusChanged, lastLogin, now, passwordChanged, typeId,
                newProfile, hasPassword, passwordHashes, recoveryQuestion, transition);
    }

    /**
     * This user with a new password set through the API: its hash is kept with the previous ones.
     *
     * @param hash the new password's hash, from {@link Passwords#hash(String)}
     * @param now the time of the change, the new {@code passwordChanged}
     * @return the changed user
     */
    public User withPassword(String hash, Instant now) {
        return new User(id, status, created, activated, statusChanged, lastLogin, now, Optional.of(now), typeId,
                profile, true, Passwords.remember(hash, passwordHashes), recoveryQuestion, transition);
    }

    /**
     * This user with a new recovery question (its answer is not kept).
     *
     * @param question the question
     * @param now the time of the change
     * @return the changed user
     */
    public User withRecoveryQuestion(String question, Instant now) {
        return new User(id, status, created, activated, statusChanged, lastLogin, now, passwordChanged, typeId,
                profile, hasPassword, passwordHashes, Optional.of(question), transition);
    }

    /**
     * An asynchronous status change in progress.
     *
     * @param to the status the user will have, Okta's {@code transitioningToStatus}: ACTIVE, PROVISIONED or
     *     DEPROVISIONED
     * @param ends when the change completes
     */
    public record Transition(UserStatus to, Instant ends) {
        /**
         * Checks the arguments.
         *
         * @param to as described on the record
         * @param ends as described on the record
         */
        public Transition {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(ends, "ends");
        }
    }

    /**
     * The user's attributes as a search or filter expression names them: {@code id}, {@code status},
     * {@code created}, {@code activated}, {@code statusChanged}, {@code lastLogin}, {@code lastUpdated},
     * {@code passwordChanged} (timestamps in Okta's format), {@code type.id}, and {@code profile.{name}}.
     * Which of them an expression may use is the business of {@link UserExpressions}.
     *
     * @return a view of this user
     */
    public AttributeSource attributes() {
        return path -> {
            switch (path) {
                case "id":
                    return Optional.of(id);
                case "status":
                    return Optional.of(status.name());
                case "created":
                    return Optional.of(OktaTimestamps.format(created));
                case "activated":
                    return activated.map(OktaTimestamps::format);
                case "statusChanged":
                    return statusChanged.map(OktaTimestamps::format);
                case "lastLogin":
                    return lastLogin.map(OktaTimestamps::format);
                case "lastUpdated":
                    return Optional.of(OktaTimestamps.format(lastUpdated));
                case "passwordChanged":
                    return passwordChanged.map(OktaTimestamps::format);
                case "type.id":
                    return Optional.of(typeId);
                default:
                    if (path.startsWith("profile.")) {
                        return Optional.ofNullable(profile.get(path.substring("profile.".length())));
                    }
                    return Optional.empty();
            }
        };
    }
}
