package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Groups and memberships over HTTP (Group operations of the Management API description; cases C05, C14). */
class GroupsTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;
    private static String engineering;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(0).seed(4L).build();
        engineering = sandbox.createGroup("Engineering", "Builders");
        sandbox.createGroup("Engineering Managers", "Leads");
        sandbox.createGroup("Sales", "Sellers");
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("groups"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String user(String login) {
        return sandbox.createUser(Map.of("login", login, "email", login, "firstName", "G", "lastName", "Member"), "ACTIVE");
    }

    private static String group(String name) {
        HttpResponse<String> response = client.post("/api/v1/groups",
                "{\"profile\":{\"name\":\"" + name + "\",\"description\":\"made over HTTP\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response).get("id").asText();
    }

    private static List<String> names(HttpResponse<String> response) {
        List<String> names = new java.util.ArrayList<>();
        SandboxClient.json(response).forEach(group -> names.add(group.get("profile").get("name").asText()));
        return names;
    }

    /** Case C05 of shared/cases/okta-wire-cases.md. */
    @Test
    void aQueryMatchingOneGroupIsOnePageWithoutLinkHeaders() {
        HttpResponse<String> response = client.get("/api/v1/groups?q=Sales");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.json(response)).hasSize(1);
        assertThat(response.headers().allValues("link")).isEmpty();
    }

    @Test
    void aQueryIsANamePrefixIgnoringCase() {
        List<String> names = names(client.get("/api/v1/groups?q=engineering"));

        assertThat(names).containsExactlyInAnyOrder("Engineering", "Engineering Managers");
    }

    /** Case C14 of shared/cases/okta-wire-cases.md. */
    @Test
    void addingAMemberTwiceIs204BothTimesAndOneMembership() {
        String id = user("twice.member@example.com");

        assertThat(client.send("PUT", "/api/v1/groups/" + engineering + "/users/" + id, "").statusCode()).isEqualTo(204);
        assertThat(client.send("PUT", "/api/v1/groups/" + engineering + "/users/" + id, "").statusCode()).isEqualTo(204);

        List<String> members = SandboxClient.ids(client.get("/api/v1/groups/" + engineering + "/users"));
        assertThat(members).containsOnlyOnce(id);
    }

    @Test
    void removingAMemberIs204AndTheUsersGroupsNoLongerListIt() {
        String id = user("leaver@example.com");
        client.send("PUT", "/api/v1/groups/" + engineering + "/users/" + id, "");

        String everyone = SandboxClient.ids(client.get("/api/v1/groups?q=Everyone")).get(0);
        assertThat(SandboxClient.ids(client.get("/api/v1/users/" + id + "/groups"))).containsExactlyInAnyOrder(engineering,
                everyone);
        assertThat(client.send("DELETE", "/api/v1/groups/" + engineering + "/users/" + id, Optional.of("SSWS "
                + sandbox.createApiToken("remove"))).statusCode()).isEqualTo(204);

        assertThat(SandboxClient.ids(client.get("/api/v1/users/" + id + "/groups"))).as("only Everyone is left")
                .containsExactly(everyone);
    }

    @Test
    void membersArePagedAtMostAThousandAtATimeInUserIdOrder() {
        String big = group("Everyone Big");
        for (int i = 0; i < 1003; i++) {
            sandbox.addToGroup(big, user("member" + i + "@example.com"));
        }

        HttpResponse<String> first = client.get("/api/v1/groups/" + big + "/users?limit=5000");
        List<String> firstIds = SandboxClient.ids(first);
        HttpResponse<String> second = client.getUrl(SandboxClient.link(first, "next").orElseThrow());

        assertThat(firstIds).hasSize(1000).isSorted();
        assertThat(SandboxClient.ids(second)).hasSize(3);
        assertThat(SandboxClient.link(second, "next")).isEmpty();
    }

    @Test
    void aDuplicateGroupNameIs400E0000001() {
        assertError(client.post("/api/v1/groups", "{\"profile\":{\"name\":\"SALES\"}}"), 400, "E0000001",
                "Api validation failed: name");
    }

    @Test
    void aGroupWithoutANameIs400E0000001() {
        assertError(client.post("/api/v1/groups", "{\"profile\":{\"description\":\"nameless\"}}"), 400, "E0000001",
                "Api validation failed: name");
    }

    @Test
    void anUnknownGroupIs404E0000007UserGroup() {
        assertError(client.get("/api/v1/groups/00gNope0000000000000"), 404, "E0000007",
                "Not found: Resource not found: 00gNope0000000000000 (UserGroup)");
    }

    @Test
    void searchMatchesProfileAttributesIgnoringCaseAndSorts() {
        HttpResponse<String> response = client.get(
                "/api/v1/groups?search=profile.name%20sw%20%22engineering%22&sortBy=profile.name&sortOrder=desc");

        assertThat(names(response)).containsExactly("Engineering Managers", "Engineering");
    }

    @Test
    void filterByTypeFindsOktaGroups() {
        JsonNode groups = SandboxClient.json(client.get("/api/v1/groups?filter=type%20eq%20%22OKTA_GROUP%22"));

        assertThat(groups.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFilterOnAPropertyOnlySearchSupportsIs400E0000094() {
        assertError(client.get("/api/v1/groups?filter=profile.name%20eq%20%22Sales%22"), 400, "E0000094",
                "The filter is not supported.");
    }

    @Test
    void searchWithFilterIs400E0000033() {
        assertError(client.get("/api/v1/groups?filter=type%20eq%20%22OKTA_GROUP%22&search=type%20eq%20%22OKTA_GROUP%22"),
                400, "E0000033", "Bad request. Can't specify a search query and filter in the same request.");
    }

    @Test
    void aGroupIsRenamedByReplacingItsProfileAndDeletedWith204() {
        String id = group("Temporary");

        JsonNode renamed = SandboxClient.json(client.send("PUT", "/api/v1/groups/" + id,
                "{\"profile\":{\"name\":\"Renamed\",\"description\":\"new\"}}"));
        assertThat(renamed.get("profile").get("name").asText()).isEqualTo("Renamed");

        assertThat(client.send("DELETE", "/api/v1/groups/" + id, Optional.of("SSWS " + sandbox.createApiToken("d")))
                .statusCode()).isEqualTo(204);
        assertThat(client.get("/api/v1/groups/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void expandStatsCountsMembers() {
        String id = group("Counted");
        sandbox.addToGroup(id, user("counted@example.com"));

        JsonNode group = SandboxClient.json(client.get("/api/v1/groups/" + id + "?expand=stats"));

        assertThat(group.get("_embedded").get("stats").get("usersCount").asInt()).isEqualTo(1);
    }

    @Test
    void aUserCreatedWithGroupIdsIsAMemberAndUnknownGroupIdsAre400() {
        String id = group("Onboarding");
        HttpResponse<String> created = client.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":\"new.joiner@example.com\","
                + "\"email\":\"new.joiner@example.com\",\"firstName\":\"New\",\"lastName\":\"Joiner\"},\"groupIds\":[\"" + id + "\"]}");

        assertThat(SandboxClient.ids(client.get("/api/v1/groups/" + id + "/users")))
                .containsExactly(SandboxClient.json(created).get("id").asText());
        assertError(client.post("/api/v1/users", "{\"profile\":{\"login\":\"lost@example.com\",\"email\":\"lost@example.com\","
                + "\"firstName\":\"L\",\"lastName\":\"O\"},\"groupIds\":[\"00gMissing0000000000\"]}"), 400, "E0000001",
                "Api validation failed: groupIds");
    }
}
