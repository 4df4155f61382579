package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating, updating, replacing and deleting users over HTTP, and the lifecycle answers (createUser, updateUser,
 * replaceUser, deleteUser and the UserLifecycle operations of the Management API description; OKTA-WIRE.md
 * "Users"; cases C13, C15).
 */
class UserWritesTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(5).seed(5L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("writes"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String profile(String login) {
        return "{\"login\":\"" + login + "\",\"email\":\"" + login + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                + "\"department\":\"Engineering\",\"title\":\"Analyst\"}";
    }

    private static JsonNode created(String login, String query, String credentials) {
        HttpResponse<String> response = client.post("/api/v1/users" + query,
                "{\"profile\":" + profile(login) + (credentials.isEmpty() ? "" : ",\"credentials\":" + credentials) + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response);
    }

    @Test
    void aBodyThatIsNotJsonIs400E0000003() {
        assertError(client.post("/api/v1/users", "{\"profile\":"), 400, "E0000003", "The request body was not well-formed.");
        assertError(client.post("/api/v1/users", "[]"), 400, "E0000003", "The request body was not well-formed.");
    }

    @Test
    void aMissingRequiredProfileFieldIs400E0000001NamingIt() {
        HttpResponse<String> response = client.post("/api/v1/users",
                "{\"profile\":{\"login\":\"nofirst@example.com\",\"email\":\"nofirst@example.com\",\"lastName\":\"X\"}}");

        assertError(response, 400, "E0000001", "Api validation failed: firstName");
        assertThat(SandboxClient.json(response).get("errorCauses").get(0).get("errorSummary").asText())
                .isEqualTo("firstName: The field cannot be left blank");
    }

    @Test
    void withoutActivationTheUserIsStagedWithNullTimestamps() {
        JsonNode user = created("staged.http@example.com", "?activate=false", "");

        assertThat(user.get("status").asText()).isEqualTo("STAGED");
        assertThat(user.get("activated").isNull()).isTrue();
        assertThat(user.get("statusChanged").isNull()).isTrue();
    }

    @Test
    void aPasswordShorterThanEightCharactersIs400E0000001() {
        HttpResponse<String> response = client.post("/api/v1/users", "{\"profile\":" + profile("short.pw@example.com")
                + ",\"credentials\":{\"password\":{\"value\":\"abc\"}}}");

        assertError(response, 400, "E0000001", "Api validation failed: password");
    }

    /** Case C15 of shared/cases/okta-wire-cases.md. */
    @Test
    void aPartialUpdateOfTheDepartmentLeavesEverythingElse() {
        JsonNode user = created("partial.http@example.com", "", "{\"password\":{\"value\":\"Sandbox-Passw0rd\"}}");

        HttpResponse<String> response = client.post("/api/v1/users/" + user.get("id").asText(),
                "{\"profile\":{\"department\":\"Research\"}}");

        JsonNode updated = SandboxClient.json(response);
        assertThat(updated.get("profile").get("department").asText()).isEqualTo("Research");
        assertThat(updated.get("profile").get("title").asText()).isEqualTo("Analyst");
        assertThat(updated.get("profile").get("firstName").asText()).isEqualTo("Ada");
        assertThat(updated.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anExplicitNullClearsAPropertyInAPartialUpdate() {
        JsonNode user = created("nulls.http@example.com", "", "");

        JsonNode updated = SandboxClient.json(client.post("/api/v1/users/" + user.get("id").asText(),
                "{\"profile\":{\"title\":null}}"));

        assertThat(updated.get("profile").get("title").isNull()).isTrue();
        assertThat(updated.get("profile").get("department").asText()).isEqualTo("Engineering");
    }

    @Test
    void anExplicitNullOnARequiredPropertyIs400E0000001() {
        JsonNode user = created("required.http@example.com", "", "");

        assertError(client.post("/api/v1/users/" + user.get("id").asText(), "{\"profile\":{\"lastName\":null}}"),
                400, "E0000001", "Api validation failed: lastName");
    }

    @Test
    void aFullReplaceDropsOmittedProfileProperties() {
        JsonNode user = created("replace.http@example.com", "", "");

        JsonNode replaced = SandboxClient.json(client.send("PUT", "/api/v1/users/" + user.get("id").asText(),
                "{\"profile\":{\"login\":\"replace.http@example.com\",\"email\":\"replace.http@example.com\","
                        + "\"firstName\":\"Ada\",\"lastName\":\"Byron\"}}"));

        assertThat(replaced.get("profile").get("lastName").asText()).isEqualTo("Byron");
        assertThat(replaced.get("profile").has("department")).isFalse();
    }

    @Test
    void aFullReplaceWithoutARequiredPropertyIs400E0000001() {
        JsonNode user = created("replace.missing@example.com", "", "");

        assertError(client.send("PUT", "/api/v1/users/" + user.get("id").asText(),
                "{\"profile\":{\"login\":\"replace.missing@example.com\",\"firstName\":\"A\",\"lastName\":\"B\"}}"),
                400, "E0000001", "Api validation failed: email");
    }

    @Test
    void changingTheLoginToAnotherUsersIs400E0000001() {
        created("taken.http@example.com", "", "");
        JsonNode user = created("mover.http@example.com", "", "");

        HttpResponse<String> response = client.post("/api/v1/users/" + user.get("id").asText(),
                "{\"profile\":{\"login\":\"Taken.Http@example.com\"}}");

        assertError(response, 400, "E0000001", "Api validation failed: login");
        assertThat(SandboxClient.json(response).get("errorCauses").get(0).get("errorSummary").asText())
                .isEqualTo("login: An object with this field already exists in the current organization");
    }

    /** Case C13 of shared/cases/okta-wire-cases.md. */
    @Test
    void activatingAStagedUserWithoutEmailGivesTheActivationLinkAndProvisionsIt() {
        JsonNode user = created("activate.c13@example.com", "?activate=false", "");
        String id = user.get("id").asText();

        HttpResponse<String> response = client.post("/api/v1/users/" + id + "/lifecycle/activate?sendEmail=false", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode activation = SandboxClient.json(response);
        assertThat(activation.get("activationToken").asText()).matches("[0-9A-Za-z]{20}");
        assertThat(activation.get("activationUrl").asText())
                .isEqualTo(sandbox.orgUrl() + "/tokens/" + activation.get("activationToken").asText() + "/verify");
        assertThat(SandboxClient.json(client.get("/api/v1/users/" + id)).get("status").asText()).isEqualTo("PROVISIONED");
    }

    @Test
    void activatingAStagedUserWithAPasswordMakesItActive() {
        JsonNode user = created("activate.pw@example.com", "?activate=false", "{\"password\":{\"value\":\"Sandbox-Passw0rd\"}}");

        client.post("/api/v1/users/" + user.get("id").asText() + "/lifecycle/activate?sendEmail=true", "");

        JsonNode after = SandboxClient.json(client.get("/api/v1/users/" + user.get("id").asText()));
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.get("activated").isNull()).isFalse();
    }

    @Test
    void aLifecycleOperationOnAnUnknownUserIs404E0000007() {
        assertError(client.post("/api/v1/users/00uNobody0000000000/lifecycle/suspend", ""), 404, "E0000007",
                "Not found: Resource not found: 00uNobody0000000000 (User)");
    }

    @Test
    void anUnknownLifecycleOperationIs404E0000008() {
        JsonNode user = created("unknownop@example.com", "", "");

        assertError(client.post("/api/v1/users/" + user.get("id").asText() + "/lifecycle/teleport", ""), 404,
                "E0000008", "The requested path was not found");
    }

    @Test
    void deactivatingADeprovisionedUserIs403E0000038() {
        String id = created("twice.deactivated@example.com", "", "").get("id").asText();
        client.post("/api/v1/users/" + id + "/lifecycle/deactivate", "");

        assertError(client.post("/api/v1/users/" + id + "/lifecycle/deactivate", ""), 403, "E0000038",
                "This operation is not allowed in the user's current status.");
    }

    @Test
    void aUserCarriesAnEtag() {
        String id = created("etag@example.com", "", "").get("id").asText();

        assertThat(client.get("/api/v1/users/" + id).headers().firstValue("ETag").orElseThrow()).startsWith("W/\"");
    }

    @Test
    void deleteAnswers204TwiceAndThenTheUserIsGone() {
        String id = created("gone@example.com", "", "").get("id").asText();

        assertThat(client.send("DELETE", "/api/v1/users/" + id, java.util.Optional.of("SSWS " + token())).statusCode()).isEqualTo(204);
        assertThat(client.send("DELETE", "/api/v1/users/" + id, java.util.Optional.of("SSWS " + token())).statusCode()).isEqualTo(204);

        assertThat(client.get("/api/v1/users/" + id).statusCode()).isEqualTo(404);
    }

    private static String token() {
        return sandbox.createApiToken("delete");
    }
}
