package dev.switchboard.studio;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.workspace.Document;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmarks of issue 13 (docs/benchmarks.md, section "Studio"); run only on demand:
 *
 * <pre>./mvnw -B -pl studio -am test -Dswitchboard.bench=true -Dtest=StudioBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>With 500 connectors in the workspace (each the Okta pack, 29 actions), each page is fetched {@value #RUNS} times
 * after {@value #WARMUP} warm-up fetches by one client over loopback, signed in; the time is the client's, from
 * sending the request to the last byte, an upper bound of the server's. Then Test (the studio's, recorded as a run)
 * of {@code list_users} with limit 20 beside the same request sent directly to the sandbox. The report goes to
 * {@code studio/target/benchmarks/studio.txt}.
 */
@EnabledIfSystemProperty(named = "switchboard.bench", matches = "true")
class StudioBenchmark {
  static final int CONNECTORS = 500;
  static final int WARMUP = 50;
  static final int RUNS = 200;

  @TempDir
  Path dir;

  final StringBuilder report = new StringBuilder();

  void line(String text) {
    report.append(text).append('\n');
    System.out.println(text);
  }

  @Test
  void pagesAndTest() throws Exception {
    line("# studio benchmarks, " + java.time.Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(200).seed(1).build()) {
      sandbox.start();
      String token = sandbox.createApiToken("bench");
      try (StudioServer seed = new StudioServer(dir)) {
        Map<String, String> pack = new TreeMap<>();
        for (Document d : seed.workspace.documents().files("okta")) {
          pack.put(d.file(), d.text());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < CONNECTORS; i++) {
          String name = String.format("okta_%03d", i);
          Map<String, String> files = new LinkedHashMap<>();
          pack.forEach((f, text) -> files.put(f, f.equals(Document.CONNECTOR_FILE) ? text.replaceFirst("(?m)^name: okta$", "name: " + name) : text));
          files.put(Document.SETTINGS_FILE, "org_url: \"" + sandbox.orgUrl() + "\"\n");
          seed.workspace.documents().create(name, files, "bench");
          seed.workspace.credentials().set(name, "okta_api_token", token, "bench");
        }
        line("seeded " + CONNECTORS + " connectors in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      }
      try (StudioServer s = StudioServer.reopen(dir)) {
        StudioHttp browser = new StudioHttp(s.uri());
        browser.signIn(s.adminKey());
        browser.get("/connectors/okta_250/actions/list_users");
        String csrf = browser.csrf;
        String yaml = s.workspace.documents().find("okta_250", "actions/list_users.yaml").orElseThrow().text();
        // some runs for the run pages
        for (int i = 0; i < 20; i++) {
          browser.postWithCsrfHeader("/connectors/okta_250/actions/list_users/test", Map.of("yaml", yaml), csrf);
        }
        String run = s.workspace.runs().list(dev.switchboard.workspace.RunQuery.NEWEST).items().get(0).id();
        line("");
        line("| page | p50 ms | p90 ms | max ms |");
        line("|---|---|---|---|");
        for (String path : new String[] {"/connectors", "/connectors?page=6", "/connectors?q=okta_25", "/connectors/okta_250",
            "/connectors/okta_250/actions/list_users", "/runs", "/runs/" + run, "/audit", "/agents"}) {
          double[] ms = time(() -> browser.get(path).statusCode());
          line("| `" + path + "` | " + f(pct(ms, 50)) + " | " + f(pct(ms, 90)) + " | " + f(ms[ms.length - 1]) + " |");
        }
        HttpClient direct = HttpClient.newHttpClient();
        HttpRequest upstream = HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + "/api/v1/users?limit=20"))
            .header("Authorization", "SSWS " + token).header("Accept", "application/json").build();
        String tested = yaml.replaceFirst("(?s)inputs:", "inputs:");
        Map<String, String> form = Map.of("yaml", tested.replace("default: 200", "default: 20"));
        double[] viaTest = time(() -> browser.postWithCsrfHeader("/connectors/okta_250/actions/list_users/test", form, csrf).statusCode());
        double[] plain = time(() -> direct.send(upstream, HttpResponse.BodyHandlers.ofString()).statusCode());
        double[] viaEngine;
        try (Engine engine = Engine.builder(Catalog.builtIn())
            .config(ConfigSource.of(Map.of("okta", Map.of("org_url", sandbox.orgUrl().toString()))))
            .secrets(new MapSecretStore("the benchmark").put("okta_api_token", token)).build()) {
          ActionPlan listUsers = engine.catalog().require("okta.list_users");
          viaEngine = time(() -> {
            try (Stream<ActionResult> pages = engine.pages(listUsers, Map.of("limit", IntNode.valueOf(20)))) {
              return pages.findFirst().orElseThrow().output().isEmpty() ? 500 : 200;
            }
          });
        }
        line("");
        line("| call | p50 ms | p90 ms |");
        line("|---|---|---|");
        line("| the studio's Test of list_users (limit 20; engine, run recorded, HTML) | " + f(pct(viaTest, 50)) + " | " + f(pct(viaTest, 90)) + " |");
        line("| the same request straight to the sandbox (HttpClient) | " + f(pct(plain, 50)) + " | " + f(pct(plain, 90)) + " |");
        line("| the same action called through the engine (Engine.pages, first page) | " + f(pct(viaEngine, 50)) + " | " + f(pct(viaEngine, 90)) + " |");
        line("| what Test adds to the bare request | " + f(pct(viaTest, 50) - pct(plain, 50)) + " | |");
        line("| what Test adds to the action call itself (engine) | " + f(pct(viaTest, 50) - pct(viaEngine, 50)) + " | |");
      }
    }
    Path out = Path.of("target", "benchmarks", "studio.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  interface Call {
    int run() throws Exception;
  }

  static double[] time(Call call) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      check(call.run());
    }
    double[] ms = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      check(call.run());
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void check(int status) {
    if (status != 200) {
      throw new IllegalStateException("status " + status);
    }
  }

  static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  static String f(double v) {
    return String.format("%.2f", v);
  }
}
