package dev.switchboard.sandbox.sdk;

import dev.switchboard.sandbox.OktaSandbox;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserCredApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.PasswordCredential;
import com.okta.sdk.resource.model.ResetPasswordToken;
import com.okta.sdk.resource.model.UpdateUserRequest;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserActivationToken;
import com.okta.sdk.resource.model.UserCredentials;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users through Okta's own Java SDK: listing across pages, search, filter, create, partial and full update,
 * every lifecycle transition, delete. The SDK decides whether the sandbox speaks Okta's wire format.
 */
class OktaSdkUsersTest {
    private static OktaSandbox sandbox;
    private static ApiClient client;
    private static UserApi users;
    private static UserLifecycleApi lifecycle;
    private static UserCredApi credentials;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(450).seed(11L).build();
        sandbox.start();
        client = OktaSdk.client(sandbox, sandbox.createApiToken("Okta SDK"));
        users = new UserApi(client);
        lifecycle = new UserLifecycleApi(client);
        credentials = new UserCredApi(client);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static User create(String login, boolean activate, String password) throws ApiException {
        UserProfile profile = new UserProfile();
        profile.setLogin(login);
        profile.setEmail(login);
        profile.setFirstName("Sdk");
        profile.setLastName(login.substring(0, login.indexOf('@')));
        CreateUserRequest request = new CreateUserRequest();
        request.setProfile(profile);
        if (password != null) {
            UserCredentials userCredentials = new UserCredentials();
            PasswordCredential passwordCredential = new PasswordCredential();
            passwordCredential.setValue(password);
            userCredentials.setPassword(passwordCredential);
            request.setCredentials(userCredentials);
        }
        return users.createUser(request, activate, false, null);
    }

    private static UserStatus status(String id) throws ApiException {
        return users.getUser(id, null, null).getStatus();
    }

    @Test
    void theSdkListsEveryNonDeprovisionedUserAcrossPagesOf200() throws ApiException {
        OktaSdk.AllPages<User> all = OktaSdk.all(client, after -> users.listUsers(null, null, after, 200, null, null, null, null));

        Set<String> ids = new HashSet<>();
        all.items().forEach(user -> ids.add(user.getId()));
        assertThat(all.pages()).isGreaterThanOrEqualTo(3);
        assertThat(ids).hasSize(all.items().size());
        assertThat(all.items()).noneMatch(user -> user.getStatus() == UserStatus.DEPROVISIONED);
        assertThat(all.items().size()).isGreaterThan(200);
    }

    @Test
    void theSdkSearchesWithSortByAndFollowsPages() throws ApiException {
        OktaSdk.AllPages<User> all = OktaSdk.all(client, after -> users.listUsers(null, null, after, 50, null,
                "status eq \"ACTIVE\"", "profile.lastName", "asc"));

        assertThat(all.items()).isNotEmpty().allMatch(user -> user.getStatus() == UserStatus.ACTIVE);
        List<String> lastNames = all.items().stream().map(user -> user.getProfile().getLastName().toLowerCase()).toList();
        assertThat(lastNames).isSorted();
        assertThat(all.pages()).isGreaterThan(1);
    }

    @Test
    void theSdkFiltersByLoginExactly() throws ApiException {
        User created = create("filter.me+sdk@example.com", true, "Sandbox-Passw0rd");

        List<User> found = users.listUsers(null, null, null, null, "profile.login eq \"filter.me+sdk@example.com\"",
                null, null, null);

        assertThat(found).extracting(User::getId).containsExactly(created.getId());
    }

    @Test
    void theSdkCreatesActiveStagedAndProvisionedUsers() throws ApiException {
        assertThat(create("active.sdk@example.com", true, "Sandbox-Passw0rd").getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(create("staged.sdk@example.com", false, null).getStatus()).isEqualTo(UserStatus.STAGED);
        assertThat(create("provisioned.sdk@example.com", true, null).getStatus()).isEqualTo(UserStatus.PROVISIONED);
    }

    @Test
    void aDuplicateLoginIsAnSdkErrorE0000001() throws ApiException {
        create("twice.sdk@example.com", false, null);

        assertThatThrownBy(() -> create("TWICE.sdk@example.com", false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(OktaSdk.errorCode(e)).hasValue("E0000001");
                });
    }

    @Test
    void thePartialUpdateChangesOnlyTheDepartment() throws ApiException {
        User user = create("partial.sdk@example.com", true, "Sandbox-Passw0rd");
        UserProfile change = new UserProfile();
        change.setDepartment("Research");
        UpdateUserRequest request = new UpdateUserRequest();
        request.setProfile(change);

        User updated = users.updateUser(user.getId(), request, null);

        assertThat(updated.getProfile().getDepartment()).isEqualTo("Research");
        assertThat(updated.getProfile().getLogin()).isEqualTo("partial.sdk@example.com");
        assertThat(updated.getProfile().getFirstName()).isEqualTo("Sdk");
    }

    @Test
    void theFullReplaceDropsOmittedProperties() throws ApiException {
        User user = create("replace.sdk@example.com", true, "Sandbox-Passw0rd");
        UserProfile first = new UserProfile();
        first.setDepartment("Finance");
        UpdateUserRequest partial = new UpdateUserRequest();
        partial.setProfile(first);
        users.updateUser(user.getId(), partial, null);
        UserProfile whole = new UserProfile();
        whole.setLogin("replace.sdk@example.com");
        whole.setEmail("replace.sdk@example.com");
        whole.setFirstName("Replaced");
        whole.setLastName("Entirely");
        UpdateUserRequest replace = new UpdateUserRequest();
        replace.setProfile(whole);

        User replaced = users.replaceUser(user.getId(), replace, null);

        assertThat(replaced.getProfile().getFirstName()).isEqualTo("Replaced");
        assertThat(replaced.getProfile().getDepartment()).isNull();
    }

    @Test
    void theSdkGetsAUserByIdByLoginAndAsMe() throws ApiException {
        User user = create("get.sdk@example.com", false, null);

        UserGetSingleton byId = users.getUser(user.getId(), null, null);
        UserGetSingleton byLogin = users.getUser("get.sdk@example.com", null, null);
        UserGetSingleton me = users.getUser("me", null, null);

        assertThat(byId.getId()).isEqualTo(user.getId());
        assertThat(byLogin.getId()).isEqualTo(user.getId());
        assertThat(me.getStatus()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void everyLifecycleTransitionThroughTheSdk() throws ApiException {
        String id = create("lifecycle.sdk@example.com", false, null).getId();
        assertThat(status(id)).isEqualTo(UserStatus.STAGED);

        UserActivationToken activation = lifecycle.activateUser(id, false);
        assertThat(activation.getActivationToken()).isNotBlank();
        assertThat(activation.getActivationUrl()).contains(activation.getActivationToken());
        assertThat(status(id)).isEqualTo(UserStatus.PROVISIONED);

        lifecycle.reactivateUser(id, false);
        assertThat(status(id)).isEqualTo(UserStatus.PROVISIONED);

        UpdateUserRequest setPassword = new UpdateUserRequest();
        UserCredentials userCredentials = new UserCredentials();
        PasswordCredential passwordCredential = new PasswordCredential();
        passwordCredential.setValue("Sandbox-Passw0rd");
        userCredentials.setPassword(passwordCredential);
        setPassword.setCredentials(userCredentials);
        users.updateUser(id, setPassword, null);
        lifecycle.deactivateUser(id, false, null);
        assertThat(status(id)).isEqualTo(UserStatus.DEPROVISIONED);
        lifecycle.activateUser(id, true);
        assertThat(status(id)).isEqualTo(UserStatus.ACTIVE);

        lifecycle.suspendUser(id);
        assertThat(status(id)).isEqualTo(UserStatus.SUSPENDED);
        lifecycle.unsuspendUser(id);
        assertThat(status(id)).isEqualTo(UserStatus.ACTIVE);

        User expired = credentials.expirePassword(id);
        assertThat(expired.getStatus()).isEqualTo(UserStatus.PASSWORD_EXPIRED);

        ResetPasswordToken reset = credentials.resetPassword(id, false, null);
        assertThat(reset.getResetPasswordUrl()).startsWith(sandbox.orgUrl().toString());
        assertThat(status(id)).isEqualTo(UserStatus.RECOVERY);

        lifecycle.deactivateUser(id, false, null);
        assertThat(status(id)).isEqualTo(UserStatus.DEPROVISIONED);
    }

    @Test
    void unlockingALockedOutUserMakesItActive() throws ApiException {
        String id = sandbox.createUser(java.util.Map.of("login", "locked.sdk@example.com", "email",
                "locked.sdk@example.com", "firstName", "Locked", "lastName", "Out"), "LOCKED_OUT");

        lifecycle.unlockUser(id);

        assertThat(status(id)).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void activatingAnActiveUserIsE0000016AndSuspendingAStagedOneE0000038() throws ApiException {
        String active = create("already.sdk@example.com", true, "Sandbox-Passw0rd").getId();
        String staged = create("notyet.sdk@example.com", false, null).getId();

        assertThatThrownBy(() -> lifecycle.activateUser(active, false)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(OktaSdk.errorCode(e)).hasValue("E0000016"));
        assertThatThrownBy(() -> lifecycle.suspendUser(staged)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(OktaSdk.errorCode(e)).hasValue("E0000038");
                });
    }

    @Test
    void theFirstDeleteDeactivatesAndTheSecondDeletes() throws ApiException {
        String id = create("delete.sdk@example.com", true, "Sandbox-Passw0rd").getId();

        users.deleteUser(id, false, null);
        assertThat(status(id)).isEqualTo(UserStatus.DEPROVISIONED);
        users.deleteUser(id, false, null);

        assertThatThrownBy(() -> users.getUser(id, null, null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(404);
            assertThat(OktaSdk.errorCode(e)).hasValue("E0000007");
        });
    }
}
