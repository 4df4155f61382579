package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens: the /api/v1/api-tokens endpoints, expiry after the inactivity window, and a deactivated creator's
 * tokens (ApiToken operations of the Management API description; OKTA-WIRE.md "Authentication").
 */
class ApiTokensTest {

    @Test
    void tokensAreListedWithOktasFieldsAndNeverTheirSecret() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).build()) {
            sandbox.start();
            String secret = sandbox.createApiToken("Agent Studio Connector");
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), secret);

            HttpResponse<String> response = client.get("/api/v1/api-tokens");

            JsonNode token = SandboxClient.json(response).get(0);
            assertThat(token.get("id").asText()).matches("00T[0-9A-Za-z]{17}");
            assertThat(token.get("name").asText()).isEqualTo("Agent Studio Connector");
            assertThat(token.get("tokenWindow").asText()).isEqualTo("P30D");
            assertThat(token.get("clientName").asText()).isEqualTo("Okta API");
            assertThat(token.get("network").get("connection").asText()).isEqualTo("ANYWHERE");
            assertThat(response.body()).doesNotContain(secret).doesNotContain(secret.substring(2, 20));
        }
    }

    @Test
    void aTokenCanBeReadRenamedAndRevokedById() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("admin"));
            String other = sandbox.createApiToken("to revoke");
            String id = SandboxClient.json(client.get("/api/v1/api-tokens")).get(1).get("id").asText();

            assertThat(SandboxClient.json(client.get("/api/v1/api-tokens/" + id)).get("name").asText()).isEqualTo("to revoke");
            assertThat(SandboxClient.json(client.send("PUT", "/api/v1/api-tokens/" + id, "{\"name\":\"renamed\"}"))
                    .get("name").asText()).isEqualTo("renamed");
            assertThat(client.send("DELETE", "/api/v1/api-tokens/" + id, "").statusCode()).isEqualTo(204);

            assertError(client.send("GET", "/api/v1/users", Optional.of("SSWS " + other)), 401, "E0000011",
                    "Invalid token provided");
            assertError(client.get("/api/v1/api-tokens/" + id), 404, "E0000007",
                    "Not found: Resource not found: " + id + " (ApiToken)");
        }
    }

    @Test
    void deletingTheCurrentTokenRevokesTheOneTheRequestCarries() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("self-destruct"));

            assertThat(client.send("DELETE", "/api/v1/api-tokens/current", "").statusCode()).isEqualTo(204);

            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aTokenExpiresAfterItsWindowWithoutUseAndEachUseRenewsIt() {
        RateLimitTest.MutableClock clock = new RateLimitTest.MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).clock(clock).tokenWindow(Duration.ofSeconds(60)).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("short-lived"));

            clock.advance(Duration.ofSeconds(50));
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(50));
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(61));

            assertError(client.get("/api/v1/users"), 401, "E0000011", "Invalid token provided");
        }
    }

    @Test
    void aDeactivatedCreatorsTokensStopWorking() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).build()) {
            sandbox.start();
            SandboxClient admin = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("super admin"));
            String helper = sandbox.createUser(Map.of("login", "helper.admin@example.com", "email",
                    "helper.admin@example.com", "firstName", "Helper", "lastName", "Admin"), "ACTIVE");
            SandboxClient helperClient = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("helper's", helper));
            assertThat(helperClient.get("/api/v1/users/me").statusCode()).isEqualTo(200);
            assertThat(SandboxClient.json(helperClient.get("/api/v1/users/me")).get("id").asText()).isEqualTo(helper);

            admin.post("/api/v1/users/" + helper + "/lifecycle/deactivate", "");

            assertError(helperClient.get("/api/v1/users"), 401, "E0000011", "Invalid token provided");
            assertThat(admin.get("/api/v1/users").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void revokingATokenRecordsAnEvent() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("admin"));
            sandbox.createApiToken("doomed");
            String id = SandboxClient.json(client.get("/api/v1/api-tokens")).get(1).get("id").asText();

            client.send("DELETE", "/api/v1/api-tokens/" + id, "");

            JsonNode event = SandboxClient.json(client.get("/api/v1/logs")).get(0);
            assertThat(event.get("eventType").asText()).isEqualTo("system.api_token.revoke");
            assertThat(event.get("target").get(0).get("id").asText()).isEqualTo(id);
        }
    }
}
