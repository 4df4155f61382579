package dev.switchboard.sandbox.auth;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks the {@code Authorization} header of a Management API request as Okta does.
 *
 * <ul>
 *   <li>{@code SSWS {token}} with a known token: accepted.</li>
 *   <li>{@code SSWS {anything else}}, including an OAuth access token (a JWT) sent with the SSWS scheme
 *       (case C11): 401 E0000011 "Invalid token provided".</li>
 *   <li>{@code Bearer {jwt}}: 401 E0000011; OAuth access tokens are not supported by the sandbox yet.</li>
 *   <li>No header, an empty one, a scheme without a credential, or another scheme (e.g. {@code Basic}):
 *       403 E0000005 "Invalid session", as observed on Okta (OKTA-WIRE.md "Authentication").</li>
 * </ul>
 * Scheme names are matched case-insensitively (RFC 9110, section 11.1).
 */
public final class SswsAuthenticator {
    private final ApiTokenStore tokens;

    /**
     * An authenticator over the given tokens.
     *
     * @param tokens the org's API tokens
     */
    public SswsAuthenticator(ApiTokenStore tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Authenticates a request by its {@code Authorization} header.
     *
     * @param authorization the header's value, or empty when the request has none
     * @return the token the request acts with
     * @throws OktaException E0000005 (403) for a missing or malformed header or an unknown scheme, E0000011
     *     (401) for an unknown or revoked token or a Bearer token
     */
    public ApiToken authenticate(Optional<String> authorization) {
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
            return tokens.find(credential).orElseThrow(() -> OktaException.of(ErrorCode.E0000011));
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            throw OktaException.of(ErrorCode.E0000011);
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
