package dev.switchboard.sandbox;

import dev.switchboard.sandbox.server.ExchangeObserver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses validate against the schemas of Okta's own Management API description
 * ({@code shared/okta/management-openapi.yaml}, found beside the project root), as the project's contract says.
 */
class SpecConformanceTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void load() {
        sandbox = OktaSandbox.builder().users(300).seed(21L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("conformance"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonSchema schema(String name) {
        return OktaContract.get().schema(name);
    }

    private static ExchangeObserver.Exchange exchange(String method, String path, int status, String body) {
        return new ExchangeObserver.Exchange(method, path, "", status, "application/json",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
    }

    @Test
    void theContractFindsTheOperationAndRejectsABodyThatBreaksItsSchema() {
        assertThat(OktaContract.get().check(exchange("GET", "/api/v1/users/00u1", 200, "{\"status\":\"HAPPY\"}")))
                .anySatisfy(problem -> assertThat(problem).contains("GET /api/v1/users/00u1 -> 200").contains("status"));
        assertThat(OktaContract.get().check(exchange("GET", "/api/v1/groups", 200, "[{\"id\":5}]"))).isNotEmpty();
    }

    @Test
    void anUndeclaredErrorStatusIsHeldToTheErrorSchema() {
        assertThat(OktaContract.get().check(exchange("PATCH", "/api/v1/users", 405, "{\"errorCode\":1}"))).isNotEmpty();
        assertThat(OktaContract.get().check(exchange("PATCH", "/api/v1/users", 405,
                "{\"errorCode\":\"E0000022\",\"errorSummary\":\"x\",\"errorLink\":\"E0000022\",\"errorId\":\"oae1\",\"errorCauses\":[]}")))
                .isEmpty();
    }

    @Test
    void aSuccessOnAPathTheDescriptionLacksIsFlagged() {
        assertThat(OktaContract.get().check(exchange("GET", "/api/v1/widgets", 200, "[]")))
                .singleElement().asString().contains("no operation");
    }

    @Test
    void theCorrectedTokenWindowPatternAcceptsOktasDurations() {
        JsonSchema duration = schema("TimeDuration");

        assertThat(duration.validate(new ObjectMapper().valueToTree("P30D"))).isEmpty();
        assertThat(duration.validate(new ObjectMapper().valueToTree("PT1M30S"))).isEmpty();
        assertThat(duration.validate(new ObjectMapper().valueToTree("30 days"))).isNotEmpty();
    }

    @Test
    void everyListedUserValidatesAgainstTheUserSchema() {
        JsonSchema user = schema("User");
        JsonNode users = SandboxClient.json(client.get("/api/v1/users?search=status%20pr"));

        assertThat(users).hasSize(200);
        users.forEach(each -> assertThat(user.validate(each)).as(each.toString()).isEmpty());
    }

    @Test
    void aUserCreatedWithFewAttributesValidatesAgainstTheUserSchema() {
        String id = sandbox.createUser(Map.of("login", "min@example.com", "email", "min@example.com"), "STAGED");

        Set<ValidationMessage> problems = schema("User").validate(SandboxClient.json(client.get("/api/v1/users/" + id)));

        assertThat(problems).isEmpty();
    }

    @Test
    void errorBodiesValidateAgainstTheErrorSchema() {
        JsonSchema error = schema("Error");

        assertThat(error.validate(SandboxClient.json(client.get("/api/v1/users/nobody")))).isEmpty();
        assertThat(error.validate(SandboxClient.json(client.send("GET", "/api/v1/users", Optional.empty())))).isEmpty();
        assertThat(error.validate(SandboxClient.json(client.get("/api/v1/users?search=(")))).isEmpty();
    }

    @Test
    void aSchemaViolationIsDetected() {
        ObjectNode wrong = new ObjectMapper().createObjectNode();
        wrong.put("status", "HAPPY");

        assertThat(schema("User").validate(wrong)).isNotEmpty();
    }
}
