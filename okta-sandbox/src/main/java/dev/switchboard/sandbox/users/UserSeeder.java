package dev.switchboard.sandbox.users;

import net.datafaker.Faker;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Fills a directory with realistic, deterministic users: the same (count, seed, mixed statuses) gives the same
 * users, ids, profiles and timestamps on every run and machine.
 *
 * <p>Datafaker, seeded with the seed ({@code new Faker(new Random(seed))}), draws fixed-size vocabularies once
 * (first and last names, job titles, cities with their state and ZIP code, street names, the company name);
 * a second random sequence from the same seed assembles users from them. That keeps seeding linear and cheap
 * (a 50,000-user org costs no more Faker calls than a 10-user one), and a larger org with the same seed starts
 * with the same users as a smaller one.
 *
 * <p>Each user has a unique login equal to its email, {@code first.last@example.com} (a number is appended on
 * a clash), and the profile attributes of Okta's default schema that an HR-sourced org fills in: names,
 * {@code displayName}, {@code title}, {@code department}, {@code organization}, {@code employeeNumber},
 * {@code userType}, {@code costCenter}, phone, address, {@code locale}, {@code timezone}, and a manager
 * ({@code managerId}, {@code manager}) for all but the first user; and custom attributes as a schema extension
 * would add them: {@code startDate} (an ISO date string), {@code badgeNumber} (an integer), {@code remote} (a
 * boolean) and {@code skills} (an array of strings). Timestamps lie within three years before {@link #ANCHOR},
 * in Okta's format when rendered. The first user is always ACTIVE: the org's super admin, whom API tokens
 * created through the Java API act for.
 */
public final class UserSeeder {
    /** The fixed "now" that seeded timestamps are placed before, so they do not depend on the clock. */
    public static final Instant ANCHOR = Instant.parse("2025-06-01T00:00:00Z");

    private static final String DOMAIN = "example.com";
    private static final String[] DEPARTMENTS = {
        "Engineering", "Engineering", "Engineering", "Sales", "Sales", "Marketing", "Customer Support",
        "Customer Support", "Finance", "Human Resources", "Legal", "Operations", "Product", "IT", "Security",
    };
    private static final Map<String, String> TIME_ZONES = timeZones();
    private static final String[] SKILLS = {"java", "python", "sql", "negotiation", "design", "accounting", "okta",
        "kubernetes", "writing", "support", "security", "analytics"};
    private static final long ANCHOR_DAY = ANCHOR.getEpochSecond() / 86_400;

    /**
     * The custom attributes seeded users have, as the org's user schema declares them ({@code UserSchemaAttribute}
     * definitions by name, for {@code definitions.custom.properties}): {@code startDate} (a string, an ISO date),
     * {@code badgeNumber} (an integer), {@code remote} (a boolean) and {@code skills} (an array of strings). The
     * other attributes the seeder fills ({@code department}, {@code title}, {@code managerId}...) are Okta's base
     * attributes.
     */
    public static final Map<String, Object> CUSTOM_ATTRIBUTES = customAttributes();

    private static Map<String, Object> customAttributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("startDate", definition("Start date", "The employee's first day (ISO-8601 date)", "string",
                "minLength", 10, "maxLength", 10));
        attributes.put("badgeNumber", definition("Badge number", "The number on the employee's badge", "integer"));
        attributes.put("remote", definition("Remote worker", "Whether the employee works remotely", "boolean"));
        attributes.put("skills", definition("Skills", "What the employee is good at", "array",
                "items", Map.of("type", "string")));
        return Collections.unmodifiableMap(attributes);
    }

    private static Map<String, Object> definition(String title, String description, String type, Object... more) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("title", title);
        definition.put("description", description);
        definition.put("type", type);
        for (int i = 0; i < more.length; i += 2) {
            definition.put((String) more[i], more[i + 1]);
        }
        return definition;
    }

    private final Random random;
    private final List<String> firstNames;
    private final List<String> lastNames;
    private final List<String> titles;
    private final List<String[]> places;
    private final List<String> streets;
    private final String organization;

    private UserSeeder(long seed) {
        Faker faker = new Faker(new Random(seed));
        this.firstNames = draw(400, () -> faker.name().firstName());
        this.lastNames = draw(600, () -> faker.name().lastName());
        this.titles = draw(200, () -> faker.job().title());
        this.places = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String state = faker.address().stateAbbr();
            places.add(new String[] {faker.address().city(), state, faker.numerify(faker.address().zipCodeByState(state))});
        }
        this.streets = draw(200, () -> faker.address().streetName());
        this.organization = faker.company().name();
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + 0x5EEDL);
    }

    /**
     * Adds {@code count} users to the directory.
     *
     * @param directory the directory to fill; its id sequence gives the users' ids
     * @param count how many users, 0 or more
     * @param seed the seed of names, profiles, statuses and timestamps
     * @param mixedStatuses true for Okta's usual mix (about 80% ACTIVE; the rest STAGED, PROVISIONED, SUSPENDED,
     *     LOCKED_OUT, PASSWORD_EXPIRED, RECOVERY and DEPROVISIONED), false for all ACTIVE
     * @return the first user, always ACTIVE, the org's super admin; empty when {@code count} is 0
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public static Optional<User> seed(UserDirectory directory, int count, long seed, boolean mixedStatuses) {
        if (count < 0) {
            throw new IllegalArgumentException("the number of users cannot be negative: " + count);
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(new UserSeeder(seed).fill(directory, count, mixedStatuses));
    }

    private User fill(UserDirectory directory, int count, boolean mixedStatuses) {
        User admin = null;
        List<User> seeded = new ArrayList<>(count);
        Set<String> ids = new HashSet<>();
        Set<String> logins = new HashSet<>();
        List<String[]> managers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String first = pick(firstNames);
            String last = pick(lastNames);
            String login = uniqueLogin(first, last, logins);
            String department = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
            String[] place = places.get(random.nextInt(places.size()));
            String id = directory.newId();
            while (!ids.add(id)) {
                id = directory.newId();
            }

            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("firstName", first);
            profile.put("lastName", last);
            profile.put("mobilePhone", phone());
            profile.put("secondEmail", null);
            profile.put("login", login);
            profile.put("email", login);
            profile.put("displayName", first + " " + last);
            profile.put("title", pick(titles));
            profile.put("department", department);
            profile.put("organization", organization);
            profile.put("employeeNumber", Integer.toString(100000 + i));
            profile.put("userType", random.nextInt(10) == 0 ? "Contractor" : "Employee");
            profile.put("costCenter", "CC-" + (1000 + 10 * indexOf(department)));
            profile.put("streetAddress", (1 + random.nextInt(9899)) + " " + pick(streets));
            profile.put("city", place[0]);
            profile.put("state", place[1]);
            profile.put("zipCode", place[2]);
            profile.put("countryCode", "US");
            profile.put("locale", "en_US");
            profile.put("timezone", TIME_ZONES.getOrDefault(place[1], "America/New_York"));
            if (!managers.isEmpty()) {
                String[] manager = managers.get(random.nextInt(managers.size()));
                profile.put("managerId", manager[0]);
                profile.put("manager", manager[1]);
            }
            if (i == 0 || random.nextInt(12) == 0) {
                managers.add(new String[] {id, first + " " + last});
            }

            profile.put("startDate", LocalDate.ofEpochDay(ANCHOR_DAY - 30 - random.nextInt(3650)).toString());
            profile.put("badgeNumber", 10_000 + random.nextInt(90_000));
            profile.put("remote", random.nextInt(4) == 0);
            profile.put("skills", skills());

            UserStatus drawn = mixedStatuses ? status() : UserStatus.ACTIVE;
            UserStatus status = i == 0 ? UserStatus.ACTIVE : drawn;
            User user = withTimestamps(id, status, directory.defaultTypeId(), profile);
            seeded.add(user);
            if (admin == null) {
                admin = user;
            }
        }
        directory.addAll(seeded);
        return admin;
    }

    private User withTimestamps(String id, UserStatus status, String typeId, Map<String, Object> profile) {
        Instant created = ANCHOR.minus(Duration.ofDays(30)).minusMillis(random.nextLong(Duration.ofDays(1065).toMillis()));
        Optional<Instant> activated = Optional.empty();
        Optional<Instant> statusChanged = Optional.empty();
        Optional<Instant> lastLogin = Optional.empty();
        Optional<Instant> passwordChanged = Optional.empty();
        Instant lastUpdated = created;
        if (status.isActivated()) {
            Instant activation = after(created, Duration.ofDays(2));
            activated = Optional.of(activation);
            passwordChanged = Optional.of(after(activation, Duration.between(activation, ANCHOR)));
            statusChanged = Optional.of(status == UserStatus.ACTIVE
                    ? activation : after(activation, Duration.between(activation, ANCHOR)));
            if (random.nextInt(100) < 85) {
                lastLogin = Optional.of(after(activation, Duration.between(activation, ANCHOR)));
            }
            lastUpdated = latest(statusChanged.get(), passwordChanged.get(), after(activation, Duration.between(activation, ANCHOR)));
        } else if (status == UserStatus.PROVISIONED) {
            lastUpdated = after(created, Duration.ofDays(2));
        }
        return new User(id, status, created, activated, statusChanged, lastLogin, lastUpdated, passwordChanged,
                typeId, profile, status.isActivated(), List.of(), Optional.empty(), Optional.empty());
    }

    private List<String> skills() {
        int count = 1 + random.nextInt(3);
        List<String> chosen = new ArrayList<>(count);
        while (chosen.size() < count) {
            String skill = SKILLS[random.nextInt(SKILLS.length)];
            if (!chosen.contains(skill)) {
                chosen.add(skill);
            }
        }
        return chosen;
    }

    private UserStatus status() {
        int roll = random.nextInt(100);
        if (roll < 80) {
            return UserStatus.ACTIVE;
        } else if (roll < 84) {
            return UserStatus.STAGED;
        } else if (roll < 88) {
            return UserStatus.PROVISIONED;
        } else if (roll < 91) {
            return UserStatus.SUSPENDED;
        } else if (roll < 93) {
            return UserStatus.LOCKED_OUT;
        } else if (roll < 95) {
            return UserStatus.PASSWORD_EXPIRED;
        } else if (roll < 97) {
            return UserStatus.RECOVERY;
        }
        return UserStatus.DEPROVISIONED;
    }

    private String uniqueLogin(String first, String last, Set<String> logins) {
        String local = letters(first) + "." + letters(last);
        String login = local + "@" + DOMAIN;
        for (int n = 2; !logins.add(login); n++) {
            login = local + n + "@" + DOMAIN;
        }
        return login;
    }

    private String phone() {
        int line = random.nextInt(10000);
        String digits = Integer.toString(10000 + line).substring(1);
        return "+1 " + (201 + random.nextInt(780)) + "-555-" + digits;
    }

    private Instant after(Instant start, Duration within) {
        long bound = Math.max(1, within.toMillis());
        return start.plusMillis(random.nextLong(bound));
    }

    private static Instant latest(Instant... instants) {
        Instant latest = instants[0];
        for (Instant instant : instants) {
            if (instant.isAfter(latest)) {
                latest = instant;
            }
        }
        return latest;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static int indexOf(String department) {
        for (int i = 0; i < DEPARTMENTS.length; i++) {
            if (DEPARTMENTS[i].equals(department)) {
                return i;
            }
        }
        return 0;
    }

    private static String letters(String name) {
        StringBuilder letters = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                letters.append(c);
            }
        }
        return letters.length() == 0 ? "user" : letters.toString();
    }

    private static List<String> draw(int size, java.util.function.Supplier<String> faker) {
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(faker.get());
        }
        return values;
    }

    private static Map<String, String> timeZones() {
        Map<String, String> zones = new HashMap<>();
        for (String state : "CT DE DC FL GA IN KY ME MD MA MI NH NJ NY NC OH PA RI SC VT VA WV".split(" ")) {
            zones.put(state, "America/New_York");
        }
        for (String state : "AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI".split(" ")) {
            zones.put(state, "America/Chicago");
        }
        for (String state : "AZ CO ID MT NM UT WY".split(" ")) {
            zones.put(state, "America/Denver");
        }
        for (String state : "CA NV OR WA".split(" ")) {
            zones.put(state, "America/Los_Angeles");
        }
        zones.put("AK", "America/Anchorage");
        zones.put("HI", "Pacific/Honolulu");
        return zones;
    }
}
