package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 1: the user schema. Sources: {@code getUserSchema} and {@code updateUserProfile}
 * ({@code /api/v1/meta/schemas/user/{schemaId}}), the {@code UserSchemaBaseProperties} schema (the 31 base
 * attributes), the {@code UserSchemaDefaultResponse} and {@code UserSchemaAddRequest} examples of the Management API
 * description; Okta's cause for an undefined attribute, "Property name 'X' is not defined in profile" under "Api
 * validation failed: newUser" (pulumi/pulumi-okta#388); the login's format (the {@code login} description: "When the
 * attribute is null, the username is required to be formatted as an email address"; the cause "login: Username must
 * be in the form of an email address", rapid7/insightconnect-plugins#315); Okta's reserved attribute names and its
 * rule for property names (help.okta.com, Universal Directory; support article "API validation failed: invalid
 * property name").
 */
class UserSchemaTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(10).seed(16L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("schema"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static HttpResponse<String> createUser(String login, String more) {
        return client.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":\"" + login + "\",\"email\":\""
                + login + "\",\"firstName\":\"Schema\",\"lastName\":\"Test\"" + more + "}}");
    }

    private static JsonNode addAttribute(String name, String definition) {
        HttpResponse<String> response = client.post("/api/v1/meta/schemas/user/default",
                "{\"definitions\":{\"custom\":{\"id\":\"#custom\",\"type\":\"object\",\"properties\":{\"" + name + "\":"
                        + definition + "}}}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxClient.json(response);
    }

    private static void assertValidationError(HttpResponse<String> response, String summary, String... causes) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = SandboxClient.json(response);
        assertThat(error.get("errorCode").asText()).isEqualTo("E0000001");
        assertThat(error.get("errorSummary").asText()).isEqualTo("Api validation failed: " + summary);
        List<String> found = new ArrayList<>();
        error.get("errorCauses").forEach(cause -> found.add(cause.get("errorSummary").asText()));
        if (causes.length > 0) {
            assertThat(found).contains(causes);
        }
        assertThat(found).isNotEmpty();
    }

    @Test
    void theDefaultSchemaHasOktasThirtyOneBaseAttributesWithTheRequiredFourAndTheSeededCustomOnes() {
        JsonNode schema = SandboxClient.json(client.get("/api/v1/meta/schemas/user/default"));

        List<String> specBase = new ArrayList<>();
        OktaContract.get().component("UserSchemaBaseProperties").path("properties").fieldNames().forEachRemaining(specBase::add);
        List<String> base = new ArrayList<>();
        schema.at("/definitions/base/properties").fieldNames().forEachRemaining(base::add);
        assertThat(base).hasSize(31).containsExactlyInAnyOrderElementsOf(specBase);
        assertThat(schema.at("/definitions/base/required")).extracting(JsonNode::asText)
                .containsExactly("login", "firstName", "lastName", "email");
        JsonNode example = OktaContract.get().example("UserSchemaDefaultResponse").at("/definitions/base/properties");
        for (String name : List.of("login", "firstName", "lastName", "email")) {
            for (String keyword : List.of("title", "type", "required", "minLength", "maxLength", "format")) {
                assertThat(schema.at("/definitions/base/properties/" + name + "/" + keyword)).as(name + "." + keyword)
                        .isEqualTo(example.path(name).path(keyword));
            }
        }
        JsonNode custom = schema.at("/definitions/custom/properties");
        assertThat(custom.path("startDate").path("type").asText()).isEqualTo("string");
        assertThat(custom.path("badgeNumber").path("type").asText()).isEqualTo("integer");
        assertThat(custom.path("remote").path("type").asText()).isEqualTo("boolean");
        assertThat(custom.path("skills").path("type").asText()).isEqualTo("array");
        assertThat(custom.path("skills").at("/items/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/profile/allOf/0/$ref").asText()).isEqualTo("#/definitions/base");
    }

    @Test
    void seededProfilesUseOnlyAttributesTheSchemaDeclares() {
        JsonNode schema = SandboxClient.json(client.get("/api/v1/meta/schemas/user/default"));
        List<String> declared = new ArrayList<>();
        schema.at("/definitions/base/properties").fieldNames().forEachRemaining(declared::add);
        schema.at("/definitions/custom/properties").fieldNames().forEachRemaining(declared::add);

        for (JsonNode user : SandboxClient.json(client.get("/api/v1/users?search=status%20pr"))) {
            user.get("profile").fieldNames().forEachRemaining(name -> assertThat(declared).as(name).contains(name));
        }
    }

    @Test
    void anAttributeTheSchemaDoesNotDefineIsRefusedOnCreateAndUpdateWithOktasCause() {
        assertValidationError(createUser("unknown.create@example.com", ",\"shoeSize\":42"), "newUser",
                "Property name 'shoeSize' is not defined in profile");
        String id = SandboxClient.json(createUser("unknown.update@example.com", "")).get("id").asText();

        assertValidationError(client.post("/api/v1/users/" + id, "{\"profile\":{\"shoeSize\":42}}"), "user",
                "Property name 'shoeSize' is not defined in profile");
        assertThat(SandboxClient.json(client.get("/api/v1/users/" + id)).get("profile").has("shoeSize")).isFalse();
    }

    @Test
    void addingTheSpecsExampleAttributeLetsUsersCarryIt() {
        assertValidationError(createUser("before.add@example.com", ",\"salesforceUserName\":\"ada\""), "newUser",
                "Property name 'salesforceUserName' is not defined in profile");
        JsonNode request = OktaContract.get().example("UserSchemaAddRequest");

        HttpResponse<String> added = client.post("/api/v1/meta/schemas/user/default", request.toString());

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode attribute = SandboxClient.json(added).at("/definitions/custom/properties/salesforceUserName");
        assertThat(attribute.get("title").asText()).isEqualTo("Salesforce username");
        assertThat(attribute.get("maxLength").asInt()).isEqualTo(20);
        assertThat(SandboxClient.json(added).at("/definitions/custom/properties/badgeNumber").isObject())
                .as("a partial update keeps the other attributes").isTrue();
        assertThat(createUser("after.add@example.com", ",\"salesforceUserName\":\"ada\"").statusCode()).isEqualTo(200);
        assertValidationError(createUser("too.long@example.com", ",\"salesforceUserName\":\"abcdefghijklmnopqrstu\""),
                "salesforceUserName", "salesforceUserName: The field cannot exceed 20 characters");
    }

    @Test
    void typesAreEnforcedAsTheSchemaDeclaresThem() {
        assertValidationError(createUser("types@example.com", ",\"badgeNumber\":\"12\""), "badgeNumber",
                "badgeNumber: Does not match required type integer");
        assertValidationError(createUser("types@example.com", ",\"remote\":\"yes\""), "remote",
                "remote: Does not match required type boolean");
        assertValidationError(createUser("types@example.com", ",\"skills\":[\"java\",3]"), "skills",
                "skills: Does not match required type array of string");
        assertValidationError(createUser("types@example.com", ",\"department\":7"), "department",
                "department: Does not match required type string");
        assertThat(createUser("types@example.com", ",\"badgeNumber\":12,\"remote\":true,\"skills\":[\"java\"]")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void requiredAndEnumeratedCustomAttributesAreEnforced() {
        addAttribute("costBand", "{\"title\":\"Cost band\",\"type\":\"string\",\"required\":true,"
                + "\"enum\":[\"S\",\"M\",\"L\"],\"oneOf\":[{\"const\":\"S\",\"title\":\"Small\"},"
                + "{\"const\":\"M\",\"title\":\"Medium\"},{\"const\":\"L\",\"title\":\"Large\"}]}");
        try {
            assertValidationError(createUser("band.missing@example.com", ""), "costBand",
                    "costBand: The field cannot be left blank");
            assertValidationError(createUser("band.xl@example.com", ",\"costBand\":\"XL\""), "costBand",
                    "costBand: Does not match any of the allowed values");
            assertThat(createUser("band.m@example.com", ",\"costBand\":\"M\"").statusCode()).isEqualTo(200);
            assertThat(SandboxClient.json(client.get("/api/v1/meta/schemas/user/default")).at("/definitions/custom/required"))
                    .extracting(JsonNode::asText).contains("costBand");
        } finally {
            addAttribute("costBand", "null");
        }
        assertValidationError(createUser("band.gone@example.com", ",\"costBand\":\"M\""), "newUser",
                "Property name 'costBand' is not defined in profile");
    }

    @Test
    void theLoginMustBeAnEmailAddressOfFiveToAHundredCharacters() {
        assertValidationError(createUser("nobody", ""), "login", "login: Username must be in the form of an email address");
        assertValidationError(createUser("a@bc", ""), "login", "login: The field must be at least 5 characters long");
        assertValidationError(client.post("/api/v1/users?activate=false", "{\"profile\":{\"email\":\"x@example.com\","
                + "\"firstName\":\"X\",\"lastName\":\"Y\"}}"), "login", "login: The field cannot be left blank");
    }

    @Test
    void aBaseAttributeAllowsOnlyTheChangesOktaAllows() {
        HttpResponse<String> optional = client.post("/api/v1/meta/schemas/user/default",
                "{\"definitions\":{\"base\":{\"properties\":{\"lastName\":{\"required\":false}}}}}");
        try {
            assertThat(optional.statusCode()).as(optional.body()).isEqualTo(200);
            assertThat(client.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":\"nolast@example.com\","
                    + "\"email\":\"nolast@example.com\",\"firstName\":\"No\"}}").statusCode()).isEqualTo(200);
        } finally {
            client.post("/api/v1/meta/schemas/user/default",
                    "{\"definitions\":{\"base\":{\"properties\":{\"lastName\":{\"required\":true}}}}}");
        }
        assertValidationError(client.post("/api/v1/meta/schemas/user/default",
                "{\"definitions\":{\"base\":{\"properties\":{\"city\":{\"type\":\"integer\"}}}}}"), "city");
    }

    @Test
    void aCustomAttributeCannotTakeABaseAttributesNameAReservedNameOrAnInvalidOne() {
        assertValidationError(client.post("/api/v1/meta/schemas/user/default",
                "{\"definitions\":{\"custom\":{\"properties\":{\"Department\":{\"title\":\"D\",\"type\":\"string\"}}}}}"),
                "Department", "Department: a custom attribute cannot have the name of the base attribute department");
        assertValidationError(client.post("/api/v1/meta/schemas/user/default",
                "{\"definitions\":{\"custom\":{\"properties\":{\"status\":{\"title\":\"S\",\"type\":\"string\"}}}}}"),
                "status");
        assertValidationError(client.post("/api/v1/meta/schemas/user/default",
                "{\"definitions\":{\"custom\":{\"properties\":{\"1st\":{\"title\":\"F\",\"type\":\"string\"}}}}}"),
                "invalid property name. Property name should only have alphanumeric characters and underscores. It"
                        + " should not start with a digit.");
        assertValidationError(client.post("/api/v1/meta/schemas/user/default",
                "{\"definitions\":{\"custom\":{\"properties\":{\"shirt\":{\"title\":\"Shirt\",\"type\":\"date\"}}}}}"),
                "shirt");
    }

    @Test
    void theSchemaAndTheUserTypeAreWhereEveryUsersLinksPoint() {
        JsonNode user = SandboxClient.json(client.get("/api/v1/users/" + SandboxClient.ids(client.get("/api/v1/users?limit=1")).get(0)));

        JsonNode schema = SandboxClient.json(client.getUrl(user.at("/_links/schema/href").asText()));
        JsonNode type = SandboxClient.json(client.getUrl(user.at("/_links/type/href").asText()));

        assertThat(schema.at("/definitions/base/properties/login/title").asText()).isEqualTo("Username");
        assertThat(type.get("id").asText()).isEqualTo(user.at("/type/id").asText());
        assertThat(type.get("default").asBoolean()).isTrue();
        assertThat(type.at("/_links/schema/href").asText()).isEqualTo(user.at("/_links/schema/href").asText());
        assertThat(SandboxClient.json(client.get("/api/v1/meta/types/user"))).hasSize(1);
        assertThat(client.get("/api/v1/meta/schemas/user/oscNoSuchSchema0000").statusCode()).isEqualTo(404);
    }

    @Test
    void aCustomAttributeSurvivesARestart() {
        try (OktaSandbox kept = OktaSandbox.builder().users(2).dataDir(dir).build()) {
            kept.start();
            SandboxClient keptClient = new SandboxClient(kept.orgUrl(), kept.createApiToken("kept"));
            assertThat(keptClient.post("/api/v1/meta/schemas/user/default", "{\"definitions\":{\"custom\":{\"properties\":"
                    + "{\"locker\":{\"title\":\"Locker\",\"type\":\"integer\"}}}}}").statusCode()).isEqualTo(200);
        }
        try (OktaSandbox reopened = OktaSandbox.builder().dataDir(dir).build()) {
            reopened.start();
            SandboxClient reopenedClient = new SandboxClient(reopened.orgUrl(), reopened.createApiToken("again"));

            assertThat(SandboxClient.json(reopenedClient.get("/api/v1/meta/schemas/user/default"))
                    .at("/definitions/custom/properties/locker/type").asText()).isEqualTo("integer");
            assertThat(reopenedClient.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":\"l@example.com\","
                    + "\"email\":\"l@example.com\",\"firstName\":\"L\",\"lastName\":\"K\",\"locker\":12}}").statusCode())
                    .isEqualTo(200);
        }
    }
}
