package dev.switchboard.sandbox.auth;

import dev.switchboard.sandbox.wire.OktaIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's API tokens, keyed by the SHA-256 hash of their secret; thread-safe.
 *
 * <p>Okta shows a token's value once, at creation, and cannot show it again
 * (https://developer.okta.com/docs/guides/create-an-api-token/): so does this store, which never holds a
 * secret in plaintext. Expiry after 30 days without use is not enforced (a sandbox lives minutes, not weeks).
 */
public final class ApiTokenStore {
    private static final Duration TOKEN_WINDOW = Duration.ofDays(30);
    private static final int SECRET_LENGTH = 40;

    private final String adminUserId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, ApiToken> tokensByHash = new ConcurrentHashMap<>();

    /**
     * A store whose tokens act for the given admin.
     *
     * @param adminUserId the user id recorded as each token's {@code userId}
     * @param clock the clock for {@code created} and {@code expiresAt}
     */
    public ApiTokenStore(String adminUserId, Clock clock) {
        this.adminUserId = Objects.requireNonNull(adminUserId, "adminUserId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a token, as an admin does in the Admin Console (Security &gt; API &gt; Tokens).
     *
     * @param name the token's name, e.g. {@code Agent Studio Connector}; not blank
     * @return the secret, to give to the caller once, and the token's description
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public IssuedToken create(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an API token needs a name, e.g. \"Agent Studio Connector\"");
        }
        String secret;
        String id;
        synchronized (random) {
            secret = "00" + OktaIds.alphanumerics(random, SECRET_LENGTH);
            id = OktaIds.next(OktaIds.API_TOKEN, random);
        }
        Instant now = clock.instant();
        ApiToken token = new ApiToken(id, name, adminUserId, "Okta API", now, now.plus(TOKEN_WINDOW), "P30D");
        tokensByHash.put(sha256(secret), token);
        return new IssuedToken(secret, token);
    }

    /**
     * Finds the token whose secret this is.
     *
     * @param secret the value a client sent after {@code SSWS }
     * @return the token, or empty when the secret is unknown or was revoked
     */
    public Optional<ApiToken> find(String secret) {
        return Optional.ofNullable(tokensByHash.get(sha256(secret)));
    }

    /**
     * Revokes the token whose secret this is; later requests with it get 401 E0000011.
     *
     * @param secret the token's secret
     * @return whether a token was revoked
     */
    public boolean revoke(String secret) {
        return tokensByHash.remove(sha256(secret)) != null;
    }

    /**
     * The tokens that are not revoked.
     *
     * @return a snapshot, in no particular order
     */
    public List<ApiToken> list() {
        return List.copyOf(tokensByHash.values());
    }

    private static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * A token just created: the secret, shown once, and the token's description.
     *
     * @param secret the plaintext value a client sends as {@code Authorization: SSWS {secret}}
     * @param token the token as the API would describe it
     */
    public record IssuedToken(String secret, ApiToken token) {
        @Override
        public String toString() {
            return "IssuedToken[token=" + token + ", secret=(hidden)]";
        }
    }
}
