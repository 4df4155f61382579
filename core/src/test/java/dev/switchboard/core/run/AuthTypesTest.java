package dev.switchboard.core.run;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ActionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every auth type on the wire, with an in-test OAuth 2.0 token endpoint that checks what it receives. */
class AuthTypesTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String GET_USER = """
      description: Gets a user.
      method: GET
      path: /api/v1/users/{{id}}
      inputs:
        id: {type: string, required: true}
      """;
  private static final String CLIENT_SECRET = "client-secret-0123456789abcdef";

  @TempDir
  Path dir;

  private Engine engine(String auth, String url, Map<String, String> secrets) {
    return Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(auth, ""), Map.of("get_user", GET_USER)), url, secrets);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  /** A server whose /oauth2/v1/token endpoint checks the client with {@code checkClient} and issues numbered tokens. */
  private static WireServer oauthServer(Function<WireServer.Seen, String> checkClient, AtomicInteger issued, int expiresIn,
      Function<WireServer.Seen, WireServer.Answer> api) throws Exception {
    return new WireServer(r -> {
      if (r.rawUri().getPath().equals("/oauth2/v1/token")) {
        String problem = checkClient.apply(r);
        if (problem != null) {
          return WireServer.Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"" + problem + "\"}");
        }
        return WireServer.Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
            + ",\"access_token\":\"at-" + issued.incrementAndGet() + "\",\"scope\":\"okta.users.read\"}");
      }
      return api.apply(r);
    });
  }

  private static WireServer.Answer ok(WireServer.Seen r) {
    return WireServer.Answer.json(200, "{\"id\":\"00u1\",\"auth\":\"" + r.header("Authorization") + "\"}");
  }

  @Test
  void bearerSendsTheToken() throws Exception {
    try (WireServer server = new WireServer(AuthTypesTest::ok)) {
      engine("{type: bearer, secret: my_token}", server.url(), Map.of("my_token", "tok-123456")).call("testorg.get_user", Map.of("id", F.textNode("1")));
      assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Bearer tok-123456");
    }
  }

  @Test
  void basicSendsUserAndPasswordEncoded() throws Exception {
    try (WireServer server = new WireServer(AuthTypesTest::ok)) {
      engine("{type: basic, username: \"{{config.client_id}}\", secret: my_password}", server.url(), Map.of("my_password", "pa:ss wörd"))
          .call("testorg.get_user", Map.of("id", F.textNode("1")));
      assertThat(server.seen.get(0).header("Authorization"))
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("0oaTestClient:pa:ss wörd".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void clientSecretBasicGetsATokenOnceAndReusesIt() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    String expected = "Basic " + Base64.getEncoder().encodeToString(("0oaTestClient:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    try (WireServer server = oauthServer(r -> expected.equals(r.header("Authorization"))
        && "client_credentials".equals(form(r.body()).get("grant_type")) && "okta.users.read".equals(form(r.body()).get("scope"))
        ? null : "bad client", issued, 3600, AuthTypesTest::ok)) {
      Engine engine = engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", client_auth: client_secret_basic, secret: my_secret, scopes: [okta.users.read]}",
          server.url(), Map.of("my_secret", CLIENT_SECRET));
      engine.call("testorg.get_user", Map.of("id", F.textNode("1")));
      engine.call("testorg.get_user", Map.of("id", F.textNode("2")));
      assertThat(issued).hasValue(1);
      assertThat(server.seen).extracting(s -> s.header("Authorization")).containsSubsequence(expected, "Bearer at-1", "Bearer at-1");
    }
  }

  @Test
  void clientSecretPostSendsTheSecretInTheForm() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    try (WireServer server = oauthServer(r -> CLIENT_SECRET.equals(form(r.body()).get("client_secret"))
        && "0oaTestClient".equals(form(r.body()).get("client_id")) && r.header("Authorization") == null ? null : "bad client",
        issued, 3600, AuthTypesTest::ok)) {
      ActionResult result = engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", client_auth: client_secret_post, secret: my_secret}",
          server.url(), Map.of("my_secret", CLIENT_SECRET)).call("testorg.get_user", Map.of("id", F.textNode("1")));
      assertThat(server.seen.get(server.seen.size() - 1).header("Authorization")).isEqualTo("Bearer at-1");
    }
  }

  private static String checkAssertion(WireServer.Seen r, JWSVerifier verifier, String tokenUrl) {
    Map<String, String> f = form(r.body());
    try {
      if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(f.get("client_assertion_type"))) {
        return "assertion type";
      }
      SignedJWT jwt = SignedJWT.parse(f.get("client_assertion"));
      if (!jwt.verify(verifier)) {
        return "signature";
      }
      var claims = jwt.getJWTClaimsSet();
      boolean ok = "0oaTestClient".equals(claims.getIssuer()) && "0oaTestClient".equals(claims.getSubject())
          && claims.getAudience().equals(List.of(tokenUrl)) && claims.getJWTID() != null
          && claims.getExpirationTime().getTime() > System.currentTimeMillis()
          && claims.getExpirationTime().getTime() <= System.currentTimeMillis() + 3_600_000;
      return ok ? null : "claims";
    } catch (Exception e) {
      return "unreadable assertion";
    }
  }

  @Test
  void privateKeyJwtWithRs256FromAPkcs8PemIsVerifiedByTheTokenEndpoint() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPrivateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    RSASSAVerifier verifier = new RSASSAVerifier(key.toPublicJWK());
    AtomicInteger issued = new AtomicInteger();
    String[] url = new String[1];
    try (WireServer server = oauthServer(r -> checkAssertion(r, verifier, url[0]), issued, 3600, AuthTypesTest::ok)) {
      url[0] = server.url() + "/oauth2/v1/token";
      ActionResult result = engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", client_auth: private_key_jwt, algorithm: RS256, secret: my_key, scopes: [okta.users.read]}",
          server.url(), Map.of("my_key", pem)).call("testorg.get_user", Map.of("id", F.textNode("1")));
      assertThat(server.seen.get(server.seen.size() - 1).header("Authorization")).isEqualTo("Bearer at-1");
    }
  }

  @Test
  void privateKeyJwtWithEs256FromAJwkIsVerifiedByTheTokenEndpoint() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec1").generate();
    ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());
    AtomicInteger issued = new AtomicInteger();
    String[] url = new String[1];
    try (WireServer server = oauthServer(r -> checkAssertion(r, verifier, url[0]), issued, 3600, AuthTypesTest::ok)) {
      url[0] = server.url() + "/oauth2/v1/token";
      ActionResult result = engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", client_auth: private_key_jwt, algorithm: ES256, secret: my_key}",
          server.url(), Map.of("my_key", key.toJSONString())).call("testorg.get_user", Map.of("id", F.textNode("1")));
      assertThat(server.seen.get(server.seen.size() - 1).header("Authorization")).isEqualTo("Bearer at-1");
      SignedJWT sent = SignedJWT.parse(form(server.seen.get(0).body()).get("client_assertion"));
      assertThat(sent.getHeader().getKeyID()).isEqualTo("ec1");
    }
  }

  @Test
  void anExpiringTokenIsRefreshedBeforeItExpires() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    try (WireServer server = oauthServer(r -> null, issued, 1, AuthTypesTest::ok)) {
      Engine engine = engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", secret: my_secret}", server.url(), Map.of("my_secret", CLIENT_SECRET));
      engine.call("testorg.get_user", Map.of("id", F.textNode("1")));
      Thread.sleep(1100);
      ActionResult second = engine.call("testorg.get_user", Map.of("id", F.textNode("2")));
      assertThat(issued).hasValue(2);
      assertThat(server.seen.get(server.seen.size() - 1).header("Authorization")).isEqualTo("Bearer at-2");
    }
  }

  @Test
  void aRevokedTokenIsRefreshedOnceOnA401() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    try (WireServer server = oauthServer(r -> null, issued, 3600, r -> "Bearer at-1".equals(r.header("Authorization"))
        ? WireServer.Answer.json(401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}")
        : ok(r))) {
      ActionResult result = engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", secret: my_secret}", server.url(), Map.of("my_secret", CLIENT_SECRET))
          .call("testorg.get_user", Map.of("id", F.textNode("1")));
      assertThat(server.seen.get(server.seen.size() - 1).header("Authorization")).isEqualTo("Bearer at-2");
      assertThat(issued).hasValue(2);
    }
  }

  @Test
  void aRefusedClientIsAnAuthErrorWithTheEndpointsWordsAndNoSecret() throws Exception {
    try (WireServer server = oauthServer(r -> "The client secret supplied for a confidential client is invalid.", new AtomicInteger(), 3600,
        AuthTypesTest::ok)) {
      assertThatThrownBy(() -> engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", secret: my_secret}", server.url(), Map.of("my_secret", CLIENT_SECRET))
          .call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
            assertThat(e.errorCode()).contains("invalid_client");
            assertThat(e.getMessage()).contains("401 invalid_client").contains("client secret supplied").doesNotContain(CLIENT_SECRET);
          });
    }
  }

  @Test
  void aTokenUrlOnAnotherHostIsRefused() throws Exception {
    try (WireServer server = new WireServer(AuthTypesTest::ok)) {
      assertThatThrownBy(() -> engine("{type: oauth2_client_credentials, token_url: \"https://evil.example/token\","
          + " client_id: \"{{config.client_id}}\", secret: my_secret}", server.url(), Map.of("my_secret", CLIENT_SECRET))
          .call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
            assertThat(e.getMessage()).contains("not on the connector's host or its allowed_hosts");
          });
      assertThat(server.seen).isEmpty();
    }
  }

  @Test
  void aPkcs1KeyIsRefusedWithTheConversionCommand() throws Exception {
    try (WireServer server = new WireServer(AuthTypesTest::ok)) {
      assertThatThrownBy(() -> engine("{type: oauth2_client_credentials, token_url: \"{{config.org_url}}/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", client_auth: private_key_jwt, secret: my_key}", server.url(),
          Map.of("my_key", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"))
          .call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .hasMessageContaining("openssl pkcs8 -topk8");
    }
  }
}
