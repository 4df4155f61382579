package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 4: System Log events carry every field of Okta's {@code LogEvent} (the schema of the Management API
 * description, whose {@code ListLogs} example shows the shape, nulls included), and {@code legacyEventType} where
 * Okta sends one ("Associated Events API Action objectType attribute value": {@code core.user_group_member.user_add}
 * for {@code group.user_membership.add}, as Okta's event hook samples carry it; none for event types without an
 * Events API counterpart). An event caused through an API token names it in
 * {@code transaction.detail.requestApiTokenId} (the {@code LogTransaction} description).
 */
class LogEventFieldsTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;
    private static String tokenId;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(10).seed(44L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("fields"));
        tokenId = SandboxClient.json(client.get("/api/v1/api-tokens")).get(0).get("id").asText();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode eventsOf(String eventType) {
        return SandboxClient.json(client.get("/api/v1/logs?since=2000-01-01T00:00:00.000Z&until=2999-01-01T00:00:00.000Z"
                + "&filter=eventType%20eq%20%22" + eventType + "%22&limit=1000"));
    }

    private static JsonNode firstOf(String eventType) {
        JsonNode events = eventsOf(eventType);
        assertThat(events).as(eventType).isNotEmpty();
        return events.get(events.size() - 1);
    }

    private static String createUser(String login) {
        return SandboxClient.json(client.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":\"" + login
                + "\",\"email\":\"" + login + "\",\"firstName\":\"Log\",\"lastName\":\"Fields\"}}")).get("id").asText();
    }

    @Test
    void everyEventHasEveryPropertyOfOktasLogEventSchema() {
        createUser("every.field@example.com");
        Set<String> schema = new TreeSet<>();
        OktaContract.get().component("LogEvent").path("properties").fieldNames().forEachRemaining(schema::add);
        JsonNode event = firstOf("user.lifecycle.create");

        Set<String> fields = new TreeSet<>();
        event.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isEqualTo(schema);
        for (String nested : List.of("LogActor", "LogClient", "LogAuthenticationContext", "LogOutcome", "LogSecurityContext",
                "LogTransaction", "LogUserAgent")) {
            assertThat(OktaContract.get().component(nested).path("properties").isObject()).isTrue();
        }
        assertThat(names(event.get("actor"))).containsAll(names(OktaContract.get().component("LogActor").get("properties")));
        assertThat(names(event.get("client"))).containsAll(names(OktaContract.get().component("LogClient").get("properties")));
        assertThat(names(event.get("authenticationContext")))
                .containsAll(names(OktaContract.get().component("LogAuthenticationContext").get("properties")));
        assertThat(names(event.get("outcome"))).containsAll(names(OktaContract.get().component("LogOutcome").get("properties")));
        assertThat(names(event.at("/target/0"))).containsAll(List.of("id", "type", "alternateId", "displayName", "detailEntry"));
        assertThat(names(event.at("/request/ipChain/0"))).containsAll(List.of("ip", "geographicalContext", "version", "source"));
        assertThat(event.at("/debugContext/debugData/url").asText()).isEqualTo("/api/v1/users?activate=false");
    }

    @Test
    void legacyEventTypeIsThereWhereOktaSendsOneAndAbsentElsewhere() {
        String user = createUser("legacy@example.com");
        String group = SandboxClient.json(client.post("/api/v1/groups", "{\"profile\":{\"name\":\"Legacy group\"}}"))
                .get("id").asText();
        client.send("PUT", "/api/v1/groups/" + group + "/users/" + user, "");

        assertThat(firstOf("group.user_membership.add").get("legacyEventType").asText())
                .isEqualTo("core.user_group_member.user_add");
        assertThat(firstOf("user.lifecycle.create").get("legacyEventType").asText())
                .isEqualTo("core.user.config.user_creation.success");
        assertThat(firstOf("user.session.start").get("legacyEventType").asText())
                .as("the description's ListLogs example").isEqualTo("core.user_auth.login_success");
        assertThat(firstOf("group.lifecycle.create").has("legacyEventType")).isFalse();
    }

    @Test
    void anEventMadeThroughAnApiTokenNamesTheToken() {
        createUser("by.token@example.com");

        JsonNode event = firstOf("user.lifecycle.create");

        assertThat(event.at("/transaction/type").asText()).isEqualTo("WEB");
        assertThat(event.at("/transaction/detail/requestApiTokenId").asText()).isEqualTo(tokenId);
        assertThat(event.at("/transaction/id").asText()).isEqualTo(event.at("/debugContext/debugData/requestId").asText());
        assertThat(event.at("/client/zone").asText()).isEqualTo("null");
        assertThat(event.at("/authenticationContext/authenticationStep").asInt()).isZero();
        assertThat(event.at("/outcome/reason").isNull()).isTrue();
        assertThat(event.at("/actor/detailEntry").isNull()).isTrue();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
