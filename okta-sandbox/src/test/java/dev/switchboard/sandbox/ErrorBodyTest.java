package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Okta's error body on every error, and the codes for unknown paths, methods and resources. */
class ErrorBodyTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(5).seed(7L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("errors"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void anErrorBodyHasExactlyOktasFiveProperties() {
        HttpResponse<String> response = client.get("/api/v1/users/00uDoesNotExist00000");
        JsonNode body = SandboxClient.json(response);

        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("errorCode", "errorSummary", "errorLink", "errorId", "errorCauses");
        assertThat(body.get("errorLink").asText()).isEqualTo(body.get("errorCode").asText());
        assertThat(body.get("errorId").asText()).matches("oae[0-9A-Za-z]{22}");
        assertThat(body.get("errorCauses").isArray()).isTrue();
    }

    @Test
    void anErrorIsJson() {
        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.empty());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void everyErrorHasItsOwnErrorId() {
        String first = SandboxClient.json(client.get("/api/v1/nothing")).get("errorId").asText();
        String second = SandboxClient.json(client.get("/api/v1/nothing")).get("errorId").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anUnknownApiPathIs404E0000008() {
        assertError(client.get("/api/v1/widgets"), 404, "E0000008", "The requested path was not found");
    }

    @Test
    void aPathOutsideTheApiIs404E0000008() {
        assertError(client.send("GET", "/favicon.ico", Optional.empty()), 404, "E0000008",
                "The requested path was not found");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405E0000022() {
        assertError(client.send("DELETE", "/api/v1/users", Optional.of("SSWS " + sandbox.createApiToken("m"))),
                405, "E0000022", "The endpoint does not support the provided HTTP method");
    }

    @Test
    void anUnknownUserIs404E0000007NamingTheId() {
        assertError(client.get("/api/v1/users/00uDoesNotExist00000"), 404, "E0000007",
                "Not found: Resource not found: 00uDoesNotExist00000 (User)");
    }

    @Test
    void aPathJettyCannotDecodeIsAnOktaErrorWithTheUsualHeaders() {
        String response = client.rawGet("/api/v1/users/%ZZ");

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).containsIgnoringCase("Content-Type: application/json")
                .containsIgnoringCase("X-Okta-Request-Id: ").containsIgnoringCase("X-Rate-Limit-Remaining: ");
        assertThat(response).contains("\"errorCode\":\"E0000001\"");
    }
}
