package dev.switchboard.sandbox;

import dev.switchboard.sandbox.users.User;
import dev.switchboard.sandbox.users.UserDirectory;
import dev.switchboard.sandbox.users.UserSeeder;
import dev.switchboard.sandbox.users.UserStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Deterministic, realistic seeding of users shaped like the spec's User schema. */
class SeedingTest {

    private static List<User> seed(int count, long seed, boolean mixed) {
        UserDirectory directory = new UserDirectory(seed);
        UserSeeder.seed(directory, count, seed, mixed);
        return directory.all(user -> true);
    }

    @Test
    void theSameSeedGivesTheSameUsers() {
        assertThat(seed(300, 42L, true)).isEqualTo(seed(300, 42L, true));
    }

    @Test
    void anotherSeedGivesOtherUsers() {
        assertThat(seed(50, 1L, true)).doesNotContainAnyElementsOf(seed(50, 2L, true));
    }

    @Test
    void aLargerOrgWithTheSameSeedStartsWithTheSameUsers() {
        assertThat(seed(500, 9L, true)).containsAll(seed(100, 9L, true));
    }

    @Test
    void seededLoginsAreUniqueIgnoringCase() {
        List<User> users = seed(5000, 5L, true);
        Set<String> logins = new HashSet<>();
        users.forEach(user -> logins.add(user.login().toLowerCase(Locale.ROOT)));

        assertThat(logins).hasSize(5000);
    }

    @Test
    void seededIdsLookLikeOktaUserIds() {
        assertThat(seed(100, 3L, true)).allSatisfy(user -> assertThat(user.id()).matches("00u[0-9A-Za-z]{17}"));
    }

    @Test
    void seededStatusesAreMostlyActiveWithEveryOtherStatusPresent() {
        Map<UserStatus, Integer> counts = new EnumMap<>(UserStatus.class);
        seed(2000, 8L, true).forEach(user -> counts.merge(user.status(), 1, Integer::sum));

        assertThat(counts).containsOnlyKeys(UserStatus.values());
        assertThat(counts.get(UserStatus.ACTIVE)).isBetween(1500, 1700);
    }

    @Test
    void withoutMixedStatusesEverySeededUserIsActive() {
        assertThat(seed(200, 8L, false)).allSatisfy(user -> assertThat(user.status()).isEqualTo(UserStatus.ACTIVE));
    }

    @Test
    void seededProfilesHaveRealisticEnterpriseAttributes() {
        User user = seed(1, 4L, true).get(0);

        assertThat(user.profile()).containsKeys("login", "email", "firstName", "lastName", "displayName", "title",
                "department", "organization", "employeeNumber", "city", "state", "zipCode", "countryCode", "locale",
                "timezone");
        assertThat(user.login()).isEqualTo(user.profile().get("email")).endsWith("@example.com");
        assertThat((String) user.profile().get("zipCode")).matches("[0-9]{5}");
    }

    @Test
    void aUserIsServedInTheShapeOfTheUserSchemaWithOktaTimestamps() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(40).mixedStatuses(false).seed(6L).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("shape"));
            JsonNode user = SandboxClient.json(client.get("/api/v1/users?limit=1")).get(0);

            List<String> names = new ArrayList<>();
            user.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("id", "status", "created", "activated", "statusChanged", "lastLogin",
                    "lastUpdated", "passwordChanged", "type", "profile", "credentials", "_links");
            for (String timestamp : List.of("created", "activated", "statusChanged", "lastUpdated", "passwordChanged")) {
                assertThat(user.get(timestamp).asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            }
            assertThat(user.get("type").get("id").asText()).matches("oty[0-9A-Za-z]{17}");
            assertThat(user.get("credentials").get("provider").get("type").asText()).isEqualTo("OKTA");
            assertThat(user.get("credentials").get("provider").get("name").asText()).isEqualTo("OKTA");
            assertThat(user.get("_links").get("self").get("href").asText())
                    .isEqualTo(sandbox.orgUrl() + "/api/v1/users/" + user.get("id").asText());
        }
    }

    @Test
    void aStagedUserHasNoActivationAndNoPassword() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(0).build()) {
            String id = sandbox.createUser(Map.of("login", "new@example.com", "email", "new@example.com"), "STAGED");
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("staged"));
            JsonNode user = SandboxClient.json(client.get("/api/v1/users/" + id));

            assertThat(user.get("activated").isNull()).isTrue();
            assertThat(user.get("statusChanged").isNull()).isTrue();
            assertThat(user.get("credentials").has("password")).isFalse();
        }
    }
}
