package dev.switchboard.sandbox.oauth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth 2.0 service app registered in the org: a client that authenticates with {@code private_key_jwt}
 * (a JWT signed with its private key, verified with its public keys) and is granted Management API scopes.
 *
 * <p>Source: https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/.
 *
 * @param clientId the client id, {@code 0oa} followed by 17 alphanumerics
 * @param name the app's label, e.g. {@code Switchboard Agent}
 * @param jwks the app's public keys as a JWK Set ({@code {"keys":[{...}]}}); never a private key
 * @param scopes the scopes the app may request
 * @param created when the app was registered
 */
public record ServiceApp(String clientId, String name, Map<String, Object> jwks, Set<String> scopes, Instant created) {
    /**
     * Checks the arguments and copies the collections.
     *
     * @param clientId as described on the record
     * @param name as described on the record
     * @param jwks as described on the record
     * @param scopes as described on the record
     * @param created as described on the record
     */
    public ServiceApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        jwks = Map.copyOf(jwks);
        scopes = Set.copyOf(scopes);
    }
}
