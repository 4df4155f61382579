package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard serve} in a subprocess, and {@code switchboard workspace export|import} against it. */
class ServeCommandTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String CLASS_PATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  private static final Pattern URL = Pattern.compile("serving at (http://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern KEY = Pattern.compile("admin key .*: (sbk_[A-Za-z0-9_-]{43})");

  @TempDir
  Path home;

  /** A running {@code serve} process with what it printed. */
  record Served(Process process, String url, String key, List<String> lines) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  static Served serve(Path home, Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-cp", CLASS_PATH, Main.class.getName(),
        "serve", "--port", "0"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("OKTA_") || k.startsWith("SWITCHBOARD_"));
    builder.environment().put("SWITCHBOARD_HOME", home.toString());
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
          queue.add(line);
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    String url = null;
    String key = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (url == null && System.nanoTime() < deadline) {
      String line = queue.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        if (!process.isAlive()) {
          break;
        }
        continue;
      }
      Matcher k = KEY.matcher(line);
      if (k.find()) {
        key = k.group(1);
      }
      Matcher u = URL.matcher(line);
      if (u.find()) {
        url = u.group(1);
      }
    }
    assertThat(url).as("serve did not start: " + lines).isNotNull();
    for (String line; (line = queue.poll(200, TimeUnit.MILLISECONDS)) != null; ) {
      Matcher k = KEY.matcher(line);
      if (k.find()) {
        key = k.group(1);
      }
    }
    return new Served(process, url, key, lines);
  }

  static CliTest.Outcome run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env, java.io.InputStream.nullInputStream());
    return new CliTest.Outcome(code, out.toString(), err.toString());
  }

  @Test
  void serveStartsAWorkspacePrintsTheKeyOnceAndExportImportRoundTrips() throws Exception {
    Path folder = home.resolve("exported");
    String key;
    try (Served s = serve(home, Map.of())) {
      key = s.key();
      assertThat(key).as("the first start prints the admin key: " + s.lines()).isNotNull();
      assertThat(String.join("\n", s.lines())).contains("connector 'okta'").contains("workspace.db");
      Map<String, String> env = Map.of("SWITCHBOARD_URL", s.url(), "SWITCHBOARD_KEY", key);

      CliTest.Outcome exported = run(env, "workspace", "export", folder.toString());
      assertThat(exported.code()).as(exported.err()).isZero();
      Path listUsers = folder.resolve("okta/actions/list_users.yaml");
      assertThat(listUsers).exists();
      String original = Files.readString(listUsers);
      Files.writeString(listUsers, original + "# reviewed in git\n");
      Files.writeString(folder.resolve("README.md"), "not a definition\n");

      CliTest.Outcome imported = run(env, "workspace", "import", folder.toString());
      assertThat(imported.code()).as(imported.err()).isZero();
      assertThat(imported.err()).contains("1 changed");

      Path again = home.resolve("again");
      assertThat(run(env, "workspace", "export", again.toString()).code()).isZero();
      try (var files = Files.walk(folder)) {
        for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml")).toList()) {
          assertThat(again.resolve(folder.relativize(p))).hasSameBinaryContentAs(p);
        }
      }
      assertThat(again.resolve("okta/actions/list_users.yaml")).content().endsWith("# reviewed in git\n");

      CliTest.Outcome wrongKey = run(Map.of("SWITCHBOARD_URL", s.url(), "SWITCHBOARD_KEY", "sbk_wrong"), "workspace", "export",
          home.resolve("x").toString());
      assertThat(wrongKey.code()).isEqualTo(Main.EXIT_CONFIG);
      assertThat(wrongKey.err()).contains("401").doesNotContain("Exception");
    }
    try (Served restarted = serve(home, Map.of())) {
      assertThat(restarted.key()).as("the key is printed only at the first start").isNull();
      CliTest.Outcome exported = run(Map.of("SWITCHBOARD_URL", restarted.url(), "SWITCHBOARD_KEY", key), "workspace", "export",
          home.resolve("third").toString());
      assertThat(exported.code()).as(exported.err()).isZero();
    }
  }

  @Test
  void aBadDatabaseUrlIsAUsageError() {
    CliTest.Outcome outcome = run(Map.of("SWITCHBOARD_HOME", home.toString()), "serve", "--database", "mysql://u:secretpw@h/db");
    assertThat(outcome.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(outcome.err()).contains("postgresql://").doesNotContain("secretpw");
  }
}
