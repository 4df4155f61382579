package dev.switchboard.sandbox.auth;

import java.time.Instant;

/**
 * An API token as Okta describes it (the {@code ApiToken} schema), without its secret: the sandbox keeps only
 * a SHA-256 hash of the secret, and the secret itself is shown once, when the token is created.
 *
 * @param id the token id, {@code 00T} followed by 17 alphanumerics
 * @param name the name given at creation, e.g. {@code Agent Studio Connector}
 * @param userId the id of the admin the token acts for
 * @param clientName the client that created it; {@code Okta API} for tokens the sandbox issues
 * @param created when the token was created
 * @param expiresAt when it expires if unused: {@code created} plus the token window
 * @param tokenWindow the idle window as an ISO-8601 duration, {@code P30D} as in Okta
 */
public record ApiToken(
        String id,
        String name,
        String userId,
        String clientName,
        Instant created,
        Instant expiresAt,
        String tokenWindow) {
}
