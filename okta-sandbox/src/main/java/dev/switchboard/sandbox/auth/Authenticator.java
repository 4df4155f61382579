package dev.switchboard.sandbox.auth;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the {@code Authorization} header of a Management API request as Okta does.
 *
 * <ul>
 *   <li>{@code SSWS {token}} with a known, unexpired API token whose creator is still active: the request acts
 *       as that admin.</li>
 *   <li>{@code SSWS {anything else}}, including an OAuth access token sent with the SSWS scheme (case C11):
 *       401 E0000011 "Invalid token provided".</li>
 *   <li>{@code Bearer {access token}} issued by {@code /oauth2/v1/token} and not expired: the request acts as
 *       the service app, within the token's scopes. Any other Bearer value, including an API token: 401
 *       E0000011.</li>
 *   <li>No header, an empty one, a scheme without a credential, or another scheme (e.g. {@code Basic}):
 *       403 E0000005 "Invalid session", as observed on Okta (OKTA-WIRE.md "Authentication").</li>
 * </ul>
 * Scheme names are matched case-insensitively (RFC 9110, section 11.1).
 */
public final class Authenticator {
    private final Function<String, Optional<Principal>> apiTokens;
    private final Function<String, Optional<Principal>> accessTokens;

    /**
     * An authenticator over the org's credentials.
     *
     * @param apiTokens finds the admin an SSWS API token acts for, renewing the token's expiry; empty when the
     *     token is unknown, revoked or expired
     * @param accessTokens finds the service app a Bearer access token acts for; empty when unknown or expired
     */
    public Authenticator(Function<String, Optional<Principal>> apiTokens,
            Function<String, Optional<Principal>> accessTokens) {
        this.apiTokens = Objects.requireNonNull(apiTokens, "apiTokens");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
    }

    /**
     * Authenticates a request by its {@code Authorization} header.
     *
     * @param authorization the header's value, or empty when the request has none
     * @return who the request acts for
     * @throws OktaException E0000005 (403) for a missing or malformed header or an unknown scheme, E0000011
     *     (401) for an unknown, revoked or expired token
     */
    public Principal authenticate(Optional<String> authorization) {
        String value = authorization.map(String::strip).orElse("");
        int space = indexOfWhitespace(value);
        if (space < 0) {
            throw OktaException.of(ErrorCode.E0000005);
        }
        String scheme = value.substring(0, space);
        String credential = value.substring(space + 1).strip();
        if (credential.isEmpty()) {
            throw OktaException.of(ErrorCode.E0000005);
        }
        if (scheme.equalsIgnoreCase("SSWS")) {
            return apiTokens.apply(credential).orElseThrow(() -> OktaException.of(ErrorCode.E0000011));
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return accessTokens.apply(credential).orElseThrow(() -> OktaException.of(ErrorCode.E0000011));
        }
        throw OktaException.of(ErrorCode.E0000005);
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
