package dev.switchboard.sandbox;

import dev.switchboard.sandbox.store.DataDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * --data-dir: users, groups, memberships, tokens, service apps and log events survive restarts, including a
 * process that dies without closing; tokens are stored hashed; a saved org is not reseeded.
 */
class PersistenceTest {
    @TempDir
    Path dir;

    private static String createUser(SandboxClient client, String login) {
        HttpResponse<String> response = client.post("/api/v1/users", "{\"profile\":{\"login\":\"" + login + "\",\"email\":\""
                + login + "\",\"firstName\":\"Per\",\"lastName\":\"Sisted\",\"badgeNumber\":7},"
                + "\"credentials\":{\"password\":{\"value\":\"Sandbox-Passw0rd\"}}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response).get("id").asText();
    }

    /** Everything an org serves, for before/after comparison. */
    private static List<String> state(SandboxClient client) {
        return List.of(
                client.get("/api/v1/users?search=status%20pr").body(),
                client.get("/api/v1/groups?expand=stats").body(),
                client.get("/api/v1/api-tokens").body(),
                client.get("/api/v1/logs?until=2999-01-01T00:00:00.000Z&limit=1000").body());
    }

    @Test
    void anOrgSurvivesARestartWithNothingLost() throws IOException {
        String token;
        List<String> before;
        String userId;
        String groupId;
        try (OktaSandbox sandbox = OktaSandbox.builder().users(40).seed(3L).dataDir(dir).build()) {
            sandbox.start();
            token = sandbox.createApiToken("persisted");
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), token);
            userId = createUser(client, "kept@example.com");
            groupId = SandboxClient.json(client.post("/api/v1/groups", "{\"profile\":{\"name\":\"Kept\"}}")).get("id").asText();
            client.send("PUT", "/api/v1/groups/" + groupId + "/users/" + userId, "");
            client.post("/api/v1/users/" + userId + "/lifecycle/suspend", "");
            before = state(client);
        }

        try (OktaSandbox reopened = OktaSandbox.builder().users(5).seed(99L).dataDir(dir).build()) {
            reopened.start();
            SandboxClient client = new SandboxClient(reopened.orgUrl(), token);

            List<String> after = state(client);

            assertThat(reopened.userCount()).isEqualTo(41);
            assertThat(after.get(0)).isEqualTo(before.get(0).replace(portOf(before.get(0)), portOf(after.get(0))));
            assertThat(SandboxClient.ids(client.get("/api/v1/groups/" + groupId + "/users"))).containsExactly(userId);
            assertThat(SandboxClient.json(client.get("/api/v1/users/" + userId)).get("status").asText()).isEqualTo("SUSPENDED");
            assertThat(tree(after.get(3)).findValuesAsText("uuid")).isEqualTo(tree(before.get(3)).findValuesAsText("uuid"))
                    .hasSize(5);
            assertThat(tree(after.get(2)).findValuesAsText("id")).isEqualTo(tree(before.get(2)).findValuesAsText("id"));
            assertThat(SandboxClient.json(client.get("/api/v1/users/" + userId)).get("profile").get("badgeNumber").asInt()).isEqualTo(7);
        }
    }

    private static JsonNode tree(String json) throws IOException {
        return new ObjectMapper().readTree(json);
    }

    private static String portOf(String body) {
        int start = body.indexOf("http://127.0.0.1:");
        return body.substring(start, body.indexOf('/', start + "http://".length()));
    }

    @Test
    void aSandboxThatDiesWithoutClosingLosesNothingItAnswered() throws IOException {
        OktaSandbox running = OktaSandbox.builder().users(10).seed(4L).dataDir(dir).build();
        running.start();
        String token = running.createApiToken("crash");
        SandboxClient client = new SandboxClient(running.orgUrl(), token);
        String userId = createUser(client, "survivor@example.com");
        client.post("/api/v1/users/" + userId + "/lifecycle/deactivate", "");
        Path copy = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-copy"));
        for (String name : List.of(DataDirectory.SNAPSHOT, DataDirectory.JOURNAL)) {
            Files.copy(dir.resolve(name), copy.resolve(name));
        }

        try (OktaSandbox recovered = OktaSandbox.builder().dataDir(copy).build()) {
            recovered.start();
            SandboxClient recoveredClient = new SandboxClient(recovered.orgUrl(), token);

            assertThat(SandboxClient.json(recoveredClient.get("/api/v1/users/" + userId)).get("status").asText())
                    .isEqualTo("DEPROVISIONED");
            assertThat(SandboxClient.json(recoveredClient.get("/api/v1/logs")).findValuesAsText("eventType"))
                    .contains("user.lifecycle.create", "user.lifecycle.deactivate");
        } finally {
            running.close();
        }
    }

    @Test
    void aTornLastJournalLineIsIgnoredAndEverythingBeforeItKept() throws IOException {
        String userId;
        String token;
        OktaSandbox running = OktaSandbox.builder().users(3).dataDir(dir).build();
        running.start();
        token = running.createApiToken("torn");
        userId = createUser(new SandboxClient(running.orgUrl(), token), "before.tear@example.com");
        Path copy = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-torn"));
        Files.copy(dir.resolve(DataDirectory.SNAPSHOT), copy.resolve(DataDirectory.SNAPSHOT));
        Files.copy(dir.resolve(DataDirectory.JOURNAL), copy.resolve(DataDirectory.JOURNAL));
        running.close();
        Files.writeString(copy.resolve(DataDirectory.JOURNAL), "{\"kind\":\"user\",\"id\":\"00uTorn\",\"sta",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (OktaSandbox recovered = OktaSandbox.builder().dataDir(copy).build()) {
            recovered.start();
            assertThat(new SandboxClient(recovered.orgUrl(), token).get("/api/v1/users/" + userId).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void secretsAreNeverWrittenToTheDataDirectory() throws IOException {
        String secret;
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).dataDir(dir).build()) {
            sandbox.start();
            secret = sandbox.createApiToken("hashed");
            new SandboxClient(sandbox.orgUrl(), secret).post("/api/v1/users", "{\"profile\":{\"login\":\"pw@example.com\","
                    + "\"email\":\"pw@example.com\",\"firstName\":\"P\",\"lastName\":\"W\"},\"credentials\":{\"password\":"
                    + "{\"value\":\"Very-Secret-Passw0rd\"}}}");
        }

        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(content).as(file.toString()).doesNotContain(secret).doesNotContain("Very-Secret-Passw0rd");
            }
        }
    }

    @Test
    void theSnapshotIsReplacedWholeWithNoTemporaryFileLeft() throws IOException {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(20).dataDir(dir).build()) {
            sandbox.start();
        }

        assertThat(dir.resolve(DataDirectory.SNAPSHOT + ".tmp")).doesNotExist();
        JsonNode snapshot = new ObjectMapper().readTree(dir.resolve(DataDirectory.SNAPSHOT).toFile());
        assertThat(snapshot.get("version").asInt()).isEqualTo(1);
        assertThat(snapshot.get("records").get("user").size()).isEqualTo(20);
        assertThat(Files.size(dir.resolve(DataDirectory.JOURNAL))).isZero();
    }

    @Test
    void aDirectoryInUseCannotBeOpenedTwice() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(1).dataDir(dir).build()) {
            assertThat(sandbox.userCount()).isEqualTo(1);
            assertThatThrownBy(() -> OktaSandbox.builder().dataDir(dir).build())
                    .isInstanceOf(DataDirectory.InUseException.class);
        }
    }

    @Test
    void aTokenIsCreatedOfflineInAStoppedSandboxsDirectory() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).dataDir(dir).build()) {
            sandbox.start();
        }

        OktaSandbox.CreatedToken created = OktaSandbox.createApiToken(dir, "from the CLI");

        assertThat(created.orgUrl()).isEmpty();
        try (OktaSandbox sandbox = OktaSandbox.builder().dataDir(dir).build()) {
            sandbox.start();
            assertThat(new SandboxClient(sandbox.orgUrl(), created.secret()).get("/api/v1/users").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTokenIsCreatedThroughTheSandboxServingTheDirectory() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).dataDir(dir).build()) {
            sandbox.start();

            OktaSandbox.CreatedToken created = OktaSandbox.createApiToken(dir, "while running");

            assertThat(created.orgUrl()).hasValue(sandbox.orgUrl());
            assertThat(new SandboxClient(sandbox.orgUrl(), created.secret()).get("/api/v1/users").statusCode()).isEqualTo(200);
        }
        assertThat(dir.resolve("control.json")).doesNotExist();
    }

    @Test
    void theControlEndpointRefusesRequestsWithoutTheSecret() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).dataDir(dir).build()) {
            sandbox.start();

            HttpResponse<String> response = new SandboxClient(sandbox.orgUrl(), "none").send("POST", "/sandbox/v1/api-tokens",
                    Optional.empty());

            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void creatingATokenInADirectoryWithoutAnOrgIsRefused() {
        assertThatThrownBy(() -> OktaSandbox.createApiToken(dir.resolve("empty"), "nothing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sandbox serve --data-dir");
    }

    /**
     * Issue 16, point 6: OAuth access tokens kept in the data directory, so that a service app's Bearer token keeps
     * working after a restart as an API token does (docs/sandbox.md listed "Access tokens live in memory only" as a
     * gap).
     */
    @Test
    void anOauthAccessTokenSurvivesARestart() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        String accessToken;
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).dataDir(dir).build()) {
            sandbox.start();
            String clientId = sandbox.registerServiceApp("kept app", key.toPublicJWK().toJSONString(),
                    Set.of("okta.users.read"));
            String audience = sandbox.orgUrl() + "/oauth2/v1/token";
            Instant now = Instant.now();
            SignedJWT assertion = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                    new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                            .expirationTime(Date.from(now.plusSeconds(300))).jwtID("jti-kept").build());
            assertion.sign(new RSASSASigner(key));
            HttpResponse<String> granted = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(audience))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                                    + "&scope=okta.users.read&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3A"
                                    + "client-assertion-type%3Ajwt-bearer&client_assertion=" + assertion.serialize()))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            accessToken = tree(granted.body()).get("access_token").asText();
        }
        try (OktaSandbox reopened = OktaSandbox.builder().dataDir(dir).build()) {
            reopened.start();

            HttpResponse<String> listed = new SandboxClient(reopened.orgUrl(), "unused").send("GET", "/api/v1/users",
                    Optional.of("Bearer " + accessToken));

            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain(accessToken);
            }
        }
    }

    @Test
    void serviceAppsSurviveARestart() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        String clientId;
        try (OktaSandbox sandbox = OktaSandbox.builder().users(2).dataDir(dir).build()) {
            clientId = sandbox.registerServiceApp("kept app", key.toPublicJWK().toJSONString(), Set.of("okta.users.read"));
        }
        try (OktaSandbox sandbox = OktaSandbox.builder().dataDir(dir).build()) {
            assertThatThrownBy(() -> sandbox.registerServiceApp("x", key.toJSONString(), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Files.readString(dir.resolve(DataDirectory.SNAPSHOT))).contains(clientId);
        }
    }
}
