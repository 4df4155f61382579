package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Switchboard's own CPU per call, without the network: the engine runs {@code okta.get_user} and one page of
 * {@code okta.list_users} against a transport that answers at once with bytes and headers recorded from the
 * sandbox. Beside it, what any client must do with the same bytes: parse them with Jackson. The difference is
 * the engine's work (input validation, rendering, the interceptor chain, decoding checks, secret scrubbing,
 * output mapping), which a real call adds to the network and the server's time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineOverheadBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Engine engine;
  private ActionPlan getUser;
  private ActionPlan listUsers;
  private Response user;
  private Response page;
  private String userId;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    try (Org.Handle org = Org.startUnlimited(1000)) {
      userId = org.ids()[0];
      user = record(org, "/api/v1/users/" + userId);
      page = record(org, "/api/v1/users?limit=200");
    }
    engine = Engine.builder(Catalog.builtIn())
        .config(ConfigSource.of(Map.of("okta", Map.of("org_url", "http://127.0.0.1:9"))))
        .secrets(new MapSecretStore("the benchmark").put("okta_api_token", "00benchmarkTokenThatIsNeverSentAnywhere0001"))
        .transport((request, timeout) -> new Response(request.uri(),
            request.uri().getPath().endsWith("/users") ? page.status() : user.status(),
            request.uri().getPath().endsWith("/users") ? withoutNext(page.headers()) : user.headers(),
            request.uri().getPath().endsWith("/users") ? page.body() : user.body(), 1000))
        .build();
    getUser = engine.catalog().require("okta.get_user");
    listUsers = engine.catalog().require("okta.list_users");
  }

  private static Map<String, List<String>> withoutNext(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>(headers);
    out.remove("link");
    return out;
  }

  private static Response record(Org.Handle org, String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(org.url() + path))
        .header("Authorization", "SSWS " + org.token()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return new Response(r.uri(), r.statusCode(), headers, r.body(), 0);
  }

  /** The engine running okta.get_user on recorded bytes. */
  @Benchmark
  public long switchboardGetUser() {
    try (Stream<ActionResult> pages = engine.pages(getUser, Map.of("id", F.textNode(userId)))) {
      JsonNode out = pages.findFirst().orElseThrow().output();
      return OktaClient.checksum(out.get("id").asText(), out.get("login").asText(), out.get("status").asText());
    }
  }

  /** Parsing the same user's bytes with Jackson, as the HttpClient baseline does. */
  @Benchmark
  public long jacksonGetUser() throws Exception {
    JsonNode out = JSON.readTree(user.body());
    return OktaClient.checksum(out.get("id").asText(), out.path("profile").path("login").asText(), out.get("status").asText());
  }

  /** The engine running one 200-user page of okta.list_users on recorded bytes. */
  @Benchmark
  public long switchboardListPage() {
    long sum = 0;
    try (Stream<ActionResult> pages = engine.pages(listUsers, Map.of("limit", F.numberNode(200)))) {
      for (JsonNode out : pages.findFirst().orElseThrow().output()) {
        sum += OktaClient.checksum(out.get("id").asText(), out.get("login").asText(), out.get("status").asText());
      }
    }
    return sum;
  }

  /** Parsing the same page's bytes with Jackson. */
  @Benchmark
  public long jacksonListPage() throws Exception {
    long sum = 0;
    for (JsonNode out : JSON.readTree(page.body())) {
      sum += OktaClient.checksum(out.get("id").asText(), out.path("profile").path("login").asText(), out.get("status").asText());
    }
    return sum;
  }
}
