package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.store.Journal;
import dev.switchboard.sandbox.wire.OktaIds;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The org's users in memory, ordered by id; thread-safe.
 *
 * <p>Reads never block and see each user either before or after a change. Changes are serialized so that the
 * login index, the attribute indexes ({@link UserIndex}) and the journal stay consistent with the users. Logins
 * are unique regardless of case and diacritical marks, as in Okta ("Logins are not considered unique if they
 * differ only in case and/or diacritical marks", the {@code UserProfile.login} description of the Management
 * API).
 *
 * <p>Ids are drawn from a random sequence seeded by the org's seed, so the same seed gives the same ids.
 */
public final class UserDirectory {
    /** The journal's record kind for users. */
    public static final String KIND = "user";

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private final ConcurrentSkipListMap<String, User> usersById = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, String> idsByLoginKey = new ConcurrentHashMap<>();
    private final UserIndex index = new UserIndex();
    private final Random idRandom;
    private final String defaultTypeId;
    private volatile Journal journal = Journal.NONE;

    /**
     * An empty directory.
     *
     * @param seed the seed of the id sequence and of the default user type's id
     */
    public UserDirectory(long seed) {
        this.idRandom = new Random(seed ^ 0x6F6B7461L);
        this.defaultTypeId = OktaIds.next(OktaIds.USER_TYPE, idRandom);
    }

    /**
     * Sets where changes are also written.
     *
     * @param journal the journal
     */
    public void journal(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * The id of the org's default user type, every user's {@code type.id}.
     *
     * @return {@code oty} followed by 17 alphanumerics
     */
    public String defaultTypeId() {
        return defaultTypeId;
    }

    /**
     * A new user id, not used by any user, next in this directory's seeded sequence.
     *
     * @return {@code 00u} followed by 17 alphanumerics
     */
    public synchronized String newId() {
        String id;
        do {
            id = OktaIds.next(OktaIds.USER, idRandom);
        } while (usersById.containsKey(id));
        return id;
    }

    /**
     * Adds a user.
     *
     * @param user the user; its id and login must be new
     * @return the user
     * @throws IllegalArgumentException when the id or the login (ignoring case and diacritical marks) is taken
     */
    public synchronized User add(User user) {
        String loginKey = loginKey(user.login());
        if (usersById.containsKey(user.id())) {
            throw new IllegalArgumentException("a user with id " + user.id() + " already exists");
        }
        if (idsByLoginKey.containsKey(loginKey)) {
            throw new LoginTakenException(user.login());
        }
        journal.record(KIND, user.id(), () -> Optional.of(UserCodec.toMap(user)));
        idsByLoginKey.put(loginKey, user.id());
        usersById.put(user.id(), user);
        index.add(user);
        return user;
    }

    /**
     * Adds many users at once, in id order, which is several times faster than adding them one by one in random
     * order (the skip lists behind the directory and its indexes are then appended to, not searched into).
     *
     * @param users the users; their ids and logins must be new
     * @throws IllegalArgumentException when an id or a login is taken; the users before it are added
     */
    public synchronized void addAll(List<User> users) {
        List<User> ordered = new ArrayList<>(users);
        ordered.sort((a, b) -> a.id().compareTo(b.id()));
        ordered.forEach(this::add);
    }

    /**
     * Creates a user from a profile, as an admin would, with timestamps fitting its status: {@code created},
     * {@code lastUpdated} and, unless STAGED, {@code statusChanged} are {@code now}; activated statuses also get
     * {@code activated} and a password ({@code passwordChanged} = {@code now}).
     *
     * @param profile profile attributes; {@code login} and {@code email} are required non-blank strings;
     *     values may be strings, numbers, booleans, lists of those, or null
     * @param status the initial status
     * @param now the creation time
     * @return the new user
     * @throws IllegalArgumentException when {@code login} or {@code email} is missing or blank, or the login is
     *     taken
     */
    public User create(Map<String, Object> profile, UserStatus status, Instant now) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
        for (String required : List.of("login", "email")) {
            if (!(profile.get(required) instanceof String value) || value.isBlank()) {
                throw new IllegalArgumentException("profile." + required + " is required and must be a non-blank string");
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>(profile);
        boolean activated = status.isActivated();
        synchronized (this) {
            User user = new User(newId(), status, now,
                    activated ? Optional.of(now) : Optional.empty(),
                    status == UserStatus.STAGED ? Optional.empty() : Optional.of(now),
                    Optional.empty(), now,
                    activated ? Optional.of(now) : Optional.empty(),
                    defaultTypeId, ordered, activated, List.of(), Optional.empty(), Optional.empty());
            return add(user);
        }
    }

    /**
     * Replaces a user with a changed version of itself, keeping the indexes in step.
     *
     * @param updated the user's new state; same id as an existing user
     * @return the new state
     * @throws IllegalArgumentException when no user has this id
     * @throws LoginTakenException when the login changed to one another user has
     */
    public synchronized User replace(User updated) {
        User previous = usersById.get(updated.id());
        if (previous == null) {
            throw new IllegalArgumentException("no user with id " + updated.id());
        }
        String oldKey = loginKey(previous.login());
        String newKey = loginKey(updated.login());
        boolean loginChanged = !oldKey.equals(newKey);
        if (loginChanged) {
            String holder = idsByLoginKey.get(newKey);
            if (holder != null && !holder.equals(updated.id())) {
                throw new LoginTakenException(updated.login());
            }
        }
        journal.record(KIND, updated.id(), () -> Optional.of(UserCodec.toMap(updated)));
        if (loginChanged) {
            idsByLoginKey.remove(oldKey);
            idsByLoginKey.put(newKey, updated.id());
        }
        index.remove(previous);
        usersById.put(updated.id(), updated);
        index.add(updated);
        return updated;
    }

    /**
     * Removes a user.
     *
     * @param id the user's id
     * @return the removed user, or empty when there was none
     */
    public synchronized Optional<User> remove(String id) {
        User removed = usersById.get(id);
        if (removed == null) {
            return Optional.empty();
        }
        journal.record(KIND, id, Optional::empty);
        usersById.remove(id);
        idsByLoginKey.remove(loginKey(removed.login()), id);
        index.remove(removed);
        return Optional.of(removed);
    }

    /**
     * The user with this id.
     *
     * @param id a user id, case-sensitive
     * @return the user, or empty
     */
    public Optional<User> byId(String id) {
        return Optional.ofNullable(usersById.get(id));
    }

    /**
     * The user that {@code GET /api/v1/users/{idOrLogin}} names: by id, else by login (ignoring case), else by
     * short login (the part before {@code @}) when exactly one user has it.
     *
     * @param idOrLogin an id, a login or a short login
     * @return the user, or empty when none or several match
     */
    public Optional<User> byIdOrLogin(String idOrLogin) {
        User byId = usersById.get(idOrLogin);
        if (byId != null) {
            return Optional.of(byId);
        }
        String id = idsByLoginKey.get(loginKey(idOrLogin));
        if (id != null) {
            return byId(id);
        }
        if (idOrLogin.contains("@")) {
            return Optional.empty();
        }
        String shortKey = loginKey(idOrLogin) + "@";
        User found = null;
        for (Map.Entry<String, String> entry : idsByLoginKey.entrySet()) {
            if (entry.getKey().startsWith(shortKey)) {
                if (found != null) {
                    return Optional.empty();
                }
                found = usersById.get(entry.getValue());
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * One page of the users that match, in id order.
     *
     * @param matching which users to include
     * @param afterId the page starts after this id; empty for the first page
     * @param limit the page size, at least 1
     * @return the page and whether more matching users follow it
     */
    public Page page(Predicate<User> matching, Optional<String> afterId, int limit) {
        Iterator<User> candidates = afterId.map(id -> usersById.tailMap(id, false).values().iterator())
                .orElseGet(() -> usersById.values().iterator());
        return collect(candidates, matching, limit);
    }

    /**
     * One page of the users that match, in id order, visiting only the users an index gives for
     * {@code attribute eq value}: every matching user must have that value (ignoring case).
     *
     * @param attribute an indexed attribute, e.g. {@code profile.department}
     * @param value the value the matching users have, ignoring case
     * @param matching which users to include; implies {@code attribute eq value}
     * @param afterId the page starts after this id; empty for the first page
     * @param limit the page size, at least 1
     * @return the page, or empty when the attribute is not indexed
     */
    public Optional<Page> indexedPage(String attribute, String value, Predicate<User> matching,
            Optional<String> afterId, int limit) {
        if (!index.isBuilt(attribute)) {
            synchronized (this) {
                index.build(attribute, usersById::values);
            }
        }
        return index.ids(attribute, value).map(ids -> {
            NavigableSet<String> range = afterId.map(id -> ids.tailSet(id, false)).orElse(ids);
            Iterator<String> idIterator = range.iterator();
            Iterator<User> users = new Iterator<>() {
                private User next = advance();

                private User advance() {
                    while (idIterator.hasNext()) {
                        User user = usersById.get(idIterator.next());
                        if (user != null) {
                            return user;
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public User next() {
                    User current = next;
                    next = advance();
                    return current;
                }
            };
            return collect(users, matching, limit);
        });
    }

    /**
     * Whether an attribute has an equality index.
     *
     * @param attribute an attribute path, e.g. {@code status}
     * @return true for the attributes of {@link UserIndex#ATTRIBUTES}
     */
    public static boolean isIndexed(String attribute) {
        return UserIndex.ATTRIBUTES.contains(attribute);
    }

    private static Page collect(Iterator<User> candidates, Predicate<User> matching, int limit) {
        List<User> users = new ArrayList<>(Math.min(limit, 256));
        while (candidates.hasNext()) {
            User user = candidates.next();
            if (matching.test(user)) {
                if (users.size() == limit) {
                    return new Page(users, true);
                }
                users.add(user);
            }
        }
        return new Page(users, false);
    }

    /**
     * All users that match, in id order.
     *
     * @param matching which users to include
     * @return a snapshot list
     */
    public List<User> all(Predicate<User> matching) {
        List<User> users = new ArrayList<>();
        for (User user : usersById.values()) {
            if (matching.test(user)) {
                users.add(user);
            }
        }
        return users;
    }

    /**
     * Every user's id, in id order, as a live view: the members of the Everyone group.
     *
     * @return a read-only view that follows additions and removals
     */
    public NavigableSet<String> ids() {
        return Collections.unmodifiableNavigableSet(usersById.navigableKeySet());
    }

    /**
     * How many users there are, in every status.
     *
     * @return the count, DEPROVISIONED users included
     */
    public int size() {
        return usersById.size();
    }

    private static String loginKey(String login) {
        boolean ascii = true;
        for (int i = 0; i < login.length() && ascii; i++) {
            ascii = login.charAt(i) < 0x80;
        }
        if (ascii) {
            return login.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(login, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /**
     * A login that another user already has (ignoring case and diacritical marks).
     */
    public static final class LoginTakenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        LoginTakenException(String login) {
            super("login: An object with this field already exists (" + login + ")");
        }
    }

    /**
     * A page of users.
     *
     * @param users the users on the page, in order
     * @param hasMore whether more matching users follow
     */
    public record Page(List<User> users, boolean hasMore) {
        /**
         * Copies the list.
         *
         * @param users as described on the record
         * @param hasMore as described on the record
         */
        public Page {
            users = List.copyOf(users);
        }
    }
}
