package dev.switchboard.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SSWS authentication on /api/v1, and the 401/403 answers Okta gives (OKTA-WIRE.md "Authentication"). */
class AuthenticationTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().port(0).users(20).seed(42L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("Agent Studio Connector"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aNewTokenListsUsersWithTheSswsScheme() {
        String token = sandbox.createApiToken("Agent Studio Connector");

        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("SSWS " + token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.json(response).isArray()).isTrue();
        assertThat(SandboxClient.json(response)).isNotEmpty();
    }

    @Test
    void createdTokensAreFortyTwoCharactersStartingWith00() {
        assertThat(sandbox.createApiToken("another")).matches("00[0-9A-Za-z]{40}");
    }

    @Test
    void anUnknownTokenIs401E0000011() {
        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("SSWS not-a-token"));

        assertError(response, 401, "E0000011", "Invalid token provided");
    }

    @Test
    void aMissingAuthorizationHeaderIs403E0000005() {
        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.empty());

        assertError(response, 403, "E0000005", "Invalid session");
    }

    @Test
    void anUnsupportedSchemeIs403E0000005() {
        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("Basic dXNlcjpwYXNz"));

        assertError(response, 403, "E0000005", "Invalid session");
    }

    @Test
    void aSchemeWithoutCredentialIs403E0000005() {
        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("SSWS"));

        assertError(response, 403, "E0000005", "Invalid session");
    }

    @Test
    void anOAuthAccessTokenSentWithTheSswsSchemeIs401E0000011() {
        String jwt = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0" + "." + "eyJzdWIiOiIwMHUxIiwic2NwIjpbIm9rdGEudXNlcnMucmVhZCJdfQ"
                + "." + "c2lnbmF0dXJl";

        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("SSWS " + jwt));

        assertError(response, 401, "E0000011", "Invalid token provided");
    }

    @Test
    void aBearerTokenIs401E0000011() {
        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("Bearer eyJhbGciOiJub25lIn0.e30."));

        assertError(response, 401, "E0000011", "Invalid token provided");
    }

    @Test
    void aRevokedTokenIs401E0000011() {
        String token = sandbox.createApiToken("short-lived");
        assertThat(sandbox.revokeApiToken(token)).isTrue();

        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("SSWS " + token));

        assertError(response, 401, "E0000011", "Invalid token provided");
    }

    @Test
    void theSchemeNameIsCaseInsensitive() {
        String token = sandbox.createApiToken("lower-case scheme");

        HttpResponse<String> response = client.send("GET", "/api/v1/users", Optional.of("ssws " + token));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    static void assertError(HttpResponse<String> response, int status, String code, String summary) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(SandboxClient.json(response).get("errorCode").asText()).isEqualTo(code);
        assertThat(SandboxClient.json(response).get("errorSummary").asText()).isEqualTo(summary);
    }
}
