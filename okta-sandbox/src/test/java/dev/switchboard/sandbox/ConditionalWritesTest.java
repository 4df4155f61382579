package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 6, the gaps a client meets in ordinary use:
 * <ul>
 *   <li>{@code If-Match} on {@code updateUser} and {@code replaceUser} ("The ETag value of the user's expected
 *       current state. This becomes a conditional request used for concurrency control"), the {@code Etag} header
 *       of {@code getUser}; a failed precondition is 412 (RFC 9110 section 13.1.1).</li>
 *   <li>{@code strict} on updates ("If true, validates against minimum age and history password policy").</li>
 *   <li>Asynchronous activation and deactivation ({@code activateUser}: "Activation of a user is an asynchronous
 *       operation. The user has the transitioningToStatus property with an ACTIVE value during activation";
 *       {@code deactivateUser} likewise) and E0000112, a 409 for updating a user still being activated
 *       (OKTA-WIRE.md).</li>
 *   <li>The credential operations the links name ({@code changePassword}, {@code changeRecoveryQuestion},
 *       {@code forgotPassword} of the {@code UserCred} tag), with Okta's E0000014 for a wrong current password.</li>
 * </ul>
 */
class ConditionalWritesTest {
    private static final String PASSWORD = "Sandbox-Passw0rd";

    private static JsonNode create(SandboxClient client, String login, boolean activate) {
        HttpResponse<String> response = client.post("/api/v1/users?activate=" + activate, "{\"profile\":{\"login\":\""
                + login + "\",\"email\":\"" + login + "\",\"firstName\":\"Cond\",\"lastName\":\"Itional\"},"
                + "\"credentials\":{\"password\":{\"value\":\"" + PASSWORD + "\"},\"recovery_question\":{\"question\":"
                + "\"First pet?\",\"answer\":\"Rex the dog\"}}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response);
    }

    private static String errorCode(HttpResponse<String> response) {
        return SandboxClient.json(response).path("errorCode").asText();
    }

    @Test
    void anUpdateWithTheCurrentEtagSucceedsAndOneWithAStaleEtagIs412AndChangesNothing() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("etag"));
            String id = create(client, "etag@example.com", false).get("id").asText();
            String etag = client.get("/api/v1/users/" + id).headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> first = client.send("POST", "/api/v1/users/" + id, "{\"profile\":{\"title\":\"One\"}}",
                    Map.of("If-Match", etag));
            HttpResponse<String> stale = client.send("POST", "/api/v1/users/" + id, "{\"profile\":{\"title\":\"Two\"}}",
                    Map.of("If-Match", etag));
            HttpResponse<String> fresh = client.send("PUT", "/api/v1/users/" + id, "{\"profile\":{\"login\":"
                    + "\"etag@example.com\",\"email\":\"etag@example.com\",\"firstName\":\"C\",\"lastName\":\"I\","
                    + "\"title\":\"Three\"}}", Map.of("If-Match", first.headers().firstValue("ETag").orElseThrow()));
            HttpResponse<String> any = client.send("POST", "/api/v1/users/" + id, "{\"profile\":{\"title\":\"Four\"}}",
                    Map.of("If-Match", "*"));

            assertThat(etag).matches("W/\"[0-9a-f]{16}\"");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
            assertThat(stale.statusCode()).isEqualTo(412);
            assertThat(errorCode(stale)).isEqualTo("E0000001");
            assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
            assertThat(any.statusCode()).isEqualTo(200);
            assertThat(SandboxClient.json(client.get("/api/v1/users/" + id)).at("/profile/title").asText()).isEqualTo("Four");
        }
    }

    @Test
    void aStrictUpdateRefusesARecentPasswordAndAPlainOneAcceptsIt() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("strict"));
            String id = create(client, "strict@example.com", true).get("id").asText();
            String body = "{\"credentials\":{\"password\":{\"value\":\"" + PASSWORD + "\"}}}";

            HttpResponse<String> strict = client.post("/api/v1/users/" + id + "?strict=true", body);
            HttpResponse<String> plain = client.post("/api/v1/users/" + id, body);

            assertThat(strict.statusCode()).isEqualTo(400);
            assertThat(SandboxClient.json(strict).at("/errorCauses/0/errorSummary").asText())
                    .isEqualTo("password: Password has been used too recently");
            assertThat(plain.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anActivationInProgressShowsTransitioningToStatusAndRefusesUpdatesWithE0000112() {
        RateLimitTest.MutableClock clock = new RateLimitTest.MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).clock(clock).transitionTime(Duration.ofSeconds(30))
                .build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("async"));
            JsonNode created = create(client, "async@example.com", true);
            String id = created.get("id").asText();

            HttpResponse<String> update = client.post("/api/v1/users/" + id, "{\"profile\":{\"title\":\"Early\"}}");
            HttpResponse<String> suspend = client.post("/api/v1/users/" + id + "/lifecycle/suspend", "");

            assertThat(created.get("status").asText()).isEqualTo("STAGED");
            assertThat(created.get("transitioningToStatus").asText()).isEqualTo("ACTIVE");
            assertThat(created.get("_links").has("activate")).isFalse();
            assertThat(update.statusCode()).isEqualTo(409);
            assertThat(errorCode(update)).isEqualTo("E0000112");
            assertThat(errorCode(suspend)).isEqualTo("E0000038");

            clock.advance(Duration.ofSeconds(30));
            JsonNode active = SandboxClient.json(client.get("/api/v1/users/" + id));

            assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(active.has("transitioningToStatus")).isFalse();
            assertThat(active.get("activated").asText()).isEqualTo("2026-05-01T00:00:30.000Z");
            assertThat(client.post("/api/v1/users/" + id, "{\"profile\":{\"title\":\"Late\"}}").statusCode()).isEqualTo(200);

            assertThat(client.post("/api/v1/users/" + id + "/lifecycle/deactivate", "").statusCode()).isEqualTo(200);
            JsonNode leaving = SandboxClient.json(client.get("/api/v1/users/" + id));
            assertThat(leaving.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(leaving.get("transitioningToStatus").asText()).isEqualTo("DEPROVISIONED");
            assertThat(errorCode(client.post("/api/v1/users/" + id, "{\"profile\":{\"title\":\"Gone\"}}"))).isEqualTo("E0000038");
            clock.advance(Duration.ofSeconds(30));
            assertThat(SandboxClient.json(client.get("/api/v1/users/" + id)).get("status").asText()).isEqualTo("DEPROVISIONED");
        }
    }

    @Test
    void changingThePasswordChecksTheCurrentOneAndEndsARecovery() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("creds"));
            String id = create(client, "creds@example.com", true).get("id").asText();
            String path = "/api/v1/users/" + id + "/credentials/";
            client.post("/api/v1/users/" + id + "/lifecycle/reset_password?sendEmail=false", "");

            HttpResponse<String> wrong = client.post(path + "change_password", "{\"oldPassword\":{\"value\":\"Not-It-1234\"},"
                    + "\"newPassword\":{\"value\":\"New-Passw0rd-1\"}}");
            HttpResponse<String> right = client.post(path + "change_password", "{\"oldPassword\":{\"value\":\"" + PASSWORD
                    + "\"},\"newPassword\":{\"value\":\"New-Passw0rd-1\"}}");
            HttpResponse<String> question = client.post(path + "change_recovery_question", "{\"password\":{\"value\":"
                    + "\"New-Passw0rd-1\"},\"recovery_question\":{\"question\":\"First car?\",\"answer\":\"A blue van\"}}");
            HttpResponse<String> forgot = client.post(path + "forgot_password?sendEmail=false", "");

            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(errorCode(wrong)).isEqualTo("E0000014");
            assertThat(SandboxClient.json(wrong).at("/errorCauses/0/errorSummary").asText())
                    .isEqualTo("oldPassword: The credentials provided were incorrect.");
            assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
            assertThat(SandboxClient.json(right).get("password").isObject()).isTrue();
            assertThat(question.statusCode()).as(question.body()).isEqualTo(200);
            assertThat(SandboxClient.json(question).at("/recovery_question/question").asText()).isEqualTo("First car?");
            assertThat(SandboxClient.json(forgot).get("resetPasswordUrl").asText()).startsWith(sandbox.orgUrl().toString());
            JsonNode user = SandboxClient.json(client.get("/api/v1/users/" + id));
            assertThat(user.get("status").asText()).as("a recovery ends with the new password").isEqualTo("ACTIVE");
        }
    }
}
