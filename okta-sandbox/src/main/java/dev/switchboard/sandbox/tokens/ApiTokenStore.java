package dev.switchboard.sandbox.tokens;

import dev.switchboard.sandbox.store.DataDirectory;
import dev.switchboard.sandbox.store.Journal;
import dev.switchboard.sandbox.wire.OktaIds;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's API tokens, keyed by the SHA-256 hash of their secret; thread-safe.
 *
 * <p>Okta shows a token's value once, at creation, and cannot show it again
 * (https://developer.okta.com/docs/guides/create-an-api-token/): so does this store, which never holds a secret
 * in plaintext. A token expires when it goes unused for its token window (Okta: 30 days; configurable here so
 * that tests can use seconds); each use moves {@code expiresAt} to the time of use plus the window. A use is
 * written to the journal at most once a minute per token, so a crash may shorten a token's life by that much.
 */
public final class ApiTokenStore {
    /** The journal's record kind for tokens. */
    public static final String KIND = "apiToken";
    /** Okta's token window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private static final int SECRET_LENGTH = 40;
    private static final Duration JOURNAL_RENEWALS_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final Duration window;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, ApiToken> tokensByHash = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> journaledExpiry = new ConcurrentHashMap<>();
    private volatile Journal journal = Journal.NONE;

    /**
     * An empty store.
     *
     * @param clock the clock of {@code created} and of expiry
     * @param window how long a token may go unused; whole seconds, at least 1 s
     * @throws IllegalArgumentException when the window is shorter than 1 s or not whole seconds
     */
    public ApiTokenStore(Clock clock, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.toMillis() < 1000 || window.getNano() != 0) {
            throw new IllegalArgumentException("a token window is whole seconds, at least 1 s: " + window);
        }
        this.window = window;
    }

    /**
     * Sets where changes are also written.
     *
     * @param journal the journal
     */
    public void journal(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * Creates a token, as an admin does in the Admin Console (Security &gt; API &gt; Tokens).
     *
     * @param name the token's name, e.g. {@code Agent Studio Connector}; not blank
     * @param userId the admin who creates it and whose privileges it carries
     * @return the secret, to give to the caller once, and the token's description
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public IssuedToken create(String name, String userId) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an API token needs a name, e.g. \"Agent Studio Connector\"");
        }
        Objects.requireNonNull(userId, "userId");
        String secret;
        String id;
        synchronized (random) {
            secret = "00" + OktaIds.alphanumerics(random, SECRET_LENGTH);
            id = OktaIds.next(OktaIds.API_TOKEN, random);
        }
        Instant now = clock.instant();
        ApiToken token = new ApiToken(id, name.strip(), userId, "Okta API", now, now, now.plus(window), window,
                Map.of("connection", "ANYWHERE"), sha256(secret));
        put(token);
        return new IssuedToken(secret, token);
    }

    /**
     * Finds the token whose secret this is, and counts the use: an unexpired token's expiry moves to now plus
     * the window. An expired token is removed.
     *
     * @param secret the value a client sent after {@code SSWS }
     * @return the token, or empty when the secret is unknown, revoked or expired
     */
    public Optional<ApiToken> use(String secret) {
        String hash = sha256(secret);
        ApiToken token = tokensByHash.get(hash);
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt())) {
            try {
                remove(token);
            } catch (DataDirectory.WriteFailedException e) {
                // an expired token stays unusable in memory; the data directory forgets it once it can be written
            }
            return Optional.empty();
        }
        ApiToken renewed = new ApiToken(token.id(), token.name(), token.userId(), token.clientName(), token.created(),
                token.lastUpdated(), now.plus(window), token.tokenWindow(), token.network(), token.secretHash());
        tokensByHash.replace(hash, token, renewed);
        Instant journaled = journaledExpiry.getOrDefault(token.id(), Instant.MIN);
        if (Duration.between(journaled, renewed.expiresAt()).compareTo(JOURNAL_RENEWALS_EVERY) >= 0) {
            synchronized (this) {
                ApiToken current = tokensByHash.get(hash);
                if (current != null) {
                    try {
                        journal.record(KIND, current.id(), () -> Optional.of(toMap(current)));
                        journaledExpiry.put(current.id(), current.expiresAt());
                    } catch (DataDirectory.WriteFailedException e) {
                        // renewals are best effort: a read must not fail because the disk is full
                    }
                }
            }
        }
        return Optional.of(renewed);
    }

    /**
     * The token with this id, unless it expired.
     *
     * @param id a token id
     * @return the token, or empty
     */
    public Optional<ApiToken> byId(String id) {
        Instant now = clock.instant();
        return tokensByHash.values().stream()
                .filter(token -> token.id().equals(id) && now.isBefore(token.expiresAt()))
                .findFirst();
    }

    /**
     * Revokes the token with this id; requests with it then get 401 E0000011.
     *
     * @param id the token's id
     * @return the revoked token, or empty when there was none
     */
    public Optional<ApiToken> revokeById(String id) {
        Optional<ApiToken> token = byId(id);
        token.ifPresent(this::remove);
        return token;
    }

    /**
     * Revokes the token whose secret this is.
     *
     * @param secret the token's secret
     * @return whether a token was revoked
     */
    public boolean revoke(String secret) {
        ApiToken token = tokensByHash.get(sha256(secret));
        if (token == null) {
            return false;
        }
        remove(token);
        return true;
    }

    /**
     * Revokes every token a user created, as Okta does when the user is deactivated.
     *
     * @param userId the user's id
     * @return the revoked tokens
     */
    public List<ApiToken> revokeAllOf(String userId) {
        List<ApiToken> revoked = new ArrayList<>();
        for (ApiToken token : tokensByHash.values()) {
            if (token.userId().equals(userId)) {
                remove(token);
                revoked.add(token);
            }
        }
        return revoked;
    }

    /**
     * Renames a token or changes its network condition.
     *
     * @param id the token's id
     * @param name the new name, or empty to keep it
     * @param network the new network condition, or empty to keep it
     * @return the updated token, or empty when there is none with this id
     */
    public synchronized Optional<ApiToken> update(String id, Optional<String> name, Optional<Map<String, Object>> network) {
        return byId(id).map(token -> {
            ApiToken updated = new ApiToken(token.id(), name.orElse(token.name()), token.userId(), token.clientName(),
                    token.created(), clock.instant(), token.expiresAt(), token.tokenWindow(),
                    network.orElse(token.network()), token.secretHash());
            put(updated);
            return updated;
        });
    }

    /**
     * The tokens that are neither revoked nor expired, oldest first.
     *
     * @return a snapshot list
     */
    public List<ApiToken> list() {
        Instant now = clock.instant();
        List<ApiToken> tokens = new ArrayList<>();
        tokensByHash.values().forEach(token -> {
            if (now.isBefore(token.expiresAt())) {
                tokens.add(token);
            }
        });
        tokens.sort(Comparator.comparing(ApiToken::created).thenComparing(ApiToken::id));
        return tokens;
    }

    /**
     * A token as saved in a data directory: its description and the hash of its secret, never the secret.
     *
     * @param token the token
     * @return JSON values
     */
    public static Map<String, Object> toMap(ApiToken token) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", token.id());
        map.put("name", token.name());
        map.put("userId", token.userId());
        map.put("clientName", token.clientName());
        map.put("created", OktaTimestamps.format(token.created()));
        map.put("lastUpdated", OktaTimestamps.format(token.lastUpdated()));
        map.put("expiresAt", OktaTimestamps.format(token.expiresAt()));
        map.put("tokenWindowSeconds", token.tokenWindow().toSeconds());
        map.put("network", token.network());
        map.put("secretSha256", token.secretHash());
        return map;
    }

    /**
     * Restores a token saved by {@link #toMap(ApiToken)}.
     *
     * @param map the saved values
     * @throws IllegalArgumentException when a value is missing or malformed
     */
    @SuppressWarnings("unchecked")
    public void restore(Map<String, Object> map) {
        ApiToken token = new ApiToken((String) map.get("id"), (String) map.get("name"), (String) map.get("userId"),
                (String) map.get("clientName"), instant(map, "created"), instant(map, "lastUpdated"),
                instant(map, "expiresAt"), Duration.ofSeconds(((Number) map.get("tokenWindowSeconds")).longValue()),
                (Map<String, Object>) map.getOrDefault("network", Map.of()), (String) map.get("secretSha256"));
        tokensByHash.put(token.secretHash(), token);
        journaledExpiry.put(token.id(), token.expiresAt());
    }

    private static Instant instant(Map<String, Object> map, String key) {
        return OktaTimestamps.parse(String.valueOf(map.get(key)))
                .orElseThrow(() -> new IllegalArgumentException("a saved token without " + key));
    }

    private synchronized void put(ApiToken token) {
        journal.record(KIND, token.id(), () -> Optional.of(toMap(token)));
        tokensByHash.put(token.secretHash(), token);
        journaledExpiry.put(token.id(), token.expiresAt());
    }

    private synchronized void remove(ApiToken token) {
        if (tokensByHash.containsKey(token.secretHash())) {
            journal.record(KIND, token.id(), Optional::empty);
            tokensByHash.remove(token.secretHash());
            journaledExpiry.remove(token.id());
        }
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
            return "IssuedToken[token=" + token.id() + ", secret=(hidden)]";
        }
    }
}
