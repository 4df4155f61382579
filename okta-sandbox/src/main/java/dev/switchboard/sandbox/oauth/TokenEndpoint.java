package dev.switchboard.sandbox.oauth;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.logs.EventType;
import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.QueryParameters;
import dev.switchboard.sandbox.server.SandboxServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The org authorization server's token endpoint for service apps, {@code POST /oauth2/v1/token}, and its keys,
 * {@code GET /oauth2/v1/keys}.
 *
 * <p>A request is {@code application/x-www-form-urlencoded} with {@code grant_type=client_credentials},
 * {@code scope} (space-separated), {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer}
 * and {@code client_assertion}: a JWT signed (RS256/384/512 or ES256/384/512) with the private key whose public
 * JWK the service app registered, with {@code iss} and {@code sub} the client id, {@code aud} the token
 * endpoint's URL, an {@code exp} at most one hour ahead, and a {@code jti} not used before. The answer is
 * {@code {"token_type":"Bearer","expires_in":3600,"access_token":"...","scope":"..."}}; the access token is a JWT
 * signed by the org ({@code /oauth2/v1/keys}) with the granted scopes as {@code scp}.
 *
 * <p>Errors use OAuth's body ({@code {"error","error_description"}}, RFC 6749 section 5.2), as Okta's
 * authorization servers do: {@code invalid_client} (401) for a missing, unverifiable or replayed assertion or an
 * unknown client; {@code unsupported_grant_type}, {@code invalid_request} (400); {@code invalid_scope} (400) for a
 * missing scope or one the app was not granted. Sources:
 * https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/ and
 * https://developer.okta.com/docs/api/openapi/okta-oauth/guides/client-auth/#jwt-with-private-key.
 */
public final class TokenEndpoint implements ApiEndpoints {
    /** The path of the token endpoint. */
    public static final String TOKEN_PATH = "/oauth2/v1/token";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final ServiceApps apps;
    private final SystemLog log;
    private final Supplier<String> orgUrl;
    private final Map<String, Instant> usedAssertionIds = new ConcurrentHashMap<>();
    private volatile RSAKey signingKey;

    /**
     * The endpoint over the org's service apps.
     *
     * @param apps the service apps, which also keep the issued tokens
     * @param log where grants are recorded
     * @param orgUrl the org's base URL without trailing slash
     */
    public TokenEndpoint(ServiceApps apps, SystemLog log, Supplier<String> orgUrl) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.log = Objects.requireNonNull(log, "log");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(TOKEN_PATH, this::token);
        routes.get("/oauth2/v1/keys", ctx -> JsonResponses.write(ctx, new JWKSet(signingKey().toPublicJWK()).toJSONObject(true)));
    }

    private void token(Context ctx) {
        try {
            issue(ctx);
        } catch (OAuthError error) {
            ctx.status(error.status);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error.code);
            body.put("error_description", error.getMessage());
            JsonResponses.write(ctx, body);
        }
    }

    private void issue(Context ctx) {
        QueryParameters form;
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            throw new OAuthError(400, "invalid_request", "The request must be application/x-www-form-urlencoded.");
        }
        form = QueryParameters.parse(ctx.body());
        String grantType = field(form, "grant_type");
        if (!grantType.equals("client_credentials")) {
            throw new OAuthError(400, "unsupported_grant_type",
                    "The authorization server supports client_credentials for service apps, not '" + grantType + "'.");
        }
        if (!ASSERTION_TYPE.equals(field(form, "client_assertion_type"))) {
            throw new OAuthError(401, "invalid_client", "client_assertion_type must be " + ASSERTION_TYPE);
        }
        ServiceApp app = verify(field(form, "client_assertion"));
        String scopeText = optional(form, "scope");
        if (scopeText.isBlank()) {
            throw new OAuthError(400, "invalid_scope", "The authorization server requires a scope for client_credentials.");
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(scopeText.strip().split("\\s+")));
        List<String> notGranted = scopes.stream().filter(scope -> !app.scopes().contains(scope)).toList();
        if (!notGranted.isEmpty()) {
            throw new OAuthError(400, "invalid_scope", "The following scopes are not allowed: " + String.join(" ", notGranted));
        }
        Instant now = apps.clock().instant();
        String accessToken = sign(app, scopes, now);
        apps.issue(app, scopes, accessToken);
        log.record(EventType.ACCESS_TOKEN_GRANT, new LogActor(app.clientId(), "PublicClientApp", app.clientId(), app.name()),
                List.of(new LogActor(app.clientId(), "AccessToken", app.name(), "Access Token")), SandboxServer.logRequest(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", ServiceApps.ACCESS_TOKEN_LIFETIME.toSeconds());
        body.put("access_token", accessToken);
        body.put("scope", String.join(" ", scopes));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        JsonResponses.write(ctx, body);
    }

    private ServiceApp verify(String assertion) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new OAuthError(401, "invalid_client", "The client_assertion is not a signed JWT.");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new OAuthError(401, "invalid_client", "The client_assertion's alg must be one of " + ALGORITHMS);
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject())) {
            throw new OAuthError(401, "invalid_client", "The client_assertion's iss and sub must both be the client id.");
        }
        ServiceApp app = apps.byId(clientId)
                .orElseThrow(() -> new OAuthError(401, "invalid_client", "The client_id is not a registered service app."));
        if (claims.getAudience() == null || !claims.getAudience().contains(orgUrl.get() + TOKEN_PATH)) {
            throw new OAuthError(401, "invalid_client", "The client_assertion's aud must be " + orgUrl.get() + TOKEN_PATH);
        }
        Instant now = apps.clock().instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().plus(CLOCK_SKEW).isAfter(now)) {
            throw new OAuthError(401, "invalid_client", "The client_assertion has expired (or has no exp).");
        }
        if (exp.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(CLOCK_SKEW))) {
            throw new OAuthError(401, "invalid_client", "The client_assertion's exp is more than one hour ahead.");
        }
        if (!verifiedByAnyKey(jwt, app)) {
            throw new OAuthError(401, "invalid_client", "The client_assertion's signature matches none of the app's public keys.");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new OAuthError(401, "invalid_client", "The client_assertion needs a jti.");
        }
        usedAssertionIds.values().removeIf(expiry -> expiry.isBefore(now));
        if (usedAssertionIds.putIfAbsent(clientId + " " + jti, exp.toInstant().plus(CLOCK_SKEW)) != null) {
            throw new OAuthError(401, "invalid_client", "The client_assertion's jti was already used.");
        }
        return app;
    }

    private static boolean verifiedByAnyKey(SignedJWT jwt, ServiceApp app) {
        JWKSet keys;
        try {
            keys = JWKSet.parse(app.jwks());
        } catch (ParseException e) {
            return false;
        }
        String kid = jwt.getHeader().getKeyID();
        for (JWK key : keys.getKeys()) {
            if (kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier;
                if (key instanceof RSAKey rsa) {
                    verifier = new RSASSAVerifier(rsa);
                } else if (key instanceof ECKey ec) {
                    verifier = new ECDSAVerifier(ec);
                } else {
                    continue;
                }
                if (verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of another type or size: try the next one
            }
        }
        return false;
    }

    private String sign(ServiceApp app, Set<String> scopes, Instant now) {
        RSAKey key = signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(orgUrl.get())
                .audience(orgUrl.get())
                .subject(app.clientId())
                .claim("cid", app.clientId())
                .claim("scp", List.copyOf(scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ServiceApps.ACCESS_TOKEN_LIFETIME)))
                .jwtID("AT." + UUID.randomUUID())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    private RSAKey signingKey() {
        RSAKey key = signingKey;
        if (key == null) {
            synchronized (this) {
                if (signingKey == null) {
                    try {
                        signingKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                    } catch (JOSEException e) {
                        throw new IllegalStateException("cannot generate the org's signing key", e);
                    }
                }
                key = signingKey;
            }
        }
        return key;
    }

    private static String field(QueryParameters form, String name) {
        String value = optional(form, name);
        if (value.isBlank()) {
            throw new OAuthError(name.startsWith("client_assertion") ? 401 : 400,
                    name.startsWith("client_assertion") ? "invalid_client" : "invalid_request",
                    "The request is missing " + name + ".");
        }
        return value;
    }

    private static String optional(QueryParameters form, String name) {
        try {
            return form.first(name, ErrorCode.E0000001).orElse("");
        } catch (OktaException e) {
            throw new OAuthError(400, "invalid_request", "The " + name + " parameter's URL encoding is broken.");
        }
    }

    /** An OAuth error answer. */
    private static final class OAuthError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        OAuthError(int status, String code, String description) {
            super(description);
            this.status = status;
            this.code = code;
        }
    }
}
