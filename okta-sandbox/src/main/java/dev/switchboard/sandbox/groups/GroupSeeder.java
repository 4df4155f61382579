package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.users.User;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills an org with deterministic groups and memberships: one group per department found among the users
 * ({@code "Engineering"}, ...), named and described as an HR-driven org would, plus a few cross-team groups
 * ({@code "All Managers"}, project groups, {@code "Contractors"}). Every user joins their department's group;
 * managers join {@code All Managers}; contractors {@code Contractors}; about a third of users join one project
 * group. The same users and seed give the same groups, ids and memberships.
 */
public final class GroupSeeder {
    private static final String[] PROJECTS = {"Project Apollo", "Project Borealis", "Project Cascade",
        "Project Dynamo", "Project Ember"};

    private GroupSeeder() {
    }

    /**
     * Creates the groups and adds the members.
     *
     * @param groups the empty group directory
     * @param users every user, in any order (they are taken in id order)
     * @param seed the seed of group choices and timestamps
     * @param anchor the instant seeded timestamps lie before
     */
    public static void seed(GroupDirectory groups, List<User> users, long seed, Instant anchor) {
        if (users.isEmpty()) {
            return;
        }
        Random random = new Random(seed * 31 + 0x6770L);
        Instant created = anchor.minus(Duration.ofDays(1100));
        Map<String, Group> byDepartment = new LinkedHashMap<>();
        List<User> ordered = new ArrayList<>(users);
        if (!isSortedById(ordered)) {
            ordered.sort((a, b) -> a.id().compareTo(b.id()));
        }
        for (User user : ordered) {
            if (user.profile().get("department") instanceof String department) {
                byDepartment.computeIfAbsent(department, name -> groups.create(profile(name,
                        "Everyone in " + name + ", from the HR feed"), created));
            }
        }
        Group managers = groups.create(profile("All Managers", "People managers"), created);
        Group contractors = groups.create(profile("Contractors", "Non-employee workers"), created);
        List<Group> projects = new ArrayList<>();
        for (String project : PROJECTS) {
            projects.add(groups.create(profile(project, "Members of " + project), created));
        }
        java.util.Set<String> managerIds = new java.util.HashSet<>();
        ordered.forEach(user -> {
            if (user.profile().get("managerId") instanceof String managerId) {
                managerIds.add(managerId);
            }
        });
        Map<String, Instant> latest = new LinkedHashMap<>();
        for (User user : ordered) {
            List<Group> joins = new ArrayList<>(3);
            if (user.profile().get("department") instanceof String department) {
                joins.add(byDepartment.get(department));
            }
            if (managerIds.contains(user.id())) {
                joins.add(managers);
            }
            if ("Contractor".equals(user.profile().get("userType"))) {
                joins.add(contractors);
            }
            if (random.nextInt(3) == 0) {
                joins.add(projects.get(random.nextInt(projects.size())));
            }
            for (Group group : joins) {
                groups.restoreMember(group.id(), user.id());
                latest.merge(group.id(), user.created(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        latest.forEach(groups::membershipUpdated);
    }

    private static boolean isSortedById(List<User> users) {
        for (int i = 1; i < users.size(); i++) {
            if (users.get(i - 1).id().compareTo(users.get(i).id()) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> profile(String name, String description) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", name);
        profile.put("description", description);
        return profile;
    }
}
