package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.OktaSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code switchboard sandbox serve} options and {@code switchboard sandbox token create}. */
class SandboxCommandTest {
  private static final Pattern TOKEN = Pattern.compile("export OKTA_API_TOKEN=(\\S+)");

  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of(), java.io.InputStream.nullInputStream());
    return new Outcome(code, out.toString(), err.toString());
  }

  private static SandboxCommand.Serve serve(String... args) {
    SandboxCommand.Serve serve = new SandboxCommand.Serve();
    new CommandLine(serve).parseArgs(args);
    return serve;
  }

  private static int status(OktaSandbox sandbox, String token, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + path))
        .header("Authorization", "SSWS " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void serveOptionsShapeTheSandbox() throws Exception {
    SandboxCommand.Serve serve = serve("--users", "7", "--seed", "3", "--all-active", "--bucket-limit", "/api/v1/logs=1",
        "--rate-limit-window", "2s", "--token-window", "PT90S");
    try (OktaSandbox sandbox = serve.sandbox()) {
      sandbox.start();
      String token = sandbox.createApiToken("options");

      assertThat(sandbox.userCount()).isEqualTo(7);
      assertThat(sandbox.userCount("ACTIVE")).isEqualTo(7);
      assertThat(status(sandbox, token, "/api/v1/logs")).isEqualTo(200);
      assertThat(status(sandbox, token, "/api/v1/logs")).isEqualTo(429);
      assertThat(serve.rateLimitWindow).isEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void faultOptionsReachTheSandbox() throws Exception {
    try (OktaSandbox sandbox = serve("--users", "1", "--error-rate", "1").sandbox()) {
      sandbox.start();

      assertThat(status(sandbox, sandbox.createApiToken("faults"), "/api/v1/users")).isEqualTo(500);
    }
  }

  private static String contentEncoding(OktaSandbox sandbox, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + "/api/v1/users"))
            .header("Authorization", "SSWS " + token).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray()).headers().firstValue("content-encoding").orElse("identity");
  }

  @Test
  void gzipIsTheDefaultAndNoGzipTurnsItOff() throws Exception {
    try (OktaSandbox gzip = serve("--users", "3").sandbox(); OktaSandbox plain = serve("--users", "3", "--no-gzip").sandbox()) {
      gzip.start();
      plain.start();

      assertThat(contentEncoding(gzip, gzip.createApiToken("gzip"))).isEqualTo("gzip");
      assertThat(contentEncoding(plain, plain.createApiToken("plain"))).isEqualTo("identity");
    }
  }

  @Test
  void anUnknownBucketIsAUsageError() {
    Outcome o = run("sandbox", "serve", "--bucket-limit", "/nowhere=3");

    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("no rate-limit bucket '/nowhere'");
  }

  @Test
  void aBadDurationIsAUsageError() {
    Outcome o = run("sandbox", "serve", "--latency", "soon");

    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("'soon' is not a duration");
  }

  @Test
  void anErrorRateAboveOneIsAUsageError() {
    Outcome o = run("sandbox", "serve", "--error-rate", "2");

    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("errorRate");
  }

  @Test
  void tokenCreateShowsANewTokenOnceAndItWorksInTheSandboxServingTheDirectory() throws Exception {
    try (OktaSandbox sandbox = serve("--users", "3", "--data-dir", dir.toString()).sandbox()) {
      sandbox.start();

      Outcome o = run("sandbox", "token", "create", "--name", "Agent Studio Connector", "--data-dir", dir.toString());

      assertThat(o.code()).isZero();
      assertThat(o.out()).contains("Created API token \"Agent Studio Connector\" (00T").contains("shown only this once")
          .contains("in the sandbox running at " + sandbox.orgUrl());
      Matcher token = TOKEN.matcher(o.out());
      assertThat(token.find()).isTrue();
      assertThat(status(sandbox, token.group(1), "/api/v1/users")).isEqualTo(200);
    }
  }

  @Test
  void tokenCreateOnAStoppedSandboxsDirectoryWorksAfterRestart() throws Exception {
    serve("--users", "2", "--data-dir", dir.toString()).sandbox().close();

    Outcome o = run("sandbox", "token", "create", "--name", "offline", "--data-dir", dir.toString());

    assertThat(o.code()).isZero();
    Matcher token = TOKEN.matcher(o.out());
    assertThat(token.find()).isTrue();
    try (OktaSandbox sandbox = serve("--data-dir", dir.toString()).sandbox()) {
      sandbox.start();
      assertThat(status(sandbox, token.group(1), "/api/v1/users")).isEqualTo(200);
    }
    assertThat(String.join("", Files.readAllLines(dir.resolve("org.json")))).doesNotContain(token.group(1));
  }

  @Test
  void tokenCreateWithoutAnOrgSaysHowToStartOne() {
    Outcome o = run("sandbox", "token", "create", "--name", "x", "--data-dir", dir.resolve("none").toString());

    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("sandbox serve --data-dir");
  }

  @Test
  void tokenCreateNeedsAName() {
    Outcome o = run("sandbox", "token", "create", "--data-dir", dir.toString());

    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--name");
  }
}
