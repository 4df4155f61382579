package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sandbox.OktaSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, stdout data, stderr messages, never a stack trace or a token. */
class CliTest {
  private static OktaSandbox sandbox;
  private static String token;

  @TempDir
  Path dir;

  record Outcome(int code, String out, String err) {}

  @BeforeAll
  static void startSandbox() {
    sandbox = OktaSandbox.builder().port(0).users(30).seed(3L).build();
    sandbox.start();
    token = sandbox.createApiToken("CLI test");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  static Outcome run(Map<String, String> env, String... args) {
    if (!env.containsKey("SWITCHBOARD_HOME")) {
      java.util.Map<String, String> isolated = new java.util.HashMap<>(env);
      isolated.put("SWITCHBOARD_HOME", Path.of(System.getProperty("java.io.tmpdir"), "switchboard-cli-test-home-" + ProcessHandle.current().pid()).toString());
      env = isolated;
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env, new java.io.ByteArrayInputStream(new byte[0]));
    Outcome outcome = new Outcome(code, out.toString(), err.toString());
    assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    return outcome;
  }

  private static Map<String, String> realOrg(String withToken) {
    return Map.of("OKTA_ORG_URL", sandbox.orgUrl().toString(), "OKTA_API_TOKEN", withToken);
  }

  @Test
  void listUsersWithoutAnOrgRunsOnTheEmbeddedSandboxAndPrintsATable() {
    Outcome o = run(Map.of(), "run", "okta.list_users");
    assertThat(o.code()).isZero();
    assertThat(o.err()).contains("using the embedded Okta sandbox at http://127.0.0.1:");
    String[] lines = o.out().split("\n");
    assertThat(lines[0]).startsWith("ID").contains("STATUS").contains("LOGIN");
    assertThat(lines).hasSize(201);
    assertThat(lines[1]).startsWith("00u");
    assertThat(o.err()).contains("200 records; more exist: add --all").contains("--input after=");
  }

  @Test
  void allOnAnActionThatDoesNotPaginateSaysSoAndStillRuns() {
    String id = run(realOrg(token), "run", "okta.list_users", "--input", "limit=1", "--output", "json").out()
        .replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    Outcome o = run(realOrg(token), "run", "okta.get_user", "--input", "id=" + id, "--all", "--output", "json");
    assertThat(o.code()).isZero();
    assertThat(o.err()).contains("okta.get_user does not paginate; --all changes nothing");
    assertThat(o.out()).contains(id);
  }

  @Test
  void listUsersAgainstAConfiguredOrgUsesItAndSaysNothingAboutTheSandbox() {
    Outcome o = run(realOrg(token), "run", "okta.list_users", "--input", "limit=5", "--output", "json");
    assertThat(o.code()).isZero();
    assertThat(o.err()).doesNotContain("embedded");
    assertThat(o.out()).startsWith("[");
  }

  @Test
  void allFollowsEveryPageAndJsonIsOneArrayOfUniqueUsers() throws IOException {
    Outcome o = run(realOrg(token), "run", "okta.list_users", "-i", "limit=7", "--all", "-o", "json");
    assertThat(o.code()).isZero();
    JsonNode users = new ObjectMapper().readTree(o.out());
    Set<String> ids = new HashSet<>();
    users.forEach(u -> ids.add(u.get("id").asText()));
    assertThat(ids).hasSize(users.size());
    assertThat(users.size()).isGreaterThan(7);
    assertThat(o.err()).contains(users.size() + " records from " + ((users.size() + 6) / 7) + " pages");
  }

  @Test
  void aWrongTokenSays401E0000011AndNamesTheConnectorWithoutShowingTheToken() {
    String wrong = "00thisTokenIsWrong1234567890abcdefABCDEF";
    Outcome o = run(realOrg(wrong), "run", "okta.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_FAILED);
    assertThat(o.err()).contains("401 E0000011").contains("Invalid token provided").contains("Connector 'okta'");
    assertThat(o.out() + o.err()).doesNotContain(wrong);
  }

  @Test
  void anUnreachableOrgNamesHostAndCause() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Outcome o = run(Map.of("OKTA_ORG_URL", "http://127.0.0.1:" + port, "OKTA_API_TOKEN", token), "run", "okta.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_FAILED);
    assertThat(o.err()).contains("cannot reach 127.0.0.1:" + port).contains("connection refused");
    assertThat(o.err()).as("the retries are said as they happen, not silent")
        .contains("switchboard: GET /api/v1/users: no response (").contains("; retrying (attempt 2 of at most 4)")
        .contains("; retrying (attempt 4 of at most 4)");
    assertThat(o.err().lines().filter(l -> l.contains("no response ("))).hasSize(4);
  }

  @Test
  void onlyOneOfTheTwoVariablesIsAConfigurationErrorNamingTheOther() {
    Outcome o = run(Map.of("OKTA_ORG_URL", "https://dev-1.okta.com"), "run", "okta.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("OKTA_ORG_URL is set but OKTA_API_TOKEN is not");
  }

  @Test
  void aTokenWithALineBreakInsideIsRefusedWithoutShowingIt() {
    Outcome o = run(realOrg("00abcdef\r\nghijkl"), "run", "okta.list_users");
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("OKTA_API_TOKEN").contains("line break").doesNotContain("00abcdef").doesNotContain("ghijkl");
  }

  @Test
  void anUnknownActionSuggestsTheClosest() {
    Outcome o = run(Map.of(), "run", "okta.list_user");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("no action named 'okta.list_user'; did you mean 'okta.list_users'?");
  }

  @Test
  void anIllTypedInputNamesTheFieldAndTheType() {
    Outcome o = run(Map.of(), "run", "okta.list_users", "--input", "limit=many");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("input 'limit' must be an integer from 1 to 200; got 'many'");
    assertThat(o.err()).doesNotContain("embedded");
  }

  @Test
  void anOutOfRangeInputNamesTheFieldBeforeAnythingStarts() {
    Outcome o = run(Map.of(), "run", "okta.list_users", "--input", "limit=500");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("input 'limit'").contains("got 500");
  }

  @Test
  void anUnknownInputListsTheKnownOnes() {
    Outcome o = run(Map.of(), "run", "okta.list_users", "--input", "serch=x");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("has no input 'serch'; did you mean 'search'?");
  }

  @Test
  void anInputWithoutEqualsSignIsAUsageError() {
    Outcome o = run(Map.of(), "run", "okta.list_users", "--input", "limit");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--input takes NAME=VALUE");
  }

  @Test
  void anUnknownOutputFormatIsAUsageError() {
    Outcome o = run(Map.of(), "run", "okta.list_users", "--output", "xml");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--output must be table, json, jsonl, csv or schema");
  }

  @Test
  void actionsListsTheOktaActionsWithDescriptions() {
    Outcome o = run(Map.of(), "actions");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("okta.list_users").contains("Lists users in the Okta org");
  }

  @Test
  void validateAcceptsTheBuiltInPack() {
    Path pack = Path.of("..", "catalog", "src", "main", "resources", "switchboard", "connectors");
    Outcome o = run(Map.of(), "validate", pack.toString());
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("ok  okta").contains("valid");
  }

  @Test
  void validateReportsInvalidYamlWithFileAndLine() throws IOException {
    Files.createDirectories(dir.resolve("actions"));
    Files.writeString(dir.resolve("connector.yaml"), "name: demo\nbase_url: \"https://x.example\"\nauth: {type: none}\n");
    Files.writeString(dir.resolve("actions/broken.yaml"), "description: x\nmethod: GET\npath: \"/x\n");
    Outcome o = run(Map.of(), "validate", dir.toString());
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).containsPattern("actions/broken\\.yaml:\\d+: invalid YAML");
  }

  @Test
  void validateOfAMissingDirectorySaysSo() {
    Outcome o = run(Map.of(), "validate", dir.resolve("missing").toString());
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("no such directory");
  }

  @Test
  void anEmptyListingPrintsNoTableAndSaysZeroRecords() {
    Outcome o = run(realOrg(token), "run", "okta.list_users", "-i", "filter=status eq \"NO_SUCH_STATUS\"");
    assertThat(o.code()).isZero();
    assertThat(o.out()).isEmpty();
    assertThat(o.err()).contains("0 records");
  }

  @Test
  void anInternalActionCannotBeRunDirectly() {
    Outcome o = run(realOrg(token), "run", "okta.delete_user_request", "--input", "id=00u1");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("internal building block").contains("okta.delete_user");
    Outcome typo = run(Map.of(), "run", "okta.delete_user_reques");
    assertThat(typo.err()).doesNotContain("delete_user_request");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Outcome o = run(Map.of(), "frobnicate");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("Unmatched argument");
  }

  @Test
  void helpOnAnUnknownCommandIsAUsageErrorNotTheGeneralHelp() {
    Outcome o = run(Map.of(), "studio", "--help");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("Unmatched argument").contains("'studio'");
    assertThat(o.out()).isEmpty();
    Outcome extra = run(Map.of(), "actions", "extra", "--help");
    assertThat(extra.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(extra.err()).contains("'extra'");
  }

  @Test
  void helpOnAKnownCommandStillPrintsItsHelp() {
    Outcome o = run(Map.of(), "run", "--help");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("Usage: switchboard run");
    assertThat(run(Map.of(), "--help").code()).isZero();
  }
}
