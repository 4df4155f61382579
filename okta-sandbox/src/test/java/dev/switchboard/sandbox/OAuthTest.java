package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth 2.0 for service apps: client_credentials with private_key_jwt at /oauth2/v1/token, Bearer access tokens
 * and their scopes per endpoint (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/;
 * case C11).
 */
class OAuthTest {
    private static OktaSandbox sandbox;
    private static RSAKey key;
    private static RSAKey otherKey;
    private static String readerId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("agent-key").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("agent-key").generate();
        sandbox = OktaSandbox.builder().users(5).build();
        sandbox.start();
        readerId = sandbox.registerServiceApp("Switchboard Agent", key.toPublicJWK().toJSONString(),
                Set.of("okta.users.read", "okta.logs.read"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String assertion(String clientId, RSAKey signer, String audience, String jti) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static HttpResponse<String> token(String scope, String assertion) {
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                + "&client_assertion=" + assertion;
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + "/oauth2/v1/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String accessToken(String scope) throws JOSEException {
        HttpResponse<String> response = token(scope, assertion(readerId, key, sandbox.orgUrl() + "/oauth2/v1/token",
                UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response).get("access_token").asText();
    }

    private static HttpResponse<String> bearer(String accessToken, String path) {
        return new SandboxClient(sandbox.orgUrl(), "unused").send("GET", path, Optional.of("Bearer " + accessToken));
    }

    @Test
    void aSignedAssertionGetsABearerTokenWithTheGrantedScopes() throws JOSEException {
        HttpResponse<String> response = token("okta.users.read", assertion(readerId, key,
                sandbox.orgUrl() + "/oauth2/v1/token", UUID.randomUUID().toString()));

        JsonNode body = SandboxClient.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("okta.users.read");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void theBearerTokenReadsUsers() throws JOSEException {
        assertThat(bearer(accessToken("okta.users.read"), "/api/v1/users").statusCode()).isEqualTo(200);
    }

    @Test
    void anEndpointNeedingAScopeTheTokenLacksIs403E0000006() throws JOSEException {
        String token = accessToken("okta.users.read");

        assertError(bearer(token, "/api/v1/groups"), 403, "E0000006",
                "You do not have permission to perform the requested action");
        assertError(bearer(token, "/api/v1/logs"), 403, "E0000006",
                "You do not have permission to perform the requested action");
    }

    @Test
    void writingUsersNeedsTheManageScope() throws JOSEException {
        String token = accessToken("okta.users.read");
        HttpResponse<String> response = new SandboxClient(sandbox.orgUrl(), "unused").send("POST", "/api/v1/users/me/lifecycle/suspend",
                Optional.of("Bearer " + token));

        assertError(response, 403, "E0000006", "You do not have permission to perform the requested action");
    }

    @Test
    void aScopeTheAppWasNotGrantedIsInvalidScope() throws JOSEException {
        HttpResponse<String> response = token("okta.users.manage", assertion(readerId, key,
                sandbox.orgUrl() + "/oauth2/v1/token", UUID.randomUUID().toString()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxClient.json(response).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsInvalidClient() throws JOSEException {
        HttpResponse<String> response = token("okta.users.read", assertion(readerId, otherKey,
                sandbox.orgUrl() + "/oauth2/v1/token", UUID.randomUUID().toString()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SandboxClient.json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aReplayedAssertionIsInvalidClient() throws JOSEException {
        String assertion = assertion(readerId, key, sandbox.orgUrl() + "/oauth2/v1/token", "once");
        assertThat(token("okta.users.read", assertion).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = token("okta.users.read", assertion);

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(SandboxClient.json(replay).get("error_description").asText()).contains("jti");
    }

    @Test
    void anAssertionForAnotherAudienceIsInvalidClient() throws JOSEException {
        HttpResponse<String> response = token("okta.users.read", assertion(readerId, key,
                "https://elsewhere.example.com/oauth2/v1/token", UUID.randomUUID().toString()));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /** Case C11 of shared/cases/okta-wire-cases.md. */
    @Test
    void anAccessTokenSentWithTheSswsSchemeIs401E0000011() throws JOSEException {
        String token = accessToken("okta.users.read");

        assertError(new SandboxClient(sandbox.orgUrl(), "unused").send("GET", "/api/v1/users", Optional.of("SSWS " + token)),
                401, "E0000011", "Invalid token provided");
    }

    @Test
    void anApiTokenSentAsBearerIs401E0000011() {
        assertError(bearer(sandbox.createApiToken("not a bearer"), "/api/v1/users"), 401, "E0000011",
                "Invalid token provided");
    }

    @Test
    void anUnsupportedGrantTypeIsAnOAuthError() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + "/oauth2/v1/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(SandboxClient.json(response).get("error").asText()).isEqualTo("unsupported_grant_type");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePublicKeyMustNotBeAPrivateOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.registerServiceApp("leaky", key.toJSONString(),
                Set.of("okta.users.read"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public");
    }
}
