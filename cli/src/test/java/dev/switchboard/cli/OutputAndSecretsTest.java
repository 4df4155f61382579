package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sandbox.OktaSandbox;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and JSON Lines output, and the encrypted secret store from the command line. */
class OutputAndSecretsTest {
  private static OktaSandbox sandbox;
  private static String token;

  @TempDir
  Path home;

  @BeforeAll
  static void startSandbox() {
    sandbox = OktaSandbox.builder().port(0).users(12).seed(5L).mixedStatuses(false).build();
    sandbox.start();
    token = sandbox.createApiToken("output test");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static CliTest.Outcome run(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    assertThat(err.toString()).doesNotContain("\tat ");
    return new CliTest.Outcome(code, out.toString(), err.toString());
  }

  private static Map<String, String> org() {
    return Map.of("OKTA_ORG_URL", sandbox.orgUrl().toString(), "OKTA_API_TOKEN", token);
  }

  @Test
  void csvHasAHeaderAndOneRowPerUserAcrossPages() {
    CliTest.Outcome o = run(org(), "", "run", "okta.list_users", "-i", "limit=5", "--all", "-o", "csv");
    assertThat(o.code()).isZero();
    String[] lines = o.out().split("\r?\n");
    assertThat(lines[0]).startsWith("id,status,login,name");
    assertThat(lines).hasSize(1 + 12);
    assertThat(lines[1]).startsWith("00u");
  }

  @Test
  void jsonlHasOneJsonRecordPerLine() throws Exception {
    CliTest.Outcome o = run(org(), "", "run", "okta.list_users", "-i", "limit=4", "--all", "-o", "jsonl");
    assertThat(o.code()).isZero();
    String[] lines = o.out().split("\n");
    assertThat(lines).hasSize(12);
    for (String line : lines) {
      assertThat(new ObjectMapper().readTree(line).get("id").asText()).startsWith("00u");
    }
  }

  @Test
  void aSecretSetFromStdinIsUsedByRunAndListedByNameOnly() {
    Map<String, String> env = Map.of("SWITCHBOARD_HOME", home.toString());
    CliTest.Outcome set = run(env, token + "\n", "secrets", "set", "okta_api_token");
    assertThat(set.code()).isZero();
    assertThat(set.out() + set.err()).doesNotContain(token);
    CliTest.Outcome list = run(env, "", "secrets", "list");
    assertThat(list.out().strip()).isEqualTo("okta_api_token");
    Map<String, String> withOrg = new HashMap<>(env);
    withOrg.put("OKTA_ORG_URL", sandbox.orgUrl().toString());
    CliTest.Outcome listed = run(withOrg, "", "run", "okta.list_users", "-i", "limit=2", "-o", "json");
    assertThat(listed.code()).isZero();
    assertThat(listed.err()).doesNotContain("embedded");
    assertThat(run(env, "", "secrets", "rm", "okta_api_token").code()).isZero();
    assertThat(run(env, "", "secrets", "list").out()).isEmpty();
  }

  @Test
  void removingAnUnknownSecretIsAUsageError() {
    CliTest.Outcome o = run(Map.of("SWITCHBOARD_HOME", home.toString()), "", "secrets", "rm", "nope");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("no secret named 'nope'");
  }

  @Test
  void anEmptySecretIsRefused() {
    CliTest.Outcome o = run(Map.of("SWITCHBOARD_HOME", home.toString()), "\n", "secrets", "set", "okta_api_token");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("no value given");
  }

  @Test
  void aBadMasterKeyIsAConfigurationError() {
    CliTest.Outcome o = run(Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_MASTER_KEY", "tooshort"), "value\n",
        "secrets", "set", "okta_api_token");
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("must be 32 bytes");
    assertThat(Files.exists(home.resolve("secrets.json"))).isFalse();
  }
}
