package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.OktaSandbox;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destructive action asks first (on a terminal), needs --yes otherwise, and --dry-run prints the request without
 * sending it; the sandbox's own record of requests shows what reached it.
 */
class ConfirmAndDryRunTest {
  private static OktaSandbox sandbox;
  private static String token;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  @TempDir
  Path home;

  @BeforeAll
  static void startSandbox() {
    sandbox = OktaSandbox.builder().port(0).users(5).seed(21L).mixedStatuses(false)
        .observer(exchange -> received.add(exchange.method() + " " + exchange.path())).build();
    sandbox.start();
    token = sandbox.createApiToken("confirm test");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private CliTest.Outcome run(boolean terminal, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = Map.of("SWITCHBOARD_HOME", home.toString(), "OKTA_ORG_URL", sandbox.orgUrl().toString(),
        "OKTA_API_TOKEN", token);
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal);
    assertThat(out + err.toString()).doesNotContain("\tat ").doesNotContain(token);
    return new CliTest.Outcome(code, out.toString(), err.toString());
  }

  private static String activeUser(String login) {
    return sandbox.createUser(Map.of("login", login, "email", login, "firstName", "Ada", "lastName", "Test"), "ACTIVE");
  }

  private static String suspend(String id) {
    return "POST /api/v1/users/" + id + "/lifecycle/suspend";
  }

  @Test
  void withoutATerminalADestructiveActionIsRefusedUnlessYesIsGiven() {
    String id = activeUser("refused@example.com");
    CliTest.Outcome refused = run(false, "", "run", "okta.suspend_user", "-i", "id=" + id);
    assertThat(refused.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(refused.err()).contains("okta.suspend_user is destructive (it would send " + suspend(id) + " on Okta)")
        .contains("add --yes to run it, or --dry-run");
    assertThat(received).doesNotContain(suspend(id));

    CliTest.Outcome done = run(false, "", "run", "okta.suspend_user", "-i", "id=" + id, "--yes");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(received).contains(suspend(id));
    assertThat(done.err()).as("Okta's {} said in words")
        .contains("okta.suspend_user: done: Suspend user succeeded (Okta answered HTTP 200 with an empty result {})");
  }

  @Test
  void onATerminalThePromptShowsTheRequestAndOnlyYesRunsIt() {
    String id = activeUser("asked@example.com");
    CliTest.Outcome declined = run(true, "n\n", "run", "okta.suspend_user", "-i", "id=" + id);
    assertThat(declined.code()).isEqualTo(Main.EXIT_FAILED);
    assertThat(declined.err()).contains("okta.suspend_user is destructive: it would send " + suspend(id) + " on Okta with inputs {\"id\":\"" + id + "\"}.")
        .contains("Run it? [y/N]").contains("okta.suspend_user not run; nothing was sent");
    CliTest.Outcome silent = run(true, "", "run", "okta.suspend_user", "-i", "id=" + id);
    assertThat(silent.code()).as("end of input is no").isEqualTo(Main.EXIT_FAILED);
    assertThat(received).doesNotContain(suspend(id));

    CliTest.Outcome accepted = run(true, "y\n", "run", "okta.suspend_user", "-i", "id=" + id);
    assertThat(accepted.code()).as(accepted.err()).isZero();
    assertThat(received).contains(suspend(id));
  }

  @Test
  void aReadOrANonDestructiveWriteRunsWithoutAsking() {
    CliTest.Outcome o = run(false, "", "run", "okta.list_users", "-i", "limit=1", "-o", "json");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).doesNotContain("destructive");
  }

  @Test
  void dryRunPrintsTheWholeRequestWithTheCredentialRedactedAndSendsNothing() {
    int before = received.size();
    CliTest.Outcome o = run(false, "", "run", "okta.create_user", "-i", "login=dry@example.com", "-i", "email=dry@example.com",
        "-i", "first_name=Dry", "-i", "last_name=Run", "--dry-run");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).startsWith("POST " + sandbox.orgUrl() + "/api/v1/users?activate=false\n")
        .contains("\nAuthorization: SSWS [REDACTED]\n").contains("\nUser-Agent: switchboard/")
        .contains("\nContent-Type: application/json\n")
        .endsWith("\n\n{\"profile\":{\"login\":\"dry@example.com\",\"email\":\"dry@example.com\",\"firstName\":\"Dry\",\"lastName\":\"Run\"}}\n");
    assertThat(o.err()).contains("--dry-run: nothing was sent");
    assertThat(received).hasSize(before);
  }

  @Test
  void dryRunOfACompoundActionListsItsStepsThenItsFirstRequestWithoutAsking() {
    String id = activeUser("compound@example.com");
    int before = received.size();
    CliTest.Outcome o = run(false, "", "run", "okta.delete_user", "-i", "id=" + id, "--dry-run");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("# okta.delete_user runs these steps in order")
        .contains("okta.delete_user_request: DELETE /api/v1/users/{{id}}")
        .contains("# the first step's request:\nGET " + sandbox.orgUrl() + "/api/v1/users/" + id + "\n");
    assertThat(received).hasSize(before);
  }
}
