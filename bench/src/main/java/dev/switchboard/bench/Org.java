package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sandbox.OktaSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Okta sandboxes the benchmarks call. */
final class Org {
  /** Seeds of every org: the same seed gives the same users. */
  static final long SEED = 42L;

  private Org() {}

  /**
   * Starts a sandbox on a free port of 127.0.0.1 whose users are all ACTIVE, so a plain listing returns every
   * one of them.
   *
   * @param users how many users
   * @param rateLimit requests per bucket per window
   * @param window the window
   * @return the started sandbox and a token
   */
  static Handle start(int users, int rateLimit, Duration window) {
    // Compression off: every client gets the same plain bytes, whether it asks for gzip or not (the sandbox
    // compresses by default, as Okta does).
    OktaSandbox sandbox = OktaSandbox.builder().port(0).users(users).seed(SEED).mixedStatuses(false)
        .rateLimit(rateLimit).rateLimitWindow(window).compression(false).build();
    sandbox.start();
    String token = sandbox.createApiToken("benchmark");
    return new Handle(sandbox.orgUrl().toString(), token, firstIds(sandbox.orgUrl().toString(), token), sandbox);
  }

  /** Starts an unlimited sandbox (no request is ever refused for rate). */
  static Handle startUnlimited(int users) {
    return start(users, Integer.MAX_VALUE, Duration.ofSeconds(60));
  }

  /**
   * The org named by the properties file at {@code bench.org} ({@code url}, {@code token}, {@code ids}
   * comma-separated; see {@link #writeProperties}), or by the system properties {@code bench.url},
   * {@code bench.token} and {@code bench.ids}, or a new 1,000-user sandbox in this JVM when none is set.
   */
  static Handle fromSystemProperties() {
    String file = System.getProperty("bench.org");
    if (file != null) {
      java.util.Properties p = new java.util.Properties();
      try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(file))) {
        p.load(in);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read the benchmark org from " + file, e);
      }
      return new Handle(p.getProperty("url"), p.getProperty("token"), p.getProperty("ids").split(","), null);
    }
    String url = System.getProperty("bench.url");
    if (url == null) {
      return startUnlimited(1000);
    }
    return new Handle(url, System.getProperty("bench.token"), System.getProperty("bench.ids").split(","), null);
  }

  /**
   * Writes an org's URL, token and ids to a file only its owner can read, for JMH's forks: passed as
   * {@code -Dbench.org=FILE}, they stay out of the JVM options JMH prints. The caller deletes it.
   *
   * @param org the org
   * @param file where to write
   * @throws java.io.IOException when it cannot be written
   */
  static void writeProperties(Handle org, java.nio.file.Path file) throws java.io.IOException {
    java.nio.file.Files.deleteIfExists(file);
    java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    java.util.Properties p = new java.util.Properties();
    p.setProperty("url", org.url());
    p.setProperty("token", org.token());
    p.setProperty("ids", String.join(",", org.ids()));
    try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(file)) {
      p.store(out, "benchmark org (deleted after the run)");
    }
  }

  /** The ids of the first page (200 users) of an org's plain listing. */
  static String[] firstIds(String url, String token) {
    try {
      HttpResponse<byte[]> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
          HttpRequest.newBuilder(URI.create(url + "/api/v1/users?limit=200")).header("Authorization", "SSWS " + token)
              .timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      List<String> ids = new ArrayList<>();
      for (JsonNode user : new ObjectMapper().readTree(response.body())) {
        ids.add(user.get("id").asText());
      }
      return ids.toArray(String[]::new);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the users of " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * An org to call.
   *
   * @param url its base URL
   * @param token an API token
   * @param ids the ids of its first 200 users
   * @param sandbox the sandbox when this JVM started it, else null
   */
  record Handle(String url, String token, String[] ids, OktaSandbox sandbox) implements AutoCloseable {
    @Override
    public void close() {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }
}
