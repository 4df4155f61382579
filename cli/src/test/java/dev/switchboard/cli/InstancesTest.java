package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sandbox.OktaSandbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

/**
 * Settings in the config file and several instances of one pack: two Okta orgs (two sandboxes of different sizes)
 * on one machine as okta@prod and okta@preview, each with its own org URL (config file) and token (environment or
 * secret store, under the instance's name), beside the plain okta pack, which keeps its embedded-sandbox default.
 */
class InstancesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static OktaSandbox prod;
  private static OktaSandbox preview;
  private static String prodToken;
  private static String previewToken;

  @TempDir
  Path home;

  @BeforeAll
  static void startOrgs() {
    prod = OktaSandbox.builder().port(0).users(7).seed(11L).mixedStatuses(false).build();
    prod.start();
    prodToken = prod.createApiToken("prod");
    preview = OktaSandbox.builder().port(0).users(4).seed(12L).mixedStatuses(false).build();
    preview.start();
    previewToken = preview.createApiToken("preview");
  }

  @AfterAll
  static void stopOrgs() {
    prod.close();
    preview.close();
  }

  private CliTest.Outcome run(Map<String, String> extra, String stdin, String... args) {
    Map<String, String> env = new HashMap<>(Map.of("SWITCHBOARD_HOME", home.toString()));
    env.putAll(extra);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    assertThat(err.toString()).doesNotContain("\tat ");
    return new CliTest.Outcome(code, out.toString(), err.toString());
  }

  private CliTest.Outcome run(String... args) {
    return run(Map.of(), "", args);
  }

  private int users(CliTest.Outcome o) throws IOException {
    assertThat(o.code()).as(o.err()).isZero();
    return JSON.readTree(o.out()).size();
  }

  @Test
  void twoInstancesOfOktaReachTheirOwnOrgsWithTheirOwnTokens() throws IOException {
    CliTest.Outcome set = run("config", "set", "okta@prod.org_url", prod.orgUrl().toString());
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.err()).contains("declared the instance okta@prod");
    assertThat(run("config", "set", "okta@preview.org_url", preview.orgUrl().toString()).code()).isZero();
    CliTest.Outcome stored = run(Map.of(), previewToken + "\n", "secrets", "set", "okta_api_token@preview");
    assertThat(stored.code()).as(stored.err()).isZero();
    assertThat(stored.err()).doesNotContain("no loaded connector uses");

    Map<String, String> prodTokenInEnv = Map.of("OKTA_API_TOKEN_PROD", prodToken);
    assertThat(users(run(prodTokenInEnv, "", "run", "okta@prod.list_users", "--all", "-o", "json"))).isEqualTo(7);
    assertThat(users(run(prodTokenInEnv, "", "run", "okta@preview.list_users", "--all", "-o", "json"))).isEqualTo(4);

    CliTest.Outcome plain = run(prodTokenInEnv, "", "run", "okta.list_users", "-i", "limit=1", "-o", "json");
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(plain.err()).as("the plain pack keeps its default").contains("using the embedded Okta sandbox");

    CliTest.Outcome actions = run("actions");
    assertThat(actions.out()).contains("okta.list_users").contains("okta@preview.*").contains("okta@prod.*");
  }

  @Test
  void anInstanceWithoutItsTokenSaysWhichVariableOrSecretToSet() {
    run("config", "set", "okta@prod.org_url", prod.orgUrl().toString());
    CliTest.Outcome o = run(Map.of("OKTA_API_TOKEN", prodToken), "", "run", "okta@prod.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("connector 'okta@prod' needs the secret 'okta_api_token@prod'")
        .contains("environment variable OKTA_API_TOKEN_PROD").contains("switchboard secrets set okta_api_token@prod")
        .doesNotContain(prodToken);
  }

  @Test
  void anInstanceWithoutItsOrgUrlSaysHowToSetIt() throws IOException {
    Files.writeString(home.resolve("config.yaml"), "okta@prod: {}\n");
    CliTest.Outcome o = run(Map.of("OKTA_API_TOKEN_PROD", prodToken), "", "run", "okta@prod.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("connector 'okta@prod' needs the setting 'org_url'")
        .contains("environment variable OKTA_ORG_URL_PROD or the setting okta@prod.org_url in")
        .contains("switchboard config set okta@prod.org_url VALUE");
  }

  @Test
  void anUndeclaredInstanceIsAUsageErrorSayingHowToDeclareIt() {
    run("config", "set", "okta@prod.org_url", prod.orgUrl().toString());
    CliTest.Outcome o = run("run", "okta@staging.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("no instance okta@staging is declared (declared: okta@prod)")
        .contains("switchboard config set okta@staging.org_url https://dev-123456.okta.com");
  }

  @Test
  void thePlainPacksOrgUrlMayComeFromTheConfigFile() {
    run("config", "set", "okta.org_url", prod.orgUrl().toString());
    CliTest.Outcome o = run(Map.of("OKTA_API_TOKEN", prodToken), "", "run", "okta.list_users", "--all", "-o", "json");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).doesNotContain("embedded");
    CliTest.Outcome half = run("run", "okta.list_users");
    assertThat(half.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(half.err()).contains("OKTA_ORG_URL (as okta.org_url in").contains("is set but OKTA_API_TOKEN is not");
  }

  @Test
  void configGetListAndUnsetShowAndRemoveWhatWasSet() {
    run("config", "set", "okta@prod.org_url", "https://acme.okta.com");
    run("config", "set", "okta.org_url", "https://dev-1.okta.com");
    CliTest.Outcome get = run("config", "get", "okta@prod.org_url");
    assertThat(get.code()).isZero();
    assertThat(get.out()).isEqualTo("https://acme.okta.com\n");
    CliTest.Outcome fromEnv = run(Map.of("OKTA_ORG_URL", "https://env.okta.com"), "", "config", "get", "okta.org_url");
    assertThat(fromEnv.out()).isEqualTo("https://env.okta.com\n");
    assertThat(fromEnv.err()).contains("from the environment variable OKTA_ORG_URL");
    assertThat(run("config", "list").out()).isEqualTo("okta.org_url=https://dev-1.okta.com\nokta@prod.org_url=https://acme.okta.com\n");
    assertThat(run("config", "unset", "okta@prod.org_url").code()).isZero();
    assertThat(run("config", "list").err()).contains("okta@prod is declared with no settings");
    CliTest.Outcome removed = run("config", "unset", "okta@prod");
    assertThat(removed.code()).isZero();
    assertThat(removed.err()).contains("its secrets, if any, stay in the secret store");
    assertThat(run("config", "list").out()).isEqualTo("okta.org_url=https://dev-1.okta.com\n");
    CliTest.Outcome missing = run("config", "get", "okta@prod.org_url");
    assertThat(missing.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(missing.err()).contains("okta@prod.org_url is not set (neither OKTA_ORG_URL_PROD nor");
  }

  @Test
  void configSetRefusesUnknownKeysNamingWhatExists() {
    CliTest.Outcome typo = run("config", "set", "okta.org_ur", "https://x.okta.com");
    assertThat(typo.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(typo.err()).contains("okta has no setting 'org_ur'; did you mean 'org_url'?");
    CliTest.Outcome secret = run("config", "set", "okta.api_token", "00abc");
    assertThat(secret.err()).contains("Secrets are not settings: store it with 'switchboard secrets set okta_api_token'");
    CliTest.Outcome pack = run("config", "set", "otka@prod.org_url", "https://x.okta.com");
    assertThat(pack.err()).contains("no connector named 'otka'; did you mean 'okta'?");
    CliTest.Outcome badInstance = run("config", "set", "okta@Prod.org_url", "https://x.okta.com");
    assertThat(badInstance.err()).contains("'Prod' is not an instance name");
    assertThat(Files.exists(home.resolve("config.yaml"))).isFalse();
  }

  @Test
  void theConfigFileFollowsHomeNotJavasUserHome() throws IOException {
    Path user = Files.createDirectories(home.resolve("user"));
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"config", "set", "okta.org_url", "https://dev-1.okta.com"}, new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of("HOME", user.toString()), new ByteArrayInputStream(new byte[0]));
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(user.resolve(".switchboard/config.yaml"))).contains("okta:").contains("org_url: https://dev-1.okta.com");
  }

  @Test
  void aSettingWithoutEnvCanBeSetInTheConfigFileAndTheErrorSaysHow() throws IOException {
    Path defs = Files.createDirectories(home.resolve("defs/tix/actions"));
    Files.writeString(defs.resolve("../connector.yaml"), "name: tix\nbase_url: \"{{config.url}}\"\n"
        + "config:\n  url: {description: the Tix URL, example: \"https://tix.example.com\"}\nauth: {type: none}\n");
    Files.writeString(defs.resolve("list_tickets.yaml"), "description: Lists tickets.\nmethod: GET\npath: /api/v1/users\n");
    Map<String, String> env = Map.of("SWITCHBOARD_DEFS", home.resolve("defs").toString());
    CliTest.Outcome unset = run(env, "", "run", "tix.list_tickets");
    assertThat(unset.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(unset.err()).contains("connector 'tix' needs the setting 'url' (the Tix URL): set the setting tix.url in")
        .contains("(switchboard config set tix.url VALUE), for example https://tix.example.com");
    assertThat(run(env, "", "config", "set", "tix.url", prod.orgUrl().toString()).code()).isZero();
    CliTest.Outcome ran = run(env, "", "run", "tix.list_tickets", "-o", "json");
    assertThat(ran.err()).as("the URL from the file was used: the sandbox answered").contains("tix answered 403");
  }

  @Test
  void anOrgUrlEndingInApiV1IsRefusedSayingToDropIt() {
    CliTest.Outcome set = run("config", "set", "okta@prod.org_url", "https://acme.okta.com/api/v1");
    assertThat(set.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(set.err()).contains("ends with /api/v1").contains("drop /api/v1 and give https://acme.okta.com")
        .contains("nothing was written");
    CliTest.Outcome env = run(Map.of("OKTA_ORG_URL", prod.orgUrl() + "/api/v1/", "OKTA_API_TOKEN", prodToken), "",
        "run", "okta.list_users");
    assertThat(env.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(env.err()).contains("ends with /api/v1").contains("drop /api/v1 and give " + prod.orgUrl())
        .contains("the base URL comes from environment variable OKTA_ORG_URL");
  }

  @Test
  void aTokenPastedWithItsSswsPrefixIsRefusedSayingToDropIt() {
    CliTest.Outcome env = run(Map.of("OKTA_ORG_URL", prod.orgUrl().toString(), "OKTA_API_TOKEN", "SSWS " + prodToken), "",
        "run", "okta.list_users");
    assertThat(env.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(env.err()).contains("environment variable OKTA_API_TOKEN starts with 'SSWS '")
        .contains("keep only the key after 'SSWS '").doesNotContain(prodToken);
    CliTest.Outcome stored = run(Map.of(), "ssws " + prodToken + "\n", "secrets", "set", "okta_api_token");
    assertThat(stored.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(stored.err()).contains("starts with 'SSWS '").contains("nothing was stored").doesNotContain(prodToken);
  }

  @Test
  void aSecretNoConnectorUsesGetsANoteWithTheClosestName() {
    CliTest.Outcome o = run(Map.of(), "00abc\n", "secrets", "set", "okta_api_tokn");
    assertThat(o.code()).isZero();
    assertThat(o.err()).contains("no loaded connector uses a secret named 'okta_api_tokn'; did you mean 'okta_api_token'?");
  }

  @Test
  void mcpServesEachInstanceAsItsOwnToolsAndNotTheSandboxBesideThem() {
    run("config", "set", "okta@prod.org_url", prod.orgUrl().toString());
    CliTest.Outcome o = run("mcp", "--tools", "nothing_*");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("okta_* tools are not served: okta@prod is declared and OKTA_ORG_URL and OKTA_API_TOKEN are not set")
        .contains("okta-prod_list_users").contains("okta-prod_delete_user").doesNotContain("okta_list_users");
    CliTest.Outcome both = run(Map.of("OKTA_ORG_URL", prod.orgUrl().toString(), "OKTA_API_TOKEN", prodToken), "",
        "mcp", "--tools", "nothing_*");
    assertThat(both.err()).contains("okta-prod_list_users").contains("okta_list_users").doesNotContain("are not served");
  }
}
