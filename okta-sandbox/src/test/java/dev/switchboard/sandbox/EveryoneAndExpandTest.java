package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 3. The built-in Everyone group: the {@code GroupType} schema's {@code BUILT_IN}, the
 * {@code listGroups} description ("The Okta default Everyone group isn't returned for users with a group admin
 * role", so it is returned to others), and the rule of {@code assignUserToGroup}, {@code unassignUserFromGroup},
 * {@code replaceGroup} (OKTA_GROUP only) and {@code deleteGroup} (OKTA_GROUP and APP_GROUP), answered with their
 * 403. {@code expand}: the {@code listGroups} parameter ("Possible values are stats and app. This additional
 * metadata is listed in the _embedded property of the response"), for every listing form ({@code q},
 * {@code search}, {@code filter}, none).
 */
class EveryoneAndExpandTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;
    private static String everyone;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(40).seed(33L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("everyone"));
        everyone = SandboxClient.ids(client.get("/api/v1/groups?filter=type%20eq%20%22BUILT_IN%22")).get(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static List<String> allIds(String first) {
        List<String> ids = new ArrayList<>();
        HttpResponse<String> page = client.get(first);
        while (true) {
            ids.addAll(SandboxClient.ids(page));
            Optional<String> next = SandboxClient.link(page, "next");
            if (next.isEmpty()) {
                return ids;
            }
            page = client.getUrl(next.get());
        }
    }

    @Test
    void theEveryoneGroupIsBuiltInAndHasEveryUserOfTheOrg() {
        JsonNode group = SandboxClient.json(client.get("/api/v1/groups/" + everyone + "?expand=stats"));

        assertThat(group.get("type").asText()).isEqualTo("BUILT_IN");
        assertThat(group.at("/profile/name").asText()).isEqualTo("Everyone");
        assertThat(group.at("/_embedded/stats/usersCount").asInt()).isEqualTo(sandbox.userCount());
        assertThat(allIds("/api/v1/groups/" + everyone + "/users?limit=7")).hasSize(sandbox.userCount())
                .doesNotHaveDuplicates();
        assertThat(SandboxClient.ids(client.get("/api/v1/groups"))).contains(everyone).hasSize(sandbox.groupCount());
        assertThat(SandboxClient.ids(client.get("/api/v1/groups?q=Ever"))).containsExactly(everyone);
    }

    @Test
    void aNewUserIsInEveryoneAndADeletedOneIsNot() {
        String before = SandboxClient.json(client.get("/api/v1/groups/" + everyone)).get("lastMembershipUpdated").asText();
        String id = SandboxClient.json(client.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":"
                + "\"joiner@example.com\",\"email\":\"joiner@example.com\",\"firstName\":\"Jo\",\"lastName\":\"Iner\"}}"))
                .get("id").asText();

        assertThat(SandboxClient.ids(client.get("/api/v1/users/" + id + "/groups"))).containsExactly(everyone);
        assertThat(allIds("/api/v1/groups/" + everyone + "/users")).contains(id);
        assertThat(SandboxClient.json(client.get("/api/v1/groups/" + everyone)).get("lastMembershipUpdated").asText())
                .isGreaterThan(before);
        client.send("DELETE", "/api/v1/users/" + id, Optional.of("SSWS " + sandbox.createApiToken("d1")));
        client.send("DELETE", "/api/v1/users/" + id, Optional.of("SSWS " + sandbox.createApiToken("d2")));
        assertThat(allIds("/api/v1/groups/" + everyone + "/users")).doesNotContain(id);
    }

    @Test
    void theEveryoneGroupCannotBeRenamedDeletedOrHaveItsMembersChanged() {
        String user = SandboxClient.ids(client.get("/api/v1/users?limit=1")).get(0);
        List<HttpResponse<String>> answers = List.of(
                client.send("PUT", "/api/v1/groups/" + everyone, "{\"profile\":{\"name\":\"All\"}}"),
                client.send("PUT", "/api/v1/groups/" + everyone + "/users/" + user, ""),
                client.send("DELETE", "/api/v1/groups/" + everyone + "/users/" + user, ""),
                client.send("DELETE", "/api/v1/groups/" + everyone, ""));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(SandboxClient.json(answer).get("errorCode").asText()).isEqualTo("E0000006");
        });
        assertThat(SandboxClient.json(client.get("/api/v1/groups/" + everyone)).at("/profile/name").asText())
                .isEqualTo("Everyone");
    }

    @Test
    void expandStatsAndAppWorkWithEveryListingForm() {
        for (String form : List.of("", "q=Eng&", "search=type%20eq%20%22OKTA_GROUP%22&", "filter=type%20eq%20%22OKTA_GROUP%22&")) {
            JsonNode stats = SandboxClient.json(client.get("/api/v1/groups?" + form + "expand=stats"));
            JsonNode app = SandboxClient.json(client.get("/api/v1/groups?" + form + "expand=app"));
            JsonNode plain = SandboxClient.json(client.get("/api/v1/groups?" + form.replaceAll("&$", "")));

            assertThat(stats).as(form).isNotEmpty().allSatisfy(group -> {
                String id = group.get("id").asText();
                assertThat(group.at("/_embedded/stats/usersCount").asInt()).as(form + id)
                        .isEqualTo(allIds("/api/v1/groups/" + id + "/users").size());
            });
            assertThat(app).as(form).isNotEmpty().allSatisfy(group -> {
                assertThat(group.get("_embedded").isObject()).isTrue();
                assertThat(group.get("_embedded").has("app")).as("no sandbox group comes from an app").isFalse();
            });
            assertThat(plain).as(form).isNotEmpty().allSatisfy(group -> assertThat(group.has("_embedded")).isFalse());
        }
        JsonNode both = SandboxClient.json(client.get("/api/v1/groups?q=Everyone&expand=stats,app")).get(0);
        assertThat(both.at("/_embedded/stats/usersCount").asInt()).isEqualTo(sandbox.userCount());
    }

    @Test
    void theEveryoneGroupKeepsItsIdAcrossARestart() {
        String id;
        try (OktaSandbox kept = OktaSandbox.builder().users(3).seed(5L).dataDir(dir).build()) {
            kept.start();
            SandboxClient keptClient = new SandboxClient(kept.orgUrl(), kept.createApiToken("kept"));
            id = SandboxClient.ids(keptClient.get("/api/v1/groups?q=Everyone")).get(0);
        }
        try (OktaSandbox reopened = OktaSandbox.builder().dataDir(dir).build()) {
            reopened.start();
            SandboxClient reopenedClient = new SandboxClient(reopened.orgUrl(), reopened.createApiToken("again"));

            assertThat(SandboxClient.ids(reopenedClient.get("/api/v1/groups?filter=type%20eq%20%22BUILT_IN%22")))
                    .containsExactly(id);
            assertThat(SandboxClient.json(reopenedClient.get("/api/v1/groups/" + id + "?expand=stats"))
                    .at("/_embedded/stats/usersCount").asInt()).isEqualTo(3);
        }
    }
}
