package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Deterministic seeding of a whole org: users with custom attributes, groups and memberships (--users N --seed S). */
class OrgSeedingTest {

    private static List<String> snapshot(int users, long seed) {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(users).seed(seed).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("seed"));
            List<String> state = new ArrayList<>();
            state.add(strip(client.get("/api/v1/users?search=status%20pr").body(), sandbox));
            JsonNode groups = SandboxClient.json(client.get("/api/v1/groups?expand=stats"));
            state.add(strip(groups.toString(), sandbox));
            groups.forEach(group -> state.add(group.get("id").asText() + "="
                    + SandboxClient.ids(client.get("/api/v1/groups/" + group.get("id").asText() + "/users"))));
            return state;
        }
    }

    private static String strip(String body, OktaSandbox sandbox) {
        return body.replace(sandbox.orgUrl().toString(), "ORG");
    }

    @Test
    void theSameUsersAndSeedGiveTheSameGroupsAndMemberships() {
        assertThat(snapshot(120, 5L)).isEqualTo(snapshot(120, 5L));
    }

    @Test
    void anotherSeedGivesAnotherOrg() {
        assertThat(snapshot(60, 5L)).isNotEqualTo(snapshot(60, 6L));
    }

    @Test
    void everySeededUserIsInTheirDepartmentsGroupAndHasCustomAttributesOfSeveralTypes() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(80).seed(2L).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("seed"));
            JsonNode user = SandboxClient.json(client.get("/api/v1/users?limit=1")).get(0);
            JsonNode profile = user.get("profile");

            assertThat(profile.get("badgeNumber").isInt()).isTrue();
            assertThat(profile.get("remote").isBoolean()).isTrue();
            assertThat(profile.get("skills").isArray()).isTrue();
            assertThat(profile.get("startDate").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
            List<String> groupNames = SandboxClient.json(client.get("/api/v1/users/" + user.get("id").asText() + "/groups"))
                    .findValuesAsText("description");
            assertThat(groupNames).contains("Everyone in " + profile.get("department").asText() + ", from the HR feed");
            assertThat(sandbox.groupCount()).isGreaterThan(7);
        }
    }

    @Test
    void customArrayAttributesAreSearchable() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(200).seed(2L).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("seed"));

            JsonNode found = SandboxClient.json(client.get("/api/v1/users?search=profile.skills%20eq%20%22okta%22"));

            assertThat(found.size()).isPositive();
            found.forEach(user -> assertThat(user.get("profile").get("skills").toString()).contains("\"okta\""));
        }
    }

    @Test
    void theFirstSeededUserIsTheActiveAdminBehindJavaCreatedTokens() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(30).seed(9L).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("me"));

            JsonNode me = SandboxClient.json(client.get("/api/v1/users/me"));

            assertThat(me.get("status").asText()).isEqualTo("ACTIVE");
        }
    }
}
