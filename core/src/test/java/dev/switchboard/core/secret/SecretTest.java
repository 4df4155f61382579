package dev.switchboard.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Case C10 of ../shared/cases/okta-wire-cases.md: tokens with surrounding whitespace or line breaks. */
class SecretTest {
  @Test
  void trailingNewlineAndSpacesAreTrimmed() {
    EnvironmentSecretStore store = new EnvironmentSecretStore(Map.of("OKTA_API_TOKEN", "  00abcDEF123\n"));
    assertThat(store.find("okta_api_token")).get().extracting(Secret::value).isEqualTo("00abcDEF123");
  }

  @Test
  void lineBreakInsideIsRefusedWithoutShowingTheValue() {
    EnvironmentSecretStore store = new EnvironmentSecretStore(Map.of("OKTA_API_TOKEN", "00abc\r\nDEF123"));
    assertThatThrownBy(() -> store.find("okta_api_token").orElseThrow().singleLine())
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("OKTA_API_TOKEN")
        .hasMessageContaining("line break")
        .hasMessageNotContaining("00abc")
        .hasMessageNotContaining("DEF123");
  }

  @Test
  void emptyValueIsRefused() {
    EnvironmentSecretStore store = new EnvironmentSecretStore(Map.of("OKTA_API_TOKEN", " \n"));
    assertThatThrownBy(() -> store.find("okta_api_token")).hasMessageContaining("is empty");
  }

  @Test
  void toStringNeverShowsTheValue() {
    assertThat(new Secret("okta_api_token", "00abcDEF123", "a test").toString()).doesNotContain("00abc");
  }

  @Test
  void chainAsksStoresInOrder() {
    SecretStore chain = SecretStore.chain(java.util.List.of(
        new MapSecretStore("memory").put("a", "from-memory"),
        new EnvironmentSecretStore(Map.of("A", "from-env", "B", "env-b"))));
    assertThat(chain.find("a")).get().extracting(Secret::value).isEqualTo("from-memory");
    assertThat(chain.find("b")).get().extracting(Secret::value).isEqualTo("env-b");
    assertThat(chain.find("c")).isEmpty();
    assertThat(chain.describe("c")).isEqualTo("memory or environment variable C");
  }

  @Test
  void redactorScrubsRegisteredValues() {
    Redactor redactor = new Redactor();
    redactor.register("00abcDEF123");
    assertThat(redactor.scrub("Authorization: SSWS 00abcDEF123")).isEqualTo("Authorization: SSWS [REDACTED]");
  }
}
