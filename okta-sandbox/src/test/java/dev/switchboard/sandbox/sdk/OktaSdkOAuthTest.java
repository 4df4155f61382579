package dev.switchboard.sandbox.sdk;

import dev.switchboard.sandbox.OktaSandbox;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Okta's Java SDK in its OAuth 2.0 private-key mode: it fetches its own access token from the sandbox. */
class OktaSdkOAuthTest {
    private static OktaSandbox sandbox;
    private static RSAKey key;
    private static String clientId;

    @BeforeAll
    static void start() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("sdk-key").generate();
        sandbox = OktaSandbox.builder().users(30).seed(14L).build();
        sandbox.start();
        clientId = sandbox.registerServiceApp("SDK service app", key.toPublicJWK().toJSONString(), Set.of("okta.users.read"));
        System.setProperty("okta.testing.disableHttpsCheck", "true");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ApiClient client() throws JOSEException {
        return Clients.builder()
                .setOrgUrl(sandbox.orgUrl().toString())
                .setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
                .setClientId(clientId)
                .setKid(key.getKeyID())
                .setScopes(Set.of("okta.users.read"))
                .setPrivateKey(key.toPrivateKey())
                .setCacheManager(Caches.newDisabledCacheManager())
                .setRetryMaxAttempts(0)
                .build();
    }

    @Test
    void theSdkAuthenticatesWithAPrivateKeyAndListsUsers() throws Exception {
        List<User> users = new UserApi(client()).listUsers(null, null, null, 10, null, null, null, null);

        assertThat(users).hasSize(10);
    }

    @Test
    void theSdkIsRefusedWhatItsScopesDoNotCover() throws Exception {
        GroupApi groups = new GroupApi(client());

        assertThatThrownBy(() -> groups.listGroups(null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(OktaSdk.errorCode(e)).hasValue("E0000006");
                });
    }
}
