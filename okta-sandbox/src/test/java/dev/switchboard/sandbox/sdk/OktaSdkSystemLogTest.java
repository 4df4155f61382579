package dev.switchboard.sandbox.sdk;

import dev.switchboard.sandbox.OktaSandbox;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.SystemLogApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.LogEvent;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The System Log through Okta's own Java SDK. */
class OktaSdkSystemLogTest {
    private static OktaSandbox sandbox;
    private static ApiClient client;

    @BeforeAll
    static void start() throws ApiException {
        sandbox = OktaSandbox.builder().users(10).seed(13L).build();
        sandbox.start();
        client = OktaSdk.client(sandbox, sandbox.createApiToken("Okta SDK logs"));
        for (int i = 0; i < 4; i++) {
            OktaUserGroupProfile profile = new OktaUserGroupProfile();
            profile.setName("Logged " + i);
            AddGroupRequest request = new AddGroupRequest();
            request.setProfile(profile);
            new GroupApi(client).addGroup(request);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theSdkReadsEventsWithTheirTypesActorsAndTargets() throws ApiException {
        List<LogEvent> events = new SystemLogApi(client).listLogEvents(null, null, null,
                "eventType eq \"group.lifecycle.create\"", null, 100, "ASCENDING");

        assertThat(events).hasSize(4);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getEventType()).isEqualTo("group.lifecycle.create");
            assertThat(event.getActor().getType()).isEqualTo("User");
            assertThat(event.getTarget()).hasSize(1);
            assertThat(event.getPublished()).isNotNull();
        });
    }

    @Test
    void theSdkPagesABoundedQuery() throws ApiException {
        SystemLogApi logs = new SystemLogApi(client);
        OktaSdk.AllPages<LogEvent> all = OktaSdk.all(client,
                after -> logs.listLogEvents("2020-01-01T00:00:00.000Z", "2999-01-01T00:00:00.000Z", after,
                        "eventType eq \"group.lifecycle.create\"", null, 3, null));

        assertThat(all.items()).hasSize(4);
        assertThat(all.pages()).isEqualTo(2);
    }

    @Test
    void aBadSinceIsAnSdkError() {
        assertThatThrownBy(() -> new SystemLogApi(client).listLogEvents("yesterday", null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }
}
