package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 during saves loses nothing that was acknowledged: a server in a child process takes saves from four
 * writers (each on its own action, every save based on the version the last answer gave); after a number of
 * acknowledged saves the process is killed with SIGKILL in the middle of the stream; the workspace, opened again,
 * holds every acknowledged version with its text.
 */
class KillDuringSavesTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String CLASS_PATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

  @TempDir
  Path dir;

  static String action(String name, int n) {
    return "name: " + name + "\ndescription: save number " + n + "\nmethod: GET\npath: /things/" + n + "\n";
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void nothingAcknowledgedIsLost(Database.Kind kind) throws Exception {
    Database db = TestDatabases.fresh(kind, dir);
    List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-cp", CLASS_PATH,
        ServeProcess.class.getName(), kind.name(), db.jdbcUrl()));
    db.user().ifPresent(command::add);
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("the child server printed its URL").startsWith("url=");
      ApiClient api = new ApiClient(URI.create(line.substring(4)), ServeProcess.ADMIN_KEY);
      assertThat(api.post("/api/connectors", Map.of("name", "shop", "yaml", RestApiTest.SHOP)).status())
          .isEqualTo(201);
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch enough = new CountDownLatch(60);
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String name = "action_" + w;
        Thread t = new Thread(() -> {
          int base = 0;
          for (int n = 1; !stop.get(); n++) {
            ApiClient.Answer a;
            try {
              a = api.put("/api/connectors/shop/actions/" + name, Map.of("yaml", action(name, n), "base_version", base));
            } catch (RuntimeException e) {
              return;
            }
            if (a.status() != 200 && a.status() != 201) {
              return;
            }
            base = a.json().path("version").asInt();
            acknowledged.put(name, n);
            enough.countDown();
          }
        });
        t.start();
        writers.add(t);
      }
      assertThat(enough.await(120, TimeUnit.SECONDS)).as("the server took saves").isTrue();
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread t : writers) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
    } finally {
      child.destroyForcibly();
    }
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
      assertThat(acknowledged).hasSize(4);
      for (Map.Entry<String, Integer> e : acknowledged.entrySet()) {
        Document d = ws.documents().find("shop", Document.actionFile(e.getKey())).orElseThrow();
        int saved = Integer.parseInt(d.text().replaceAll("(?s).*save number (\\d+).*", "$1"));
        assertThat(saved).as(e.getKey() + ": the last acknowledged save is kept").isGreaterThanOrEqualTo(e.getValue());
        assertThat(d.version()).isGreaterThanOrEqualTo(e.getValue());
        assertThat(ws.documents().version("shop", Document.actionFile(e.getKey()), e.getValue()).text())
            .isEqualTo(action(e.getKey(), e.getValue()));
      }
    }
  }
}
