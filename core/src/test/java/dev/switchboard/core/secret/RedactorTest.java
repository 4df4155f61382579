package dev.switchboard.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Scrubbing of response bodies: every string of the tree, keys included, against every registered secret. */
class RedactorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aShorterSecretRegisteredLaterIsScrubbedToo() {
    Redactor redactor = new Redactor();
    redactor.register("00aLongApiTokenValue0123456789abcdefghijk");
    redactor.register("s3cr");
    assertThat(redactor.scrub("pw=s3cr")).isEqualTo("pw=[REDACTED]");
    assertThat(redactor.scrub("t=00aLongApiTokenValue0123456789abcdefghijk")).isEqualTo("t=[REDACTED]");
  }

  @Test
  void aBodyWithoutSecretsIsReturnedAsIs() throws Exception {
    Redactor redactor = new Redactor();
    redactor.register("00aLongApiTokenValue0123456789abcdefghijk");
    JsonNode body = JSON.readTree("[{\"id\":\"00u1\",\"profile\":{\"login\":\"ada@example.com\"}}]");
    assertThat(redactor.scrub(body)).isSameAs(body);
  }

  @Test
  void secretsInValuesAndKeysOfABodyAreScrubbedInACopy() throws Exception {
    Redactor redactor = new Redactor();
    redactor.register("tok-1234");
    JsonNode body = JSON.readTree("[{\"id\":\"00u1\",\"echo\":\"SSWS tok-1234\",\"tok-1234\":[\"x tok-1234\"]}]");
    JsonNode scrubbed = redactor.scrub(body);
    assertThat(scrubbed.toString())
        .isEqualTo("[{\"id\":\"00u1\",\"echo\":\"SSWS [REDACTED]\",\"[REDACTED]\":[\"x [REDACTED]\"]}]");
    assertThat(body.toString()).contains("tok-1234");
  }

  @Test
  void valuesShorterThanFourCharactersAreNotRegistered() {
    Redactor redactor = new Redactor();
    redactor.register("abc");
    assertThat(redactor.scrub("abcabc")).isEqualTo("abcabc");
  }

  @Test
  void theUrlFormsOfASecretAreScrubbedToo() {
    Redactor redactor = new Redactor();
    redactor.register("k+y/with=sp ce*~");
    assertThat(redactor.scrub("GET /x?api_key=k%2By%2Fwith%3Dsp%20ce%2A~ 200")).isEqualTo("GET /x?api_key=[REDACTED] 200");
    assertThat(redactor.scrub("client_secret=k%2By%2Fwith%3Dsp+ce*%7E&x=1")).isEqualTo("client_secret=[REDACTED]&x=1");
    assertThat(redactor.scrub("raw k+y/with=sp ce*~ end")).isEqualTo("raw [REDACTED] end");
  }

  private static final String SECRET = "tok?>>~key-with+bits/1234567";

  /** The base64 characters that depend only on the secret's bytes, for a secret {@code at} bytes into the encoded text. */
  private static String middleOf(String encoded, int at, int length) {
    int from = ((at + 2) * 8 + 5) / 6;
    int to = ((at + length - 2) * 8) / 6;
    return encoded.substring(from, to);
  }

  @Test
  void theBase64AndBase64UrlFormsOfASecretAreScrubbed() {
    Redactor redactor = new Redactor();
    redactor.register(SECRET);
    byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder(), Base64.getUrlEncoder().withoutPadding()}) {
      String encoded = encoder.encodeToString(bytes);
      String scrubbed = redactor.scrub("echo: " + encoded + " end");
      assertThat(scrubbed).contains(Redactor.MASK).doesNotContain(middleOf(encoded, 0, bytes.length));
    }
  }

  @Test
  void aSecretInsideLongerBase64TextIsScrubbedAtEveryAlignment() {
    Redactor redactor = new Redactor();
    redactor.register(SECRET);
    for (String before : new String[] {"SSWS ", "{\"auth\":\"SSWS ", "client-id-0oa1:", "x", "xy", "xyz"}) {
      byte[] text = (before + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);
      for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
        String encoded = encoder.encodeToString(text);
        assertThat(redactor.scrub(encoded)).as("%s at offset %d", encoded, before.length())
            .contains(Redactor.MASK).doesNotContain(middleOf(encoded, before.length(), SECRET.length()));
      }
    }
  }

  @Test
  void aCredentialAsSentIsScrubbedInItsBase64Forms() {
    Redactor redactor = new Redactor();
    String secret = "p+ss/w=rd";
    redactor.register(secret);
    String sent = "0oaClient:" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
    redactor.registerCredential(sent);
    for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
      String encoded = encoder.encodeToString(("{\"basic\":\"" + sent + "\"}").getBytes(StandardCharsets.UTF_8));
      assertThat(redactor.scrub(encoded)).contains(Redactor.MASK).doesNotContain(middleOf(encoded, 10, sent.length()));
    }
    assertThat(redactor.scrub(Base64.getEncoder().encodeToString(sent.getBytes(StandardCharsets.UTF_8)))).contains(Redactor.MASK);
  }

  @Test
  void theBase64FormsOfAShortSecretDoNotMangleOrdinaryText() {
    Redactor redactor = new Redactor();
    redactor.register("abcd");
    String text = "YWJjZA== is base64 of a four-letter word; YWJj is shorter";
    assertThat(redactor.scrub(text)).isEqualTo(text);
  }

  @Test
  void aScopeRegistersIntoItsRedactorUntilItIsClosed() {
    Redactor redactor = new Redactor();
    Redactor scope = redactor.scope();
    scope.register("runtime-token-1234");
    assertThat(redactor.scrub("t=runtime-token-1234")).isEqualTo("t=[REDACTED]");
    assertThat(scope.scrub("t=runtime-token-1234")).isEqualTo("t=[REDACTED]");
    scope.close();
    assertThat(redactor.scrub("t=runtime-token-1234")).isEqualTo("t=runtime-token-1234");
    assertThat(redactor.scrub("t=runtime%2Dtoken")).isEqualTo("t=runtime%2Dtoken");
  }

  @Test
  void aValueAlsoHeldElsewhereStaysWhenOneScopeCloses() {
    Redactor redactor = new Redactor();
    Redactor old = redactor.scope();
    Redactor replacement = redactor.scope();
    old.register("shared-secret-5678");
    replacement.register("shared-secret-5678");
    old.register("old-only-secret-90");
    redactor.register("engine-wide-secret");
    old.register("engine-wide-secret");
    old.close();
    old.close();
    assertThat(redactor.scrub("shared-secret-5678 old-only-secret-90 engine-wide-secret"))
        .isEqualTo("[REDACTED] old-only-secret-90 [REDACTED]");
    replacement.close();
    assertThat(redactor.scrub("shared-secret-5678 engine-wide-secret")).isEqualTo("shared-secret-5678 [REDACTED]");
  }

  @Test
  void aValueRegisteredThroughAClosedScopeIsKept() {
    Redactor redactor = new Redactor();
    Redactor scope = redactor.scope();
    scope.close();
    scope.register("late-token-abcdef");
    assertThat(redactor.scrub("late-token-abcdef")).isEqualTo("[REDACTED]");
  }

  @Test
  void aCredentialRegisteredThroughAScopeIsReleasedWithIt() {
    Redactor redactor = new Redactor();
    Redactor scope = redactor.scope();
    scope.registerCredential("SSWS scoped-token-00aBc");
    String echoed = Base64.getEncoder().encodeToString("SSWS scoped-token-00aBc".getBytes(StandardCharsets.UTF_8));
    assertThat(redactor.scrub(echoed)).contains(Redactor.MASK);
    scope.close();
    assertThat(redactor.scrub(echoed)).isEqualTo(echoed);
  }
}
