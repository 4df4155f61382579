package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The System Log: changes made through the API record events, and GET /api/v1/logs serves them with bounded and
 * polling semantics (listLogEvents in the Management API description; OKTA-WIRE.md; case C12).
 */
class SystemLogTest {
    private OktaSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = OktaSandbox.builder().users(3).seed(8L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("logs"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String createUser(String login) {
        HttpResponse<String> response = client.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":\"" + login
                + "\",\"email\":\"" + login + "\",\"firstName\":\"Log\",\"lastName\":\"Gen\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response).get("id").asText();
    }

    private static List<String> types(HttpResponse<String> response) {
        List<String> types = new ArrayList<>();
        SandboxClient.json(response).forEach(event -> types.add(event.get("eventType").asText()));
        return types;
    }

    @Test
    void aSeededOrgStartsWithItsUsersCreationsAndLastSignInsInThePast() {
        JsonNode events = SandboxClient.json(client.get("/api/v1/logs?since=2000-01-01T00:00:00.000Z&until=2030-01-01T00:00:00.000Z&limit=1000"));
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("eventType").asText()));
        assertThat(types).contains("user.lifecycle.create", "user.session.start");
        assertThat(types.stream().filter("user.lifecycle.create"::equals)).hasSize(3);
        String first = events.get(0).get("uuid").asText();
        try (OktaSandbox again = OktaSandbox.builder().users(3).seed(8L).build()) {
            again.start();
            JsonNode replay = SandboxClient.json(new SandboxClient(again.orgUrl(), again.createApiToken("logs"))
                    .get("/api/v1/logs?since=2000-01-01T00:00:00.000Z&until=2030-01-01T00:00:00.000Z&limit=1000"));
            assertThat(replay.get(0).get("uuid").asText()).as("the same seed gives the same log").isEqualTo(first);
        }
    }

    @Test
    void creatingAUserRecordsUserLifecycleCreateWithTheAdminAsActorAndTheUserAsTarget() {
        String id = createUser("logged@example.com");

        JsonNode events = SandboxClient.json(client.get("/api/v1/logs"));

        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("eventType").asText()).isEqualTo("user.lifecycle.create");
        assertThat(event.get("actor").get("type").asText()).isEqualTo("User");
        assertThat(event.get("target").get(0).get("id").asText()).isEqualTo(id);
        assertThat(event.get("target").get(0).get("alternateId").asText()).isEqualTo("logged@example.com");
        assertThat(event.get("outcome").get("result").asText()).isEqualTo("SUCCESS");
        assertThat(event.get("uuid").asText()).hasSize(36);
    }

    @Test
    void lifecycleMembershipAndGroupChangesEachRecordTheirEventType() {
        String id = createUser("many.events@example.com");
        client.post("/api/v1/users/" + id + "/lifecycle/activate?sendEmail=false", "");
        String group = SandboxClient.json(client.post("/api/v1/groups", "{\"profile\":{\"name\":\"Logged\"}}")).get("id").asText();
        client.send("PUT", "/api/v1/groups/" + group + "/users/" + id, "");
        client.post("/api/v1/users/" + id + "/lifecycle/deactivate", "");

        assertThat(types(client.get("/api/v1/logs"))).containsExactly("user.lifecycle.create",
                "user.lifecycle.activate", "group.lifecycle.create", "group.user_membership.add",
                "user.lifecycle.deactivate");
    }

    /** Case C12 of shared/cases/okta-wire-cases.md. */
    @Test
    void aSinceThatIsNotIso8601Is400() {
        assertError(client.get("/api/v1/logs?since=yesterday"), 400, "E0000001", "Api validation failed: since");
    }

    @Test
    void aBoundedRequestEndsWithoutANextLink() {
        for (int i = 0; i < 5; i++) {
            createUser("bounded" + i + "@example.com");
        }
        String until = "2999-01-01T00:00:00.000Z";

        HttpResponse<String> first = client.get("/api/v1/logs?limit=3&until=" + until);
        HttpResponse<String> second = client.getUrl(SandboxClient.link(first, "next").orElseThrow());

        assertThat(SandboxClient.json(first)).hasSize(3);
        assertThat(SandboxClient.json(second)).hasSize(2);
        assertThat(SandboxClient.link(second, "next")).isEmpty();
    }

    @Test
    void pollingAlwaysGivesANextLinkThatLaterReturnsNewEvents() {
        createUser("before.poll@example.com");
        HttpResponse<String> first = client.get("/api/v1/logs");
        HttpResponse<String> empty = client.getUrl(SandboxClient.link(first, "next").orElseThrow());
        assertThat(SandboxClient.json(empty)).isEmpty();
        String next = SandboxClient.link(empty, "next").orElseThrow();

        createUser("after.poll@example.com");
        HttpResponse<String> later = client.getUrl(next);

        assertThat(SandboxClient.json(later)).hasSize(1);
        assertThat(SandboxClient.json(later).get(0).get("target").get(0).get("alternateId").asText())
                .isEqualTo("after.poll@example.com");
        assertThat(SandboxClient.link(later, "next")).isPresent();
    }

    @Test
    void descendingListsTheNewestFirst() {
        createUser("first@example.com");
        createUser("second@example.com");

        JsonNode events = SandboxClient.json(client.get("/api/v1/logs?sortOrder=DESCENDING"));

        assertThat(events.get(0).get("target").get(0).get("alternateId").asText()).isEqualTo("second@example.com");
    }

    @Test
    void aFilterSelectsByEventTypeAndATargetId() {
        String id = createUser("filtered@example.com");
        client.post("/api/v1/users/" + id + "/lifecycle/activate", "");
        createUser("other@example.com");

        assertThat(types(client.get("/api/v1/logs?filter=target.id%20eq%20%22" + id + "%22")))
                .containsExactly("user.lifecycle.create", "user.lifecycle.activate");
        assertThat(types(client.get("/api/v1/logs?filter=eventType%20eq%20%22user.lifecycle.activate%22")))
                .containsExactly("user.lifecycle.activate");
    }

    @Test
    void aBadFilterIs400E0000053() {
        assertError(client.get("/api/v1/logs?filter=eventType%20eq"), 400, "E0000053", "Invalid SCIM filter.");
    }

    @Test
    void keywordsMustAllAppear() {
        createUser("keyword.one@example.com");
        createUser("keyword.two@example.com");

        assertThat(SandboxClient.json(client.get("/api/v1/logs?q=keyword.two%20create"))).hasSize(1);
    }

    @Test
    void aBadSortOrderOrLimitIs400() {
        assertError(client.get("/api/v1/logs?sortOrder=sideways"), 400, "E0000001", "Api validation failed: sortOrder");
        assertError(client.get("/api/v1/logs?limit=many"), 400, "E0000001", "Api validation failed: limit");
    }

    @Test
    void changesThroughTheJavaApiAreNotLogged() {
        sandbox.createUser(Map.of("login", "quiet@example.com", "email", "quiet@example.com"), "ACTIVE");

        assertThat(SandboxClient.json(client.get("/api/v1/logs"))).isEmpty();
    }
}
