package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user as saved in a data directory: every field of {@link User}, timestamps in Okta's format, absent ones
 * null. No password is ever saved, only the salted hashes of the latest ones ({@link Passwords}).
 */
public final class UserCodec {
    private UserCodec() {
    }

    /**
     * The saved form of a user.
     *
     * @param user the user
     * @return JSON values
     */
    public static Map<String, Object> toMap(User user) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", user.id());
        map.put("status", user.status().name());
        map.put("created", OktaTimestamps.format(user.created()));
        map.put("activated", format(user.activated()));
        map.put("statusChanged", format(user.statusChanged()));
        map.put("lastLogin", format(user.lastLogin()));
        map.put("lastUpdated", OktaTimestamps.format(user.lastUpdated()));
        map.put("passwordChanged", format(user.passwordChanged()));
        map.put("typeId", user.typeId());
        map.put("profile", user.profile());
        map.put("hasPassword", user.hasPassword());
        if (!user.passwordHashes().isEmpty()) {
            map.put("passwordHashes", user.passwordHashes());
        }
        map.put("recoveryQuestion", user.recoveryQuestion().orElse(null));
        user.transition().ifPresent(transition -> {
            map.put("transitioningToStatus", transition.to().name());
            map.put("transitionEnds", OktaTimestamps.format(transition.ends()));
        });
        return map;
    }

    /**
     * A user from its saved form.
     *
     * @param map the saved values
     * @return the user
     * @throws IllegalArgumentException when a value is missing or malformed
     */
    @SuppressWarnings("unchecked")
    public static User fromMap(Map<String, Object> map) {
        UserStatus status = UserStatus.byName(String.valueOf(map.get("status")))
                .orElseThrow(() -> new IllegalArgumentException("a saved user with an unknown status: " + map.get("status")));
        Optional<User.Transition> transition = Optional.empty();
        if (map.get("transitioningToStatus") != null) {
            UserStatus to = UserStatus.byName(String.valueOf(map.get("transitioningToStatus"))).orElseThrow(() ->
                    new IllegalArgumentException("a saved user transitioning to an unknown status: "
                            + map.get("transitioningToStatus")));
            transition = Optional.of(new User.Transition(to, instant(map.get("transitionEnds")).orElseThrow()));
        }
        return new User((String) map.get("id"), status, instant(map.get("created")).orElseThrow(),
                instant(map.get("activated")), instant(map.get("statusChanged")), instant(map.get("lastLogin")),
                instant(map.get("lastUpdated")).orElseThrow(), instant(map.get("passwordChanged")),
                (String) map.get("typeId"), (Map<String, Object>) map.get("profile"),
                Boolean.TRUE.equals(map.get("hasPassword")),
                (List<String>) map.getOrDefault("passwordHashes", List.of()),
                Optional.ofNullable((String) map.get("recoveryQuestion")), transition);
    }

    private static Object format(Optional<Instant> instant) {
        return instant.map(OktaTimestamps::format).orElse(null);
    }

    private static Optional<Instant> instant(Object value) {
        return value == null ? Optional.empty() : OktaTimestamps.parse(value.toString());
    }
}
