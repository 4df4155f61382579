package dev.switchboard.sandbox.sdk;

import dev.switchboard.sandbox.OktaSandbox;
import com.okta.sdk.resource.api.SchemaApi;
import com.okta.sdk.resource.api.SystemLogApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.LogEvent;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserSchema;
import com.okta.sdk.resource.model.UserSchemaAttribute;
import com.okta.sdk.resource.model.UserSchemaAttributeType;
import com.okta.sdk.resource.model.UserSchemaDefinitions;
import com.okta.sdk.resource.model.UserSchemaPublic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, points 1, 2 and 4 through Okta's own Java SDK: its {@code SchemaApi} reads the default user schema and
 * adds a custom attribute ({@code getUserSchema}, {@code updateUserProfile}), its {@code UserApi} creates a user
 * carrying it and is refused an undefined one, a user read alone comes with the links its status allows, and its
 * {@code SystemLogApi} reads {@code legacyEventType} and the API token behind an event.
 */
class OktaSdkSchemaTest {
    private static OktaSandbox sandbox;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(5).seed(61L).build();
        sandbox.start();
        client = OktaSdk.client(sandbox, sandbox.createApiToken("Okta SDK schema"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static CreateUserRequest request(String login, Map<String, Object> more) {
        UserProfile profile = new UserProfile();
        profile.setLogin(login);
        profile.setEmail(login);
        profile.setFirstName("Sdk");
        profile.setLastName("Schema");
        profile.setAdditionalProperties(new LinkedHashMap<>(more));
        CreateUserRequest request = new CreateUserRequest();
        request.setProfile(profile);
        return request;
    }

    @Test
    void theSdkReadsTheDefaultSchemaWithItsBaseAndCustomAttributes() throws ApiException {
        UserSchema schema = new SchemaApi(client).getUserSchema("default");

        assertThat(schema.getDefinitions().getBase().getRequired()).containsExactly("login", "firstName", "lastName", "email");
        assertThat(schema.getDefinitions().getBase().getProperties().getLogin().getMinLength()).isEqualTo(5);
        assertThat(schema.getDefinitions().getCustom().getProperties()).containsKeys("startDate", "badgeNumber", "remote",
                "skills");
        assertThat(schema.getDefinitions().getCustom().getProperties().get("badgeNumber").getType())
                .isEqualTo(UserSchemaAttributeType.INTEGER);
    }

    @Test
    void theSdkAddsACustomAttributeAndCreatesAUserWithItButNotWithAnUndefinedOne() throws ApiException {
        UserSchemaAttribute attribute = new UserSchemaAttribute();
        attribute.setTitle("Cost code");
        attribute.setType(UserSchemaAttributeType.STRING);
        attribute.setMaxLength(10);
        UserSchemaPublic custom = new UserSchemaPublic();
        custom.putpropertiesItem("costCode", attribute);
        UserSchemaDefinitions definitions = new UserSchemaDefinitions();
        definitions.setCustom(custom);
        UserSchema change = new UserSchema();
        change.setDefinitions(definitions);

        UserSchema changed = new SchemaApi(client).updateUserProfile("default", change);
        User user = new UserApi(client).createUser(request("sdk.cost@example.com", Map.of("costCode", "CC-1")), false,
                false, null);

        assertThat(changed.getDefinitions().getCustom().getProperties().get("costCode").getMaxLength()).isEqualTo(10);
        assertThat(user.getProfile().getAdditionalProperties()).containsEntry("costCode", "CC-1");
        assertThatThrownBy(() -> new UserApi(client).createUser(request("sdk.shoe@example.com", Map.of("shoeSize", 42)),
                false, false, null)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("Property name 'shoeSize' is not defined in profile");
                });
    }

    @Test
    void theSdkSeesTheLinksOfAProvisionedUsersOperations() throws ApiException {
        User created = new UserApi(client).createUser(request("sdk.links@example.com", Map.of()), true, false, null);

        UserGetSingleton user = new UserApi(client).getUser(created.getId(), null, null);

        assertThat(user.getStatus().getValue()).isEqualTo("PROVISIONED");
        assertThat(user.getLinks().getReactivate().getHref())
                .endsWith("/api/v1/users/" + created.getId() + "/lifecycle/reactivate");
        assertThat(user.getLinks().getDeactivate()).isNotNull();
        assertThat(user.getLinks().getSuspend()).isNull();
        assertThat(user.getLinks().getSchema().getHref()).contains("/api/v1/meta/schemas/user/osc");
        assertThat(user.getLinks().getType().getHref()).contains("/api/v1/meta/types/user/oty");
        assertThat(user.getLinks().getActivate()).isNull();
    }

    @Test
    void theSdkReadsLegacyEventTypesAndTheTokenBehindAnEvent() throws ApiException {
        new UserApi(client).createUser(request("sdk.logged@example.com", Map.of()), false, false, null);

        List<LogEvent> events = new SystemLogApi(client).listLogEvents(null, null, null,
                "eventType eq \"user.lifecycle.create\"", null, 10, "DESCENDING");

        assertThat(events).isNotEmpty();
        assertThat(events.get(0).getLegacyEventType()).isEqualTo("core.user.config.user_creation.success");
        assertThat(events.get(0).getTransaction().getDetail()).containsKey("requestApiTokenId");
    }
}
