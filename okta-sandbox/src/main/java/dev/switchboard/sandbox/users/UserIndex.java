package dev.switchboard.sandbox.users;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;

/**
 * Equality indexes over a few user attributes, so that a search or filter such as
 * {@code profile.department eq "Engineering"} visits only the users with that value instead of the whole org.
 *
 * <p>Keys are values folded to lower case ({@link Locale#ROOT}), so one index serves both the case-insensitive
 * {@code search} and the exact {@code filter}: it yields candidates, and the full expression decides. Each key
 * maps to the matching user ids in id order, the order of listings. Only attributes whose values are always
 * strings are indexed: {@code status} and Okta base profile attributes, which the API types as strings.
 *
 * <p>An attribute's index is built the first time a query needs it (from every user, in id order) and kept up to
 * date from then on, so seeding a large org does not pay for indexes no one queries. Not thread-safe by itself:
 * the directory calls it under its write lock, except {@link #ids}, which reads concurrent structures.
 */
final class UserIndex {
    /** The indexed attributes, by the path an expression names. */
    static final List<String> ATTRIBUTES = List.of("status", "profile.login", "profile.email", "profile.firstName",
            "profile.lastName", "profile.department", "profile.managerId");

    private final Map<String, ConcurrentHashMap<String, ConcurrentSkipListSet<String>>> built = new ConcurrentHashMap<>();

    void add(User user) {
        built.forEach((attribute, index) -> key(user, attribute).ifPresent(
                key -> index.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>()).add(user.id())));
    }

    void remove(User user) {
        built.forEach((attribute, index) -> key(user, attribute).ifPresent(key -> {
            ConcurrentSkipListSet<String> ids = index.get(key);
            if (ids != null) {
                ids.remove(user.id());
            }
        }));
    }

    /**
     * Whether the attribute's index exists yet.
     *
     * @param attribute an indexed attribute
     * @return true once built
     */
    boolean isBuilt(String attribute) {
        return built.containsKey(attribute);
    }

    /**
     * Builds an attribute's index from every user; the caller holds the directory's write lock.
     *
     * @param attribute an indexed attribute
     * @param users every user, in id order
     */
    void build(String attribute, Supplier<Iterable<User>> users) {
        if (built.containsKey(attribute) || !ATTRIBUTES.contains(attribute)) {
            return;
        }
        ConcurrentHashMap<String, ConcurrentSkipListSet<String>> index = new ConcurrentHashMap<>();
        for (User user : users.get()) {
            key(user, attribute).ifPresent(key -> index.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>()).add(user.id()));
        }
        built.put(attribute, index);
    }

    /**
     * The ids of users whose attribute equals the value, ignoring case.
     *
     * @return the ids in id order (a live view), or empty when the attribute's index is not built
     */
    Optional<NavigableSet<String>> ids(String attribute, String value) {
        ConcurrentHashMap<String, ConcurrentSkipListSet<String>> index = built.get(attribute);
        if (index == null) {
            return Optional.empty();
        }
        NavigableSet<String> ids = index.get(fold(value));
        return Optional.of(ids == null ? new ConcurrentSkipListSet<>() : ids);
    }

    private static Optional<String> key(User user, String attribute) {
        Object value = attribute.equals("status") ? user.status().name()
                : user.profile().get(attribute.substring("profile.".length()));
        return value instanceof String text ? Optional.of(fold(text)) : Optional.empty();
    }

    private static String fold(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
