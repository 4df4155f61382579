package dev.switchboard.sandbox.auth;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a Management API request acts for: an admin user (through an SSWS API token, with the admin's full
 * privileges, as Okta's API tokens have) or an OAuth 2.0 service app (through a Bearer access token, limited to
 * the token's scopes).
 *
 * <p>Source: https://developer.okta.com/docs/guides/create-an-api-token/ ("API tokens have the same
 * permissions as the user who creates them") and
 * https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/ (scopes per endpoint; a call
 * without the scope an endpoint needs is 403 E0000006).
 *
 * @param kind an admin user or a service app
 * @param id the user id ({@code 00u...}) or the client id ({@code 0oa...}), as a System Log actor's {@code id}
 * @param alternateId the admin's login, or the client id
 * @param displayName the admin's name, or the app's name
 * @param apiTokenId for an admin, the id ({@code 00T...}) of the API token the request carried
 * @param scopes for a service app, the access token's scopes; empty for an admin (who has every privilege)
 */
public record Principal(Kind kind, String id, String alternateId, String displayName, Optional<String> apiTokenId,
        Set<String> scopes) {

    /** What kind of caller a principal is. */
    public enum Kind {
        /** An admin user acting through an SSWS API token. */
        ADMIN,
        /** An OAuth 2.0 service app acting through a Bearer access token. */
        SERVICE_APP
    }

    /**
     * Checks the arguments and copies the scopes.
     *
     * @param kind as described on the record
     * @param id as described on the record
     * @param alternateId as described on the record
     * @param displayName as described on the record
     * @param apiTokenId as described on the record
     * @param scopes as described on the record
     */
    public Principal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alternateId, "alternateId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(apiTokenId, "apiTokenId");
        scopes = Set.copyOf(scopes);
    }

    /**
     * The System Log actor type of this principal: {@code User} or {@code PublicClientApp}.
     *
     * @return Okta's actor type name
     */
    public String actorType() {
        return kind == Kind.ADMIN ? "User" : "PublicClientApp";
    }

    /**
     * Checks that this principal may do what needs the given scope. An admin may do everything; a service app
     * needs the scope itself, or for a {@code .read} scope the matching {@code .manage} scope (Okta's manage
     * scopes include reading).
     *
     * @param scope e.g. {@link Scopes#USERS_READ}
     * @throws OktaException 403 E0000006 when a service app's token lacks the scope
     */
    public void require(String scope) {
        if (kind == Kind.ADMIN || scopes.contains(scope)) {
            return;
        }
        if (scope.endsWith(".read") && scopes.contains(scope.substring(0, scope.length() - ".read".length()) + ".manage")) {
            return;
        }
        throw OktaException.of(ErrorCode.E0000006);
    }
}
