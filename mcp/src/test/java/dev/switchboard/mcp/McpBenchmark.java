package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.Engine;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.sandbox.OktaSandbox;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmarks of issue 5 (docs/benchmarks.md, section "MCP"); run only on demand:
 *
 * <pre>./mvnw -B -pl mcp -am test -Dswitchboard.bench=true -Dtest=McpBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>The report goes to {@code mcp/target/benchmarks/mcp.txt} (and to the test's output file).
 *
 * <ol>
 *   <li>Overhead of MCP over stdio: a get-one-user action ({@code okta.get_user} of the catalog)
 *       against the Okta sandbox, run in-process with {@link Engine#call} and as {@code tools/call} through the MCP
 *       Java SDK's client to {@link StdioTestServer} in a subprocess (default JVM options, as {@code java -jar}).
 *       Rounds alternate between the two after a warm-up; the target is p50 overhead at most 2 ms.</li>
 *   <li>Agent-sized output: the bytes of the default {@code okta_list_users} result (the whole {@code tools/call}
 *       result: text content, structured content, isError) against the bytes of Okta's raw
 *       {@code GET /api/v1/users?limit=200} body from the same sandbox; the target is at most 15%.</li>
 * </ol>
 */
@EnabledIfSystemProperty(named = "switchboard.bench", matches = "true")
class McpBenchmark {
  private static final int WARMUP = 1500;
  private static final int ROUNDS = 10;
  private static final int PER_ROUND = 300;
  /** The JVM options of the ./switchboard script. */
  private static final List<String> SWITCHBOARD_SCRIPT_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  @Test
  void stdioOverheadAndOutputSize() throws Exception {
    StringBuilder report = new StringBuilder();
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(1000).seed(42L).rateLimit(1_000_000).build()) {
      sandbox.start();
      String token = sandbox.createApiToken("benchmark");
      Path defs = Fixtures.write(Files.createTempDirectory("switchboard-bench"));
      Map<String, String> env = Map.of("OKTA_ORG_URL", sandbox.orgUrl().toString(), "OKTA_API_TOKEN", token,
          "SHOP_URL", "http://127.0.0.1:9", "SHOP_API_KEY", "unused-in-this-benchmark");
      Catalog catalog = Fixtures.catalog(defs);
      Engine engine = Fixtures.engine(catalog, env);
      String userId = engine.call("okta.list_users", Map.of("limit", JsonNodeFactory.instance.numberNode(1)))
          .output().get(0).path("id").asText();
      Map<String, JsonNode> inputs = Map.of("id", JsonNodeFactory.instance.textNode(userId));
      for (int i = 0; i < 2 * WARMUP; i++) {
        engine.call("okta.get_user", inputs);
      }

      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      double overheadDefault = 0;
      McpSyncClient client = null;
      try {
        for (List<String> options : List.of(List.<String>of(), SWITCHBOARD_SCRIPT_OPTIONS)) {
          List<String> args = new ArrayList<>(options);
          args.addAll(List.of("-cp", classPath, StdioTestServer.class.getName(), defs.toString()));
          StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java).args(args).env(env).build(),
              McpJson.mapper());
          transport.setStdErrorHandler(line -> { });
          if (client != null) {
            client.closeGracefully();
          }
          client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
              .initializationTimeout(Duration.ofSeconds(60)).jsonSchemaValidator(McpJson.validator()).build();
          client.initialize();
          double overhead = measure(engine, inputs, client, userId, options, report);
          if (options.isEmpty()) {
            overheadDefault = overhead;
          }
        }
        HttpResponse<byte[]> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.orgUrl() + "/api/v1/users?limit=200"))
            .header("Authorization", "SSWS " + token).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode rawUsers = McpJson.objectMapper().readTree(raw.body());
        McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("okta_list_users", Map.of()));
        byte[] result = McpJson.objectMapper().writeValueAsBytes(listed);
        byte[] structured = McpJson.objectMapper().writeValueAsBytes(listed.structuredContent());
        int text = ((McpSchema.TextContent) listed.content().get(0)).text().getBytes(StandardCharsets.UTF_8).length;
        double ratio = 100.0 * result.length / raw.body().length;
        report.append("## default okta_list_users output vs Okta's raw response for 200 users\n")
            .append("raw GET /api/v1/users?limit=200: ").append(raw.body().length).append(" bytes, ").append(rawUsers.size()).append(" users\n")
            .append("tools/call okta_list_users (no arguments): ").append(result.length).append(" bytes in all (structuredContent ")
            .append(structured.length).append(", text ").append(text).append("), ")
            .append(McpJson.objectMapper().valueToTree(listed.structuredContent()).path("count").asInt()).append(" users, truncated with next_cursor\n")
            .append(String.format("ratio: %.1f%% (target: at most 15%%)%n", ratio));

        String text1 = report.toString();
        System.out.println(text1);
        Path out = Path.of("target", "benchmarks", "mcp.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text1);
        assertThat(rawUsers.size()).isEqualTo(200);
        assertThat(ratio).as(text1).isLessThanOrEqualTo(15.0);
        assertThat(overheadDefault).as(text1).isLessThanOrEqualTo(2.0);
      } finally {
        if (client != null) {
          client.closeGracefully();
        }
      }
    }
  }

  /** Measures in-process calls and tools/call over stdio in alternating rounds; returns the p50 overhead in ms. */
  private static double measure(Engine engine, Map<String, JsonNode> inputs, McpSyncClient client, String userId,
      List<String> serverOptions, StringBuilder report) {
    McpSchema.CallToolRequest getUser = new McpSchema.CallToolRequest("okta_get_user", Map.of("id", userId));
    for (int i = 0; i < WARMUP; i++) {
      engine.call("okta.get_user", inputs);
      McpSchema.CallToolResult r = client.callTool(getUser);
      if (Boolean.TRUE.equals(r.isError())) {
        throw new AssertionError("the tool failed: " + r.content());
      }
    }
    long[] local = new long[ROUNDS * PER_ROUND];
    long[] stdio = new long[ROUNDS * PER_ROUND];
    int n = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < PER_ROUND; i++) {
        long t0 = System.nanoTime();
        engine.call("okta.get_user", inputs);
        long t1 = System.nanoTime();
        client.callTool(getUser);
        long t2 = System.nanoTime();
        local[n] = t1 - t0;
        stdio[n] = t2 - t1;
        n++;
      }
    }
    Arrays.sort(local);
    Arrays.sort(stdio);
    double overhead = ms(percentile(stdio, 50)) - ms(percentile(local, 50));
    report.append("## get-one-user: in-process Engine.call vs tools/call over stdio, server JVM options ")
        .append(serverOptions.isEmpty() ? "(none: as java -jar switchboard.jar mcp)" : String.join(" ", serverOptions) + " (as ./switchboard mcp)")
        .append("; ").append(n).append(" calls each after ").append(WARMUP).append(" warm-up calls\n")
        .append(String.format("in-process  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n", ms(percentile(local, 50)), ms(percentile(local, 90)), ms(percentile(local, 99))))
        .append(String.format("MCP stdio   p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n", ms(percentile(stdio, 50)), ms(percentile(stdio, 90)), ms(percentile(stdio, 99))))
        .append(String.format("overhead at p50: %.3f ms (target: at most 2 ms)%n%n", overhead));
    return overhead;
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

}
