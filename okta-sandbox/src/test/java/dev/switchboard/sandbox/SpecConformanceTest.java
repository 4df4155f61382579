package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses validate against the schemas of Okta's own Management API description
 * ({@code shared/okta/management-openapi.yaml}, found beside the project root), as the project's contract says.
 */
class SpecConformanceTest {
    private static final String SPEC = "shared/okta/management-openapi.yaml";

    private static JsonNode schemas;
    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void load() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        schemas = yaml.readTree(findSpec().toFile()).path("components").path("schemas");
        sandbox = OktaSandbox.builder().users(300).seed(21L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("conformance"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Path findSpec() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(SPEC);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(SPEC + " not found beside the project root (from " + Path.of("").toAbsolutePath() + ")");
    }

    private static JsonSchema schema(String name) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("$ref", "#/components/schemas/" + name);
        root.putObject("components").set("schemas", schemas);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(OpenApi30.getInstance())
                        .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
        return factory.getSchema(root, SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build());
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
