package dev.switchboard.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import dev.switchboard.core.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4): fetches an access token, caches it, refreshes it
 * {@value #REFRESH_SKEW_SECONDS} s before it expires (or after nine tenths of a short lifetime), and sends it
 * as {@code Authorization: Bearer}. Client authentication: {@code client_secret_basic},
 * {@code client_secret_post}, or {@code private_key_jwt} (RFC 7523 section 2.2: a JWT with
 * {@code iss = sub = client_id}, {@code aud = token URL}, {@code exp} 5 minutes ahead, a random {@code jti},
 * signed RS256 or ES256 with nimbus-jose-jwt), as Okta's service apps use
 * (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/). Thread-safe.
 */
final class ClientCredentialsAuthenticator implements Authenticator {
  static final long REFRESH_SKEW_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOKEN_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI tokenUrl;
  private final String clientId;
  private final AuthConfig.ClientAuth clientAuth;
  private final Secret secret;
  private final JWSSigner signer;
  private final JWSHeader header;
  private final List<String> scopes;
  private final Transport transport;
  private final Redactor redactor;
  /** The {@code Authorization} value of {@code client_secret_basic}, made once; null for the other client auths. */
  private final String basic;
  private Token cached;

  private record Token(String value, long refreshAtNanos) {}

  ClientCredentialsAuthenticator(URI tokenUrl, String clientId, AuthConfig.OAuth2ClientCredentials config,
      String keyId, Secret secret, Transport transport, Redactor redactor) {
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.clientAuth = config.clientAuth();
    this.secret = secret;
    this.scopes = config.scopes();
    this.transport = transport;
    this.redactor = redactor;
    if (clientAuth == AuthConfig.ClientAuth.PRIVATE_KEY_JWT) {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(config.algorithm());
      String kid = keyId;
      try {
        if (secret.value().startsWith("{")) {
          JWK jwk = JWK.parse(secret.value());
          kid = kid != null ? kid : jwk.getKeyID();
          this.signer = algorithm.equals(JWSAlgorithm.ES256) ? new ECDSASigner(jwk.toECKey()) : new RSASSASigner(jwk.toRSAKey());
        } else {
          PrivateKey key = pkcs8(secret, algorithm);
          this.signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
        }
      } catch (ParseException | JOSEException | IllegalStateException e) {
        throw new SecretException("secret '" + secret.name() + "' from " + secret.origin() + " is not a usable "
            + config.algorithm() + " private key (" + e.getClass().getSimpleName() + "); give a PKCS#8 PEM key"
            + " (-----BEGIN PRIVATE KEY-----) or a private JWK");
      }
      this.header = new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build();
    } else {
      secret.singleLine();
      this.signer = null;
      this.header = null;
    }
    if (clientAuth == AuthConfig.ClientAuth.CLIENT_SECRET_BASIC) {
      String credential = form(clientId) + ":" + form(secret.value());
      this.basic = "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
      redactor.register(basic.substring("Basic ".length()));
      redactor.registerCredential(credential);
    } else {
      this.basic = null;
    }
  }

  @Override
  public Request authenticate(Request request, CallContext call) throws IOException, InterruptedException {
    return request.withHeader("Authorization", "Bearer " + token(call));
  }

  @Override
  public synchronized boolean invalidate() {
    cached = null;
    return true;
  }

  @Override
  public String describe() {
    return "OAuth 2.0 client credentials (" + clientAuth.name().toLowerCase(Locale.ROOT) + ") from "
        + tokenUrl + " with client id " + clientId + ", scopes " + String.join(" ", scopes) + ", secret from "
        + secret.origin() + ", sent as a Bearer token";
  }

  private synchronized String token(CallContext call) throws IOException, InterruptedException {
    if (cached != null && System.nanoTime() < cached.refreshAtNanos()) {
      return cached.value();
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of("application/json"));
    headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
    switch (clientAuth) {
      case CLIENT_SECRET_BASIC -> headers.put("Authorization", List.of(basic));
      case CLIENT_SECRET_POST -> {
        form.put("client_id", clientId);
        form.put("client_secret", secret.value());
      }
      case PRIVATE_KEY_JWT -> {
        form.put("client_id", clientId);
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion());
      }
    }
    String body = form.entrySet().stream().map(e -> form(e.getKey()) + "=" + form(e.getValue())).collect(Collectors.joining("&"));
    Duration timeout = call.remaining().compareTo(TOKEN_REQUEST_TIMEOUT) < 0 ? call.remaining() : TOKEN_REQUEST_TIMEOUT;
    long sentAt = System.nanoTime();
    Response response = transport.send(new Request("POST", tokenUrl, headers, body.getBytes(StandardCharsets.UTF_8)), timeout);
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.status() != 200 || json == null || !json.hasNonNull("access_token")) {
      String error = json == null ? null : json.path("error").asText(null);
      String description = json == null ? null : json.path("error_description").asText(null);
      throw new TokenRequestException("the token endpoint " + tokenUrl + " answered " + response.status()
          + (error == null ? "" : " " + error) + (description == null ? "" : ": " + description), response.status(), error);
    }
    String token = json.get("access_token").asText();
    redactor.register(token);
    long lifetime = json.path("expires_in").asLong(3600);
    long refreshIn = Math.max(lifetime - REFRESH_SKEW_SECONDS, lifetime * 9 / 10);
    cached = new Token(token, sentAt + Duration.ofSeconds(Math.max(1, refreshIn)).toNanos());
    return token;
  }

  private String assertion() throws IOException {
    long now = System.currentTimeMillis();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(tokenUrl.toString())
        .issueTime(new Date(now))
        .expirationTime(new Date(now + 5 * 60 * 1000))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IOException("cannot sign the client assertion: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  private static PrivateKey pkcs8(Secret secret, JWSAlgorithm algorithm) {
    String pem = secret.value();
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new SecretException("secret '" + secret.name() + "' from " + secret.origin() + " is a PKCS#1/SEC1 key;"
          + " convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
    }
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("not base64");
    }
    String family = algorithm.getName().startsWith("ES") ? "EC" : "RSA";
    try {
      return KeyFactory.getInstance(family).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("not a PKCS#8 " + family + " key");
    }
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
