package dev.switchboard.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
