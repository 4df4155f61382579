package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.store.Journal;
import dev.switchboard.sandbox.wire.OktaIds;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;

/**
 * The org's groups and their members in memory; thread-safe.
 *
 * <p>Reads never block. Changes are serialized, keep the name index and both membership indexes (members of a
 * group in user-id order, groups of a user) in step, and are written to the journal. Group names are unique
 * ignoring case, as Okta requires for groups it manages.
 */
public final class GroupDirectory {
    /** The journal's record kind for groups. */
    public static final String KIND = "group";
    /** The journal's record kind for memberships, with ids {@code {groupId}/{userId}}. */
    public static final String MEMBERSHIP_KIND = "membership";

    private final ConcurrentSkipListMap<String, Group> groupsById = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, String> idsByName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentSkipListSet<String>> membersByGroup = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentSkipListSet<String>> groupsByUser = new ConcurrentHashMap<>();
    private final Random idRandom;
    private volatile Journal journal = Journal.NONE;
    private volatile NavigableSet<String> everyUser = new ConcurrentSkipListSet<>();
    private volatile String everyoneId;

    /**
     * An empty directory.
     *
     * @param seed the seed of the group id sequence
     */
    public GroupDirectory(long seed) {
        this.idRandom = new Random(seed ^ 0x67726F7570L);
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
     * Sets the users of the org, the members of the Everyone group.
     *
     * @param userIds every user's id, in id order, as a live view
     */
    public void everyUser(NavigableSet<String> userIds) {
        this.everyUser = Objects.requireNonNull(userIds, "userIds");
    }

    /**
     * The Everyone group ({@code BUILT_IN}), which every user of the org belongs to. An org has it from its
     * creation; this adds it when the org does not have it yet (a new org, or one saved before the sandbox had it).
     *
     * @param id its id, drawn from the org's seed
     * @param created when the org was created
     * @return the Everyone group
     */
    public synchronized Group everyone(String id, Instant created) {
        for (Group group : groupsById.values()) {
            if (group.type() == GroupType.BUILT_IN) {
                everyoneId = group.id();
                return group;
            }
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", "Everyone");
        profile.put("description", "All users in your organization");
        Group everyone = add(new Group(id, GroupType.BUILT_IN, created, created, created, profile));
        everyoneId = everyone.id();
        return everyone;
    }

    /**
     * Records that the Everyone group's members changed: a user was created or deleted.
     *
     * @param now the time of the change
     */
    public synchronized void everyoneChanged(Instant now) {
        String id = everyoneId;
        if (id != null && groupsById.containsKey(id)) {
            Group touched = touched(id, now);
            journal.record(KIND, id, () -> Optional.of(toMap(touched)));
            groupsById.put(id, touched);
        }
    }

    /**
     * Creates a group.
     *
     * @param profile its profile; {@code name} is a non-blank string not used by another group
     * @param now the creation time
     * @return the group
     * @throws NameTakenException when another group has the name (ignoring case)
     */
    public synchronized Group create(Map<String, Object> profile, Instant now) {
        String id;
        do {
            id = OktaIds.next(OktaIds.GROUP, idRandom);
        } while (groupsById.containsKey(id));
        return add(new Group(id, now, now, now, profile));
    }

    /**
     * Adds a group as it is, e.g. one restored from a data directory.
     *
     * @param group the group; its id and name must be new
     * @return the group
     * @throws NameTakenException when another group has the name
     */
    public synchronized Group add(Group group) {
        String key = nameKey(group.name());
        if (idsByName.containsKey(key) || groupsById.containsKey(group.id())) {
            throw new NameTakenException(group.name());
        }
        if (group.type() == GroupType.BUILT_IN) {
            everyoneId = group.id();
        }
        journal.record(KIND, group.id(), () -> Optional.of(toMap(group)));
        idsByName.put(key, group.id());
        groupsById.put(group.id(), group);
        membersByGroup.put(group.id(), new ConcurrentSkipListSet<>());
        return group;
    }

    /**
     * Replaces a group's profile.
     *
     * @param id the group's id
     * @param profile the new profile
     * @param now the time of the change
     * @return the changed group, or empty when there is no such group
     * @throws NameTakenException when another group has the new name
     */
    public synchronized Optional<Group> replaceProfile(String id, Map<String, Object> profile, Instant now) {
        Group previous = groupsById.get(id);
        if (previous == null) {
            return Optional.empty();
        }
        Group updated = previous.withProfile(profile, now);
        String oldKey = nameKey(previous.name());
        String newKey = nameKey(updated.name());
        boolean renamed = !oldKey.equals(newKey);
        if (renamed && idsByName.containsKey(newKey)) {
            throw new NameTakenException(updated.name());
        }
        journal.record(KIND, id, () -> Optional.of(toMap(updated)));
        if (renamed) {
            idsByName.remove(oldKey);
            idsByName.put(newKey, id);
        }
        groupsById.put(id, updated);
        return Optional.of(updated);
    }

    /**
     * Deletes a group and its memberships.
     *
     * @param id the group's id
     * @return the deleted group, or empty when there was none
     */
    public synchronized Optional<Group> remove(String id) {
        Group removed = groupsById.get(id);
        if (removed == null) {
            return Optional.empty();
        }
        Set<String> members = membersByGroup.getOrDefault(id, new ConcurrentSkipListSet<>());
        List<Journal.Change> changes = new ArrayList<>(members.size() + 1);
        members.forEach(userId -> changes.add(Journal.Change.removal(MEMBERSHIP_KIND, id + "/" + userId)));
        changes.add(Journal.Change.removal(KIND, id));
        journal.record(changes);
        groupsById.remove(id);
        idsByName.remove(nameKey(removed.name()));
        membersByGroup.remove(id);
        for (String userId : members) {
            Set<String> groups = groupsByUser.get(userId);
            if (groups != null) {
                groups.remove(id);
            }
        }
        return Optional.of(removed);
    }

    /**
     * Adds a user to a group.
     *
     * @param groupId an existing group's id
     * @param userId the user's id
     * @param now the time of the change, the group's new {@code lastMembershipUpdated}
     * @return true when the user was added, false when already a member
     * @throws IllegalArgumentException when the group does not exist
     */
    public synchronized boolean addMember(String groupId, String userId, Instant now) {
        if (groupId.equals(everyoneId)) {
            return false;
        }
        ConcurrentSkipListSet<String> members = membersByGroup.get(groupId);
        if (members == null) {
            throw new IllegalArgumentException("no group " + groupId);
        }
        if (members.contains(userId)) {
            return false;
        }
        Group touched = touched(groupId, now);
        journal.record(List.of(
                Journal.Change.of(MEMBERSHIP_KIND, groupId + "/" + userId, () -> Map.of("groupId", groupId, "userId", userId)),
                Journal.Change.of(KIND, groupId, () -> toMap(touched))));
        members.add(userId);
        groupsByUser.computeIfAbsent(userId, id -> new ConcurrentSkipListSet<>()).add(groupId);
        groupsById.put(groupId, touched);
        return true;
    }

    /**
     * Restores a saved membership as it was, without changing the group's timestamps or the journal.
     *
     * @param groupId an existing group's id
     * @param userId the user's id
     */
    public synchronized void restoreMember(String groupId, String userId) {
        if (groupId.equals(everyoneId)) {
            return;
        }
        ConcurrentSkipListSet<String> members = membersByGroup.get(groupId);
        if (members != null && members.add(userId)) {
            groupsByUser.computeIfAbsent(userId, id -> new ConcurrentSkipListSet<>()).add(groupId);
        }
    }

    /**
     * Moves a group's {@code lastMembershipUpdated} forward, e.g. after members were restored or seeded.
     *
     * @param groupId an existing group's id
     * @param when the time of the latest membership change
     */
    public synchronized void membershipUpdated(String groupId, Instant when) {
        Group touched = touched(groupId, when);
        journal.record(KIND, groupId, () -> Optional.of(toMap(touched)));
        groupsById.put(groupId, touched);
    }

    /**
     * Removes a user from a group.
     *
     * @param groupId the group's id
     * @param userId the user's id
     * @param now the time of the change
     * @return true when the user was a member
     */
    public synchronized boolean removeMember(String groupId, String userId, Instant now) {
        ConcurrentSkipListSet<String> members = membersByGroup.get(groupId);
        if (members == null || !members.contains(userId)) {
            return false;
        }
        Group touched = touched(groupId, now);
        journal.record(List.of(Journal.Change.removal(MEMBERSHIP_KIND, groupId + "/" + userId),
                Journal.Change.of(KIND, groupId, () -> toMap(touched))));
        members.remove(userId);
        Set<String> groups = groupsByUser.get(userId);
        if (groups != null) {
            groups.remove(groupId);
        }
        groupsById.put(groupId, touched);
        return true;
    }

    /**
     * Removes a deleted user from every group, without changing the groups' timestamps.
     *
     * @param userId the user's id
     */
    public synchronized void removeUser(String userId) {
        Set<String> groups = groupsByUser.get(userId);
        if (groups == null) {
            return;
        }
        List<Journal.Change> changes = new ArrayList<>(groups.size());
        groups.forEach(groupId -> changes.add(Journal.Change.removal(MEMBERSHIP_KIND, groupId + "/" + userId)));
        journal.record(changes);
        groupsByUser.remove(userId);
        for (String groupId : groups) {
            ConcurrentSkipListSet<String> members = membersByGroup.get(groupId);
            if (members != null) {
                members.remove(userId);
            }
        }
    }

    /** The group with its {@code lastMembershipUpdated} moved to {@code now}, not yet stored. */
    private Group touched(String groupId, Instant now) {
        return groupsById.get(groupId).membershipChangedAt(now);
    }

    /**
     * The group with this id.
     *
     * @param id a group id
     * @return the group, or empty
     */
    public Optional<Group> byId(String id) {
        return Optional.ofNullable(groupsById.get(id));
    }

    /**
     * The members of a group, in user-id order, as a live view.
     *
     * @param groupId the group's id
     * @return the member ids, empty for an unknown group
     */
    public NavigableSet<String> members(String groupId) {
        if (groupId.equals(everyoneId)) {
            return everyUser;
        }
        NavigableSet<String> members = membersByGroup.get(groupId);
        return members == null ? new ConcurrentSkipListSet<>() : members;
    }

    /**
     * The groups a user belongs to, in group-id order.
     *
     * @param userId the user's id
     * @return the groups
     */
    public List<Group> groupsOf(String userId) {
        NavigableSet<String> ids = new TreeSet<>(groupsByUser.getOrDefault(userId, new ConcurrentSkipListSet<>()));
        if (everyoneId != null && everyUser.contains(userId)) {
            ids.add(everyoneId);
        }
        List<Group> groups = new ArrayList<>();
        ids.forEach(id -> byId(id).ifPresent(groups::add));
        return groups;
    }

    /**
     * One page of the groups that match, in id order.
     *
     * @param matching which groups to include
     * @param afterId the page starts after this id
     * @param limit the page size, at least 1
     * @return the groups and whether more follow
     */
    public Page page(Predicate<Group> matching, Optional<String> afterId, int limit) {
        Iterator<Group> candidates = afterId.map(id -> groupsById.tailMap(id, false).values().iterator())
                .orElseGet(() -> groupsById.values().iterator());
        List<Group> groups = new ArrayList<>();
        while (candidates.hasNext()) {
            Group group = candidates.next();
            if (matching.test(group)) {
                if (groups.size() == limit) {
                    return new Page(groups, true);
                }
                groups.add(group);
            }
        }
        return new Page(groups, false);
    }

    /**
     * Every group, in id order.
     *
     * @return a snapshot list
     */
    public List<Group> all() {
        return List.copyOf(groupsById.values());
    }

    /**
     * Every membership, group by group, for saving.
     *
     * @return {@code [groupId, userId]} pairs
     */
    public List<String[]> memberships() {
        List<String[]> pairs = new ArrayList<>();
        membersByGroup.forEach((groupId, members) -> members.forEach(userId -> pairs.add(new String[] {groupId, userId})));
        return pairs;
    }

    /**
     * How many groups there are.
     *
     * @return the count
     */
    public int size() {
        return groupsById.size();
    }

    /**
     * A group as saved in a data directory.
     *
     * @param group the group
     * @return JSON values
     */
    public static Map<String, Object> toMap(Group group) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", group.id());
        map.put("type", group.type().name());
        map.put("created", OktaTimestamps.format(group.created()));
        map.put("lastUpdated", OktaTimestamps.format(group.lastUpdated()));
        map.put("lastMembershipUpdated", OktaTimestamps.format(group.lastMembershipUpdated()));
        map.put("profile", group.profile());
        return map;
    }

    /**
     * A group from its saved form.
     *
     * @param map the saved values
     * @return the group
     * @throws java.util.NoSuchElementException when a timestamp is missing
     */
    @SuppressWarnings("unchecked")
    public static Group fromMap(Map<String, Object> map) {
        GroupType type = map.get("type") == null ? GroupType.OKTA_GROUP : GroupType.valueOf(String.valueOf(map.get("type")));
        return new Group((String) map.get("id"), type, instant(map, "created"), instant(map, "lastUpdated"),
                instant(map, "lastMembershipUpdated"), (Map<String, Object>) map.get("profile"));
    }

    private static Instant instant(Map<String, Object> map, String key) {
        return OktaTimestamps.parse(String.valueOf(map.get(key))).orElseThrow();
    }

    private static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** A group name another group has (ignoring case). */
    public static final class NameTakenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NameTakenException(String name) {
            super("name: An object with this field already exists (" + name + ")");
        }
    }

    /**
     * A page of groups.
     *
     * @param groups the groups, in order
     * @param hasMore whether more matching groups follow
     */
    public record Page(List<Group> groups, boolean hasMore) {
        /**
         * Copies the list.
         *
         * @param groups as described on the record
         * @param hasMore as described on the record
         */
        public Page {
            groups = List.copyOf(groups);
        }
    }
}
