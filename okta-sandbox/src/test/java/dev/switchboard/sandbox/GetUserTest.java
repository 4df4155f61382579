package dev.switchboard.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/users/{idOrLogin} (getUser in the Management API description; case C03). */
class GetUserTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;
    private static String id;
    private static String gone;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(10).build();
        id = sandbox.createUser(Map.of("login", "isaac.brock@example.com", "email", "isaac.brock@example.com"), "ACTIVE");
        gone = sandbox.createUser(Map.of("login", "gone@example.com", "email", "gone@example.com"), "DEPROVISIONED");
        sandbox.createUser(Map.of("login", "a/b@example.com", "email", "ab@example.com"), "ACTIVE");
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("get"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aUserIsFoundById() {
        assertThat(SandboxClient.json(client.get("/api/v1/users/" + id)).get("id").asText()).isEqualTo(id);
    }

    @Test
    void aUserIsFoundByLoginInAnyCase() {
        assertThat(SandboxClient.json(client.get("/api/v1/users/Isaac.Brock%40example.com")).get("id").asText())
                .isEqualTo(id);
    }

    @Test
    void aUserIsFoundByAnUnambiguousShortLogin() {
        assertThat(SandboxClient.json(client.get("/api/v1/users/isaac.brock")).get("id").asText()).isEqualTo(id);
    }

    @Test
    void aDeprovisionedUserIsStillFoundById() {
        assertThat(SandboxClient.json(client.get("/api/v1/users/" + gone)).get("status").asText())
                .isEqualTo("DEPROVISIONED");
    }

    @Test
    void aLoginWithASlashIs405E0000022() {
        assertError(client.get("/api/v1/users/a%2Fb%40example.com"), 405, "E0000022",
                "The endpoint does not support the provided HTTP method");
    }

    @Test
    void anUnknownLoginIs404E0000007() {
        assertError(client.get("/api/v1/users/nobody%40example.com"), 404, "E0000007",
                "Not found: Resource not found: nobody@example.com (User)");
    }
}
