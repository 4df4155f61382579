package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.mcp.json.McpJson;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard mcp} as an MCP host runs it: the real command in a subprocess, driven by the MCP Java
 * SDK's client over stdio and over Streamable HTTP, with no Okta org configured (the embedded sandbox).
 */
class McpCommandTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String CLASS_PATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

  private static List<String> command(String... args) {
    List<String> out = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-cp", CLASS_PATH, Main.class.getName(), "mcp"));
    out.addAll(List.of(args));
    return out;
  }

  /** Clears the variables that would point the command at a real org or fix its key. */
  private static void clean(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("OKTA_") || k.startsWith("SWITCHBOARD_"));
  }

  private static CliTest.Outcome inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("mcp"));
    all.addAll(List.of(args));
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of(), InputStream.nullInputStream());
    return new CliTest.Outcome(code, out.toString(), err.toString());
  }

  private static JsonNode structured(McpSchema.CallToolResult result) {
    return McpJson.objectMapper().valueToTree(result.structuredContent());
  }

  @Test
  void overStdioWithoutAnOrgTheToolsActOnTheEmbeddedSandboxAndTheInstructionsSaySo() {
    List<String> command = command("--tools", "okta_list_*", "--read-only");
    List<String> stderr = new CopyOnWriteArrayList<>();
    StdioClientTransport transport = new StdioClientTransport(
        ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).build(), McpJson.mapper()) {
      @Override
      protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder builder = new ProcessBuilder();
        clean(builder.environment());
        return builder;
      }
    };
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60)).jsonSchemaValidator(McpJson.validator()).build();
    try {
      client.initialize();
      assertThat(client.getServerInfo().name()).isEqualTo("switchboard");
      assertThat(client.getServerInstructions()).contains("embedded Okta sandbox", "OKTA_ORG_URL and OKTA_API_TOKEN");
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("okta_list_users", "okta_list_groups")
          .allMatch(name -> name.startsWith("okta_list_"));
      JsonNode first = structured(client.callTool(new McpSchema.CallToolRequest("okta_list_users", Map.of())));
      assertThat(first.path("count").asInt()).isEqualTo(50);
      assertThat(first.path("truncated").asBoolean()).isTrue();
      JsonNode second = structured(client.callTool(new McpSchema.CallToolRequest("okta_list_users",
          Map.of("next_cursor", first.path("next_cursor").asText()))));
      assertThat(second.path("count").asInt()).isEqualTo(50);
      assertThat(second.path("items").get(0).path("id").asText()).isNotEqualTo(first.path("items").get(0).path("id").asText());
    } finally {
      client.closeGracefully();
    }
    assertThat(String.join("\n", stderr)).contains("using the embedded Okta sandbox", "serving MCP over stdio")
        .doesNotContain("\tat ");
  }

  @Test
  void overHttpTheGeneratedKeyIsPrintedOnceOnStderrAndOpensTheEndpoint() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command("--http", "0"));
    clean(builder.environment());
    Process process = builder.start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
      String url = null;
      String key = null;
      List<String> lines = new ArrayList<>();
      Pattern serving = Pattern.compile("serving MCP Streamable HTTP at (http://127\\.0\\.0\\.1:\\d+)/mcp");
      Pattern printed = Pattern.compile("API key \\(shown once.*\\): (sbk_[A-Za-z0-9_-]{43})$");
      for (String line; (key == null || url == null) && (line = err.readLine()) != null; ) {
        lines.add(line);
        Matcher m = serving.matcher(line);
        if (m.find()) {
          url = m.group(1);
        }
        Matcher k = printed.matcher(line);
        if (k.find()) {
          key = k.group(1);
        }
      }
      assertThat(url).as(String.join("\n", lines)).isNotNull();
      assertThat(key).as(String.join("\n", lines)).isNotNull();
      String bearer = key;
      McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(url).jsonMapper(McpJson.mapper())
              .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + bearer))
              .build())
          .requestTimeout(Duration.ofSeconds(60)).jsonSchemaValidator(McpJson.validator()).build();
      try {
        client.initialize();
        assertThat(client.getServerInstructions()).contains("embedded Okta sandbox");
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("okta_list_users", Map.of("limit", 3)));
        assertThat(structured(result).path("count").asInt()).isEqualTo(3);
      } finally {
        client.closeGracefully();
      }
      assertThat(lines.stream().filter(l -> l.contains(bearer))).hasSize(1);
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aToolGlobThatMatchesNothingIsAUsageErrorListingTheTools() {
    CliTest.Outcome o = inProcess("--tools", "okta_purge_*");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--tools 'okta_purge_*' matches no tool", "okta_list_users", "okta_delete_user").doesNotContain("\tat ");
    assertThat(o.out()).isEmpty();
  }

  @Test
  void httpOnlyOptionsWithoutHttpAreAUsageError() {
    CliTest.Outcome o = inProcess("--host", "0.0.0.0");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--host applies only with --http PORT");
  }

  @Test
  void aBudgetBelowItsMinimumIsAUsageErrorNamingTheOption() {
    CliTest.Outcome o = inProcess("--max-items", "0");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--max-items must be at least 1");
  }

  @Test
  void aPortOutOfRangeIsAUsageError() {
    CliTest.Outcome o = inProcess("--http", "70000");
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--http must be from 0 to 65535");
  }

  @Test
  void anApiKeyFromTheEnvironmentThatIsTooShortIsAConfigurationErrorThatDoesNotShowIt() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"mcp", "--http", "0"}, new PrintWriter(out), new PrintWriter(err),
        Map.of("SWITCHBOARD_MCP_API_KEY", "tiny-key"), InputStream.nullInputStream());
    assertThat(code).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString()).contains("SWITCHBOARD_MCP_API_KEY: the API key must be at least 24 characters").doesNotContain("tiny-key");
  }
}
