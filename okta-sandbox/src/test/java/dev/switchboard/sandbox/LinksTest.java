package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 2: {@code _links} on users and groups as Okta's description shows them. Sources: the
 * {@code User._links} description ("available for the current status of a user ... For an individual user result,
 * the links object contains a full set of link relations available for that user ... For a collection of users, the
 * links object contains only the self link"); the user examples {@code APIDevicesListAllResponse} (an ACTIVE
 * user with a password and recovery question), {@code create-user-without-credentials-response} (STAGED) and
 * {@code ExpirePwdResponse}; each operation's own "perform this operation only on users with ..." rule
 * ({@code activateUser}, {@code reactivateUser}, {@code suspendUser}, {@code unsuspendUser}, {@code unlockUser},
 * {@code changePassword}, {@code changeRecoveryQuestion}, {@code forgotPassword}); the group examples
 * {@code group-example} and {@code list-groups-examples} ({@code logo}, {@code users}, {@code apps}).
 */
class LinksTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(30).seed(21L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("links"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode create(String login, boolean activate, boolean password) {
        String credentials = password ? ",\"credentials\":{\"password\":{\"value\":\"Sandbox-Passw0rd\"},"
                + "\"recovery_question\":{\"question\":\"Who is a major player in the cowboy scene?\",\"answer\":\"Annie Oakley\"}}"
                : "";
        HttpResponse<String> response = client.post("/api/v1/users?activate=" + activate, "{\"profile\":{\"login\":\""
                + login + "\",\"email\":\"" + login + "\",\"firstName\":\"Link\",\"lastName\":\"Test\"}" + credentials + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response);
    }

    private static Set<String> relations(JsonNode user) {
        Set<String> relations = new TreeSet<>();
        user.get("_links").fieldNames().forEachRemaining(relations::add);
        return relations;
    }

    private static JsonNode get(String id) {
        return SandboxClient.json(client.get("/api/v1/users/" + id));
    }

    private static void post(String path) {
        assertThat(client.post(path, "").statusCode()).as(path).isEqualTo(200);
    }

    @Test
    void anActiveUserWithAPasswordAndRecoveryQuestionHasExactlyTheRelationsOfOktasExample() {
        JsonNode user = create("active.links@example.com", true, true);
        Set<String> expected = new TreeSet<>();
        OktaContract.get().example("APIDevicesListAllResponse").at("/1/_embedded/users/0/user/_links")
                .fieldNames().forEachRemaining(expected::add);

        assertThat(user.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(relations(user)).isEqualTo(expected).isEqualTo(relations(get(user.get("id").asText())));
        assertThat(user.at("/_links/suspend/method").asText()).isEqualTo("POST");
        assertThat(user.at("/_links/suspend/href").asText()).isEqualTo(sandbox.orgUrl() + "/api/v1/users/"
                + user.get("id").asText() + "/lifecycle/suspend");
        assertThat(user.at("/_links/self").has("method")).isFalse();
    }

    @Test
    void aStagedUserOffersActivationAsOktasExampleDoes() {
        JsonNode user = create("staged.links@example.com", false, false);
        Set<String> example = new TreeSet<>();
        OktaContract.get().example("create-user-without-credentials-response").path("_links").fieldNames()
                .forEachRemaining(example::add);

        assertThat(relations(user)).containsAll(example)
                .containsExactlyInAnyOrder("activate", "deactivate", "schema", "self", "type");
    }

    @Test
    void eachStatusOffersTheOperationsItAllows() {
        String id = create("walk.links@example.com", true, true).get("id").asText();
        String base = "/api/v1/users/" + id + "/lifecycle/";

        post(base + "suspend");
        assertThat(relations(get(id))).containsExactlyInAnyOrder("unsuspend", "deactivate", "schema", "self", "type");
        post(base + "unsuspend");
        post(base + "expire_password");
        assertThat(relations(get(id))).containsExactlyInAnyOrder("resetPassword", "changePassword", "deactivate",
                "schema", "self", "type");
        post(base + "reset_password?sendEmail=false");
        assertThat(relations(get(id))).containsExactlyInAnyOrder("reactivate", "resetPassword", "changePassword",
                "changeRecoveryQuestion", "deactivate", "schema", "self", "type");
        post(base + "deactivate");
        assertThat(relations(get(id))).containsExactlyInAnyOrder("activate", "schema", "self", "type");
        String locked = sandbox.createUser(Map.of("login", "locked.links@example.com", "email", "locked.links@example.com",
                "firstName", "Locked", "lastName", "Out"), "LOCKED_OUT");
        assertThat(relations(get(locked))).contains("unlock").doesNotContain("suspend", "activate");
        String provisioned = create("provisioned.links@example.com", true, false).get("id").asText();
        assertThat(relations(get(provisioned))).containsExactlyInAnyOrder("reactivate", "resetPassword", "deactivate",
                "schema", "self", "type");
    }

    @Test
    void everyActionLinkOfEveryStatusNamesAnOperationTheSandboxServes() {
        List<String> missing = new ArrayList<>();
        for (String status : List.of("ACTIVE", "SUSPENDED", "LOCKED_OUT", "PASSWORD_EXPIRED", "RECOVERY",
                "PROVISIONED", "STAGED", "DEPROVISIONED")) {
            for (String id : SandboxClient.ids(client.get("/api/v1/users?limit=2&filter=status%20eq%20%22" + status + "%22"))) {
                get(id).get("_links").fields().forEachRemaining(link -> {
                    if (link.getValue().has("method")) {
                        HttpResponse<String> answer = client.getUrl(link.getValue().get("href").asText());
                        if (answer.statusCode() != 405) {
                            missing.add(status + " " + link.getKey() + " -> " + answer.statusCode());
                        }
                    }
                });
            }
        }
        assertThat(missing).as("a GET of a POST-only operation is 405; of a path the sandbox lacks, 404").isEmpty();
    }

    @Test
    void everyActionLinkOfAnActiveUserIsAllowedWhenFollowed() {
        Map<String, String> bodies = Map.of(
                "changePassword", "{\"oldPassword\":{\"value\":\"Sandbox-Passw0rd\"},\"newPassword\":{\"value\":\"Another-Passw0rd1\"}}",
                "changeRecoveryQuestion", "{\"password\":{\"value\":\"Sandbox-Passw0rd\"},\"recovery_question\":"
                        + "{\"question\":\"First pet?\",\"answer\":\"Rex the dog\"}}");
        JsonNode sample = create("follow.sample@example.com", true, true);
        List<String> answers = new ArrayList<>();
        int n = 0;
        for (String relation : relations(sample)) {
            if (!sample.at("/_links/" + relation).has("method")) {
                continue;
            }
            JsonNode user = create("follow" + n++ + "@example.com", true, true);
            URI href = URI.create(user.at("/_links/" + relation + "/href").asText());
            HttpResponse<String> answer = client.post(href.getPath() + "?sendEmail=false", bodies.getOrDefault(relation, ""));
            answers.add(relation + " " + answer.statusCode());
        }
        assertThat(answers).hasSize(7).allSatisfy(answer -> assertThat(answer).endsWith(" 200"));
    }

    @Test
    void aUserInACollectionCarriesOnlyItsSelfLink() {
        JsonNode listed = SandboxClient.json(client.get("/api/v1/users?limit=5"));
        String group = SandboxClient.ids(client.get("/api/v1/groups?limit=1")).get(0);
        JsonNode members = SandboxClient.json(client.get("/api/v1/groups/" + group + "/users?limit=5"));

        assertThat(listed).isNotEmpty().allSatisfy(user -> assertThat(relations(user)).containsExactly("self"));
        assertThat(members).isNotEmpty().allSatisfy(user -> assertThat(relations(user)).containsExactly("self"));
        assertThat(relations(get(listed.get(0).get("id").asText()))).contains("self", "schema", "type");
    }

    @Test
    void aGroupLinksItsLogosMembersAndAppsAsOktasExamples() {
        JsonNode example = OktaContract.get().example("group-example").path("_links");
        JsonNode group = SandboxClient.json(client.get("/api/v1/groups?limit=1")).get(0);
        String id = group.get("id").asText();
        Set<String> expected = new TreeSet<>();
        example.fieldNames().forEachRemaining(expected::add);

        assertThat(relations(group)).isEqualTo(expected);
        assertThat(group.at("/_links/logo/0/href").asText()).isEqualTo(sandbox.orgUrl() + "/img/logos/groups/okta-medium.png");
        assertThat(group.at("/_links/logo/1/name").asText()).isEqualTo("large");
        assertThat(SandboxClient.ids(client.getUrl(group.at("/_links/users/href").asText()))).isNotEmpty();
        assertThat(SandboxClient.json(client.getUrl(group.at("/_links/apps/href").asText()))).isEmpty();
        assertThat(group.at("/_links/apps/href").asText()).endsWith("/api/v1/groups/" + id + "/apps");
    }
}
