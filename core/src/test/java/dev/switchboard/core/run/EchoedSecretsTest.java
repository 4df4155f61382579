package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile upstream echoes the credential it received back into the places an error or a result is built from:
 * the request id header, the error body, a successful body, a token endpoint's error; plainly or in base64.
 */
class EchoedSecretsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String AUTH = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";
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

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Everything an error carries, as one text: what an MCP result, the CLI or a run record can show. */
  private static String everything(ActionError e) {
    StringBuilder all = new StringBuilder(e.getMessage()).append(e.errorCode().orElse("")).append(e.errorSummary().orElse(""))
        .append(e.errorCauses()).append(e.requestId().orElse("")).append(e.field().orElse(""));
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      all.append(t);
    }
    return all.toString();
  }

  @Test
  void aCredentialEchoedAsTheRequestIdIsScrubbedFromEveryFieldOfTheError() throws Exception {
    try (WireServer server = new WireServer(r -> new WireServer.Answer(404, Map.of("Content-Type", List.of("application/json"),
        "X-Okta-Request-Id", List.of(r.header("Authorization"))),
        "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not found: 1 (User)\"}"))) {
      assertThatThrownBy(() -> engine(AUTH, server.url(), Map.of("testorg_api_token", Fixtures.TOKEN))
          .call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(e.requestId()).contains("SSWS [REDACTED]");
            assertThat(everything(e)).doesNotContain(Fixtures.TOKEN);
          });
    }
  }

  @Test
  void theCredentialEchoedInBase64InAnErrorBodyIsScrubbed() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(400,
        "{\"errorCode\":\"E0000001\",\"errorSummary\":\"bad header " + base64(r.header("Authorization")) + "\",\"errorCauses\":"
            + "[{\"errorSummary\":\"token " + base64Url(Fixtures.TOKEN) + "\"}]}"))) {
      assertThatThrownBy(() -> engine(AUTH, server.url(), Map.of("testorg_api_token", Fixtures.TOKEN))
          .call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(everything(e)).doesNotContain(base64("SSWS " + Fixtures.TOKEN).substring(8, 36))
                .doesNotContain(base64Url(Fixtures.TOKEN).substring(4, 32)).contains("[REDACTED]");
          });
    }
  }

  @Test
  void theCredentialEchoedInBase64InASuccessfulBodyIsScrubbed() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200,
        "{\"id\":\"1\",\"seen\":\"" + base64(r.header("Authorization")) + "\"}"))) {
      ActionResult result = engine(AUTH, server.url(), Map.of("testorg_api_token", Fixtures.TOKEN))
          .call("testorg.get_user", Map.of("id", F.textNode("1")));
      assertThat(result.body().toString()).contains("[REDACTED]").doesNotContain(base64("SSWS " + Fixtures.TOKEN).substring(8, 36));
      assertThat(result.output().toString()).doesNotContain(base64("SSWS " + Fixtures.TOKEN).substring(8, 36));
    }
  }

  @Test
  void aTokenEndpointThatEchoesTheClientSecretBasicValueShowsNoPartOfIt() throws Exception {
    String[] sent = new String[1];
    try (WireServer server = new WireServer(r -> {
      sent[0] = r.header("Authorization");
      String basic = sent[0].substring("Basic ".length());
      String decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
      return WireServer.Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"got " + sent[0]
          + " that is " + base64Url(decoded) + " in base64url\"}");
    })) {
      String auth = "{type: oauth2_client_credentials, token_url: \"" + server.url() + "/oauth2/v1/token\","
          + " client_id: \"{{config.client_id}}\", client_auth: client_secret_basic, secret: my_secret, scopes: [okta.users.read]}";
      assertThatThrownBy(() -> engine(auth, server.url(), Map.of("my_secret", CLIENT_SECRET))
          .call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
            String basic = sent[0].substring("Basic ".length());
            String decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
            assertThat(everything(e)).contains("invalid_client").doesNotContain(basic)
                .doesNotContain(base64Url(decoded).substring(4, 40)).doesNotContain(CLIENT_SECRET);
          });
    }
  }

  @Test
  void aBasicCredentialEchoedAsSentAndInBase64UrlIsScrubbed() throws Exception {
    String password = "basic-password-9f8e7d6c5b";
    try (WireServer server = new WireServer(r -> {
      String sent = r.header("Authorization").substring("Basic ".length());
      String decoded = new String(Base64.getDecoder().decode(sent), StandardCharsets.UTF_8);
      return WireServer.Answer.json(403, "{\"errorCode\":\"E0000006\",\"errorSummary\":\"you sent Basic " + sent
          + " that is " + base64Url(decoded) + "\"}");
    })) {
      assertThatThrownBy(() -> engine("{type: basic, username: bot, secret: testorg_password}", server.url(),
          Map.of("testorg_password", password)).call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> assertThat(everything(e)).contains("[REDACTED]")
              .doesNotContain(base64("bot:" + password).substring(4, 28))
              .doesNotContain(base64Url("bot:" + password).substring(4, 28)).doesNotContain(password));
    }
  }
}
