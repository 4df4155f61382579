package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.OktaSandbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary: the command line's scenarios run with known secrets (a valid token, a wrong token, a token
 * stored in the secret store, a master key), and the test fails if any of them appears in stdout, stderr
 * (including the --verbose request log) or any file written under the Switchboard home.
 */
class CanarySecretTest {
  private static final String WRONG = "00canaryWrongToken0123456789abcdefABCDEF";

  @TempDir
  Path home;

  private final StringBuilder everything = new StringBuilder();

  private int run(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    everything.append(out).append('\n').append(err).append('\n');
    return code;
  }

  @Test
  void noSecretAppearsInAnyOutputLogOrFileWritten() throws IOException {
    byte[] key = new byte[32];
    key[5] = 42;
    String masterKey = Base64.getEncoder().encodeToString(key);
    List<String> canaries = new ArrayList<>(List.of(WRONG, masterKey));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(30).seed(9L).build()) {
      sandbox.start();
      String token = sandbox.createApiToken("canary");
      canaries.add(token);
      String org = sandbox.orgUrl().toString();
      Map<String, String> good = Map.of("OKTA_ORG_URL", org, "OKTA_API_TOKEN", token + "\n", "SWITCHBOARD_HOME", home.toString());
      Map<String, String> wrong = Map.of("OKTA_ORG_URL", org, "OKTA_API_TOKEN", WRONG, "SWITCHBOARD_HOME", home.toString());

      assertThat(run(good, "", "run", "okta.list_users", "-v", "-i", "limit=7", "--all", "-o", "json")).isZero();
      assertThat(run(good, "", "run", "okta.list_users", "-v", "-o", "csv")).isZero();
      assertThat(run(good, "", "run", "okta.list_users", "-v", "-i", "search=profile.login eq \"x\"")).isZero();
      assertThat(run(good, "", "run", "okta.list_users", "-v", "-i", "limit=900")).isEqualTo(Main.EXIT_USAGE);
      assertThat(run(good, "", "run", "okta.list_users", "-v", "-i", "filter=((((")).isEqualTo(Main.EXIT_FAILED);
      assertThat(run(wrong, "", "run", "okta.list_users", "-v")).isEqualTo(Main.EXIT_FAILED);
      assertThat(run(Map.of("OKTA_ORG_URL", "http://127.0.0.1:" + closedPort, "OKTA_API_TOKEN", token), "",
          "run", "okta.list_users", "-v")).isEqualTo(Main.EXIT_FAILED);
      assertThat(run(Map.of("OKTA_ORG_URL", org, "OKTA_API_TOKEN", token + "\r\nX-Injected: 1"), "", "run", "okta.list_users"))
          .isEqualTo(Main.EXIT_CONFIG);

      Map<String, String> store = new HashMap<>(Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_MASTER_KEY", masterKey));
      assertThat(run(store, token + "\n", "secrets", "set", "okta_api_token")).isZero();
      assertThat(run(store, "", "secrets", "list")).isZero();
      store.put("OKTA_ORG_URL", org);
      assertThat(run(store, "", "run", "okta.list_users", "-v", "-i", "limit=3")).isZero();
      store.put("SWITCHBOARD_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
      assertThat(run(store, "", "run", "okta.list_users", "-i", "limit=3")).isEqualTo(Main.EXIT_CONFIG);
    }
    assertThat(everything).contains("okta.list_users").contains("401 E0000011").contains("-> 200");
    for (String canary : canaries) {
      assertThat(everything.toString()).doesNotContain(canary);
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        for (String canary : canaries) {
          assertThat(content).as(file.toString()).doesNotContain(canary);
        }
      }
    }
  }
}
