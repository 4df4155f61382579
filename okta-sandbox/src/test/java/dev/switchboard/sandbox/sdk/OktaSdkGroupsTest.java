package dev.switchboard.sandbox.sdk;

import dev.switchboard.sandbox.OktaSandbox;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserResourcesApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import com.okta.sdk.resource.model.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Groups and membership through Okta's own Java SDK. */
class OktaSdkGroupsTest {
    private static OktaSandbox sandbox;
    private static ApiClient client;
    private static GroupApi groups;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(300).seed(12L).build();
        sandbox.start();
        client = OktaSdk.client(sandbox, sandbox.createApiToken("Okta SDK groups"));
        groups = new GroupApi(client);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Group create(String name) throws ApiException {
        OktaUserGroupProfile profile = new OktaUserGroupProfile();
        profile.setName(name);
        profile.setDescription("created by the SDK");
        AddGroupRequest request = new AddGroupRequest();
        request.setProfile(profile);
        return groups.addGroup(request);
    }

    @Test
    void theSdkListsSeededGroupsWithTheirProfiles() throws ApiException {
        List<Group> all = groups.listGroups(null, null, null, 20, null, null, null, null);

        assertThat(all).isNotEmpty().allMatch(group -> group.getType() == GroupType.OKTA_GROUP
                || group.getType() == GroupType.BUILT_IN);
        assertThat(all).filteredOn(group -> group.getType() == GroupType.BUILT_IN)
                .singleElement().satisfies(everyone -> assertThat(everyone.getProfile().getName()).isEqualTo("Everyone"));
        assertThat(all).allMatch(group -> group.getId().startsWith("00g"));
    }

    @Test
    void theSdkPagesThroughGroups() throws ApiException {
        OktaSdk.AllPages<Group> all = OktaSdk.all(client, after -> groups.listGroups(null, null, after, 3, null, null, null, null));

        assertThat(all.items()).hasSize(sandbox.groupCount());
        assertThat(all.pages()).isGreaterThan(1);
    }

    @Test
    void theSdkCreatesGetsRenamesAndDeletesAGroup() throws ApiException {
        Group group = create("SDK Crew");
        assertThat(groups.getGroup(group.getId()).getId()).isEqualTo(group.getId());

        OktaUserGroupProfile renamed = new OktaUserGroupProfile();
        renamed.setName("SDK Crew Renamed");
        AddGroupRequest request = new AddGroupRequest();
        request.setProfile(renamed);
        groups.replaceGroup(group.getId(), request);

        List<Group> found = groups.listGroups("SDK Crew Renamed", null, null, null, null, null, null, null);
        assertThat(found).extracting(Group::getId).containsExactly(group.getId());

        groups.deleteGroup(group.getId());
        assertThatThrownBy(() -> groups.getGroup(group.getId())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(OktaSdk.errorCode(e)).hasValue("E0000007"));
    }

    @Test
    void theSdkAssignsListsAndUnassignsMembers() throws ApiException {
        Group group = create("SDK Members");
        List<User> someUsers = new UserApi(client).listUsers(null, null, null, 3, null, null, null, null);
        for (User user : someUsers) {
            groups.assignUserToGroup(group.getId(), user.getId());
        }
        groups.assignUserToGroup(group.getId(), someUsers.get(0).getId());

        List<User> members = groups.listGroupUsers(group.getId(), null, null);
        assertThat(members).extracting(User::getId)
                .containsExactlyInAnyOrderElementsOf(someUsers.stream().map(User::getId).toList());

        groups.unassignUserFromGroup(group.getId(), someUsers.get(0).getId());
        assertThat(groups.listGroupUsers(group.getId(), null, null)).hasSize(someUsers.size() - 1);
        assertThat(new UserResourcesApi(client).listUserGroups(someUsers.get(1).getId()))
                .extracting(Group::getId).contains(group.getId());
    }

    @Test
    void theSdkSearchesGroupsByName() throws ApiException {
        List<Group> found = groups.listGroups(null, null, null, null, null, "profile.name eq \"Engineering\"", null, null);

        assertThat(found).hasSize(1);
    }
}
