package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret store that cannot be read is reported as such, with where it is and what to do; never as a secret not set. */
class UnreadableSecretStoreTest {
  @TempDir
  Path home;

  private Path corrupted() throws Exception {
    Files.writeString(home.resolve("secrets.json"), "{\"version\":1,\"secrets\":{\"okta_api_to");
    return home.resolve("secrets.json");
  }

  @Test
  void runWithTheOrgUrlSetAndACorruptedStoreSaysTheStoreIsUnreadable() throws Exception {
    Path store = corrupted();
    CliTest.Outcome o = CliTest.run(Map.of("SWITCHBOARD_HOME", home.toString(), "OKTA_ORG_URL", "https://dev-1.okta.com"),
        "run", "okta.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("the secret store " + store + " cannot be read").contains("OKTA_API_TOKEN")
        .doesNotContain("OKTA_API_TOKEN is not");
  }

  @Test
  void runWithNothingSetAndACorruptedStoreUsesTheSandboxAndSaysTheStoreWasNotRead() throws Exception {
    Path store = corrupted();
    CliTest.Outcome o = CliTest.run(Map.of("SWITCHBOARD_HOME", home.toString()), "run", "okta.list_users", "--input", "limit=1");
    assertThat(o.code()).isZero();
    assertThat(o.err()).contains("the secret store " + store + " cannot be read").contains("embedded Okta sandbox");
  }

  @Test
  void secretsListSaysTheStoreIsUnreadable() throws Exception {
    Path store = corrupted();
    CliTest.Outcome o = CliTest.run(Map.of("SWITCHBOARD_HOME", home.toString()), "secrets", "list");
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("the secret store " + store + " cannot be read");
  }
}
