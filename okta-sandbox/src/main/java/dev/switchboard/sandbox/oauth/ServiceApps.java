package dev.switchboard.sandbox.oauth;

import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.auth.Scopes;
import dev.switchboard.sandbox.store.DataDirectory;
import dev.switchboard.sandbox.store.Journal;
import dev.switchboard.sandbox.wire.OktaIds;
import dev.switchboard.sandbox.wire.OktaTimestamps;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's OAuth 2.0 service apps and the access tokens issued to them; thread-safe.
 *
 * <p>Access tokens live one hour (Okta's default for the org authorization server) and are kept only as SHA-256
 * hashes. Service apps and unexpired access tokens are saved to the journal, so a token keeps working across a
 * restart of a sandbox with a data directory, as it does across Okta's own deployments. (The org's signing key is not
 * saved, a private key never being written to disk: after a restart {@code /oauth2/v1/keys} serves a new key, and
 * tokens issued before still work with the sandbox but no longer verify against the keys.)
 */
public final class ServiceApps {
    /** The journal's record kind for service apps. */
    public static final String KIND = "serviceApp";
    /** The journal's record kind for access tokens, with the SHA-256 of the token as id. */
    public static final String ACCESS_TOKEN_KIND = "accessToken";
    /** How long an access token lives. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, ServiceApp> appsById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AccessToken> tokensByHash = new ConcurrentHashMap<>();
    private volatile Journal journal = Journal.NONE;

    /**
     * An org without service apps.
     *
     * @param clock the clock of expiry
     */
    public ServiceApps(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
     * Registers a service app, as an admin does in the Admin Console (Applications &gt; Create App Integration
     * &gt; API Services, then public key authentication and the granted scopes).
     *
     * @param name the app's label
     * @param publicJwks the app's public keys: a JWK Set ({@code {"keys":[...]}}) or a single JWK, as JSON
     * @param scopes the scopes the app may request, among {@link Scopes#ALL}
     * @return the app, with its new client id
     * @throws IllegalArgumentException when the name is blank, the keys are not public RSA or EC JWKs, or a scope
     *     is unknown
     */
    public ServiceApp register(String name, String publicJwks, Set<String> scopes) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a service app needs a name");
        }
        for (String scope : scopes) {
            if (!Scopes.ALL.contains(scope)) {
                throw new IllegalArgumentException("unknown scope '" + scope + "'; one of " + Scopes.ALL);
            }
        }
        JWKSet keys = parseKeys(publicJwks);
        String clientId;
        synchronized (random) {
            clientId = OktaIds.next(OktaIds.CLIENT, random);
        }
        ServiceApp app = new ServiceApp(clientId, name.strip(), keys.toJSONObject(true), scopes, clock.instant());
        put(app);
        return app;
    }

    /**
     * The app with this client id.
     *
     * @param clientId a client id
     * @return the app, or empty
     */
    public Optional<ServiceApp> byId(String clientId) {
        return Optional.ofNullable(appsById.get(clientId));
    }

    /**
     * Every registered app.
     *
     * @return a snapshot
     */
    public Collection<ServiceApp> all() {
        return List.copyOf(appsById.values());
    }

    /**
     * Issues an access token.
     *
     * @param app the app it is issued to
     * @param scopes the granted scopes
     * @param value the token's value as sent to the client
     * @return when it expires
     */
    synchronized Instant issue(ServiceApp app, Set<String> scopes, String value) {
        Instant expires = clock.instant().plus(ACCESS_TOKEN_LIFETIME);
        String hash = sha256(value);
        AccessToken token = new AccessToken(app.clientId(), Set.copyOf(scopes), expires);
        journal.record(ACCESS_TOKEN_KIND, hash, () -> Optional.of(token.toMap()));
        tokensByHash.put(hash, token);
        return expires;
    }

    /**
     * Who a Bearer access token acts for.
     *
     * @param value the token's value
     * @return the service app's principal, or empty when the token is unknown, expired, or its app is gone
     */
    public Optional<Principal> principal(String value) {
        AccessToken token = tokensByHash.get(sha256(value));
        if (token == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(token.expires())) {
            forget(sha256(value));
            return Optional.empty();
        }
        return byId(token.clientId()).map(app -> new Principal(Principal.Kind.SERVICE_APP, app.clientId(),
                app.clientId(), app.name(), Optional.empty(), token.scopes()));
    }

    Clock clock() {
        return clock;
    }

    /**
     * A service app as saved in a data directory (public keys only).
     *
     * @param app the app
     * @return JSON values
     */
    public static Map<String, Object> toMap(ServiceApp app) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("clientId", app.clientId());
        map.put("name", app.name());
        map.put("jwks", app.jwks());
        map.put("scopes", new ArrayList<>(app.scopes()));
        map.put("created", OktaTimestamps.format(app.created()));
        return map;
    }

    /**
     * Restores an app saved by {@link #toMap(ServiceApp)}.
     *
     * @param map the saved values
     */
    @SuppressWarnings("unchecked")
    public void restore(Map<String, Object> map) {
        ServiceApp app = new ServiceApp((String) map.get("clientId"), (String) map.get("name"),
                (Map<String, Object>) map.get("jwks"), Set.copyOf((List<String>) map.get("scopes")),
                OktaTimestamps.parse(String.valueOf(map.get("created"))).orElseThrow());
        appsById.put(app.clientId(), app);
    }

    /** Forgets an expired token; best effort, as a read must not fail because the disk is full. */
    private synchronized void forget(String hash) {
        if (tokensByHash.containsKey(hash)) {
            try {
                journal.record(ACCESS_TOKEN_KIND, hash, Optional::empty);
                tokensByHash.remove(hash);
            } catch (DataDirectory.WriteFailedException e) {
                // the expired token stays unusable in memory and is forgotten at a later use or restart
            }
        }
    }

    /**
     * The unexpired access tokens, for saving: each as its hash and saved values.
     *
     * @return hash to JSON values
     */
    public Map<String, Map<String, Object>> accessTokens() {
        Instant now = clock.instant();
        Map<String, Map<String, Object>> saved = new LinkedHashMap<>();
        tokensByHash.forEach((hash, token) -> {
            if (now.isBefore(token.expires())) {
                saved.put(hash, token.toMap());
            }
        });
        return saved;
    }

    /**
     * Restores an access token saved by {@link #accessTokens()}, unless it expired meanwhile.
     *
     * @param hash the token's SHA-256
     * @param map the saved values
     */
    @SuppressWarnings("unchecked")
    public void restoreAccessToken(String hash, Map<String, Object> map) {
        Instant expires = OktaTimestamps.parse(String.valueOf(map.get("expires"))).orElseThrow(() ->
                new IllegalArgumentException("a saved access token without expires"));
        if (clock.instant().isBefore(expires)) {
            tokensByHash.put(hash, new AccessToken((String) map.get("clientId"),
                    Set.copyOf((List<String>) map.get("scopes")), expires));
        }
    }

    private synchronized void put(ServiceApp app) {
        journal.record(KIND, app.clientId(), () -> Optional.of(toMap(app)));
        appsById.put(app.clientId(), app);
    }

    private static JWKSet parseKeys(String json) {
        JWKSet set;
        try {
            set = json.contains("\"keys\"") ? JWKSet.parse(json) : new JWKSet(JWK.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK or JWK Set: " + e.getMessage(), e);
        }
        if (set.getKeys().isEmpty()) {
            throw new IllegalArgumentException("a service app needs at least one public key");
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                throw new IllegalArgumentException("register the public key only; the private key stays with the client");
            }
        }
        return set;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** An issued access token, by the hash of its value. */
    private record AccessToken(String clientId, Set<String> scopes, Instant expires) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("clientId", clientId);
            map.put("scopes", new ArrayList<>(new TreeSet<>(scopes)));
            map.put("expires", OktaTimestamps.format(expires));
            return map;
        }
    }
}
