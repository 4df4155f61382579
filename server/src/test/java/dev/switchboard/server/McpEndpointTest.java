package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MCP at /mcp from the workspace: keys see their tools, confirmations survive a restart, bad bodies get -32700. */
class McpEndpointTest {
  static final String DELETE_GROUP = """
      name: delete_group
      description: Deletes a group.
      method: DELETE
      path: /api/v1/groups/{{id}}
      inputs:
        id: {type: string, required: true}
      annotations: {destructive: true}
      """;

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aConfirmationTokenWorksAfterTheServerRestarts(Database.Kind kind) throws Exception {
    Database db = TestDatabases.fresh(kind, dir);
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(5).seed(3).build()) {
      sandbox.start();
      String group = sandbox.createGroup("Doomed", "to be deleted");
      int groups = sandbox.groupCount();
      String agent;
      String token;
      try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
        String admin = FirstStart.prepare(ws, Map.of()).generatedKey().orElseThrow();
        try (SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of())).build().start()) {
          ApiClient api = new ApiClient(server.uri(), admin);
          api.post("/api/connectors", Map.of("name", "acme", "yaml", DoneWhenTest.CONNECTOR, "settings",
              Map.of("org_url", sandbox.orgUrl().toString())));
          api.put("/api/connectors/acme/credentials/api_token", Map.of("value", sandbox.createApiToken("mcp test")));
          assertThat(api.put("/api/connectors/acme/actions/delete_group", Map.of("yaml", DELETE_GROUP, "base_version", 0)).status())
              .isEqualTo(201);
          agent = api.post("/api/keys", Map.of("name", "ops", "role", "agent", "tools", List.of("acme_*"))).json().path("key").asText();
          String readOnly = api.post("/api/keys", Map.of("name", "reader", "role", "agent", "read_only", true)).json().path("key").asText();

          McpSyncClient reader = DoneWhenTest.mcp(server.uri().toString(), readOnly, new ArrayList<>());
          try {
            assertThat(reader.listTools().tools()).extracting(McpSchema.Tool::name).doesNotContain("acme_delete_group")
                .contains("okta_list_users");
            assertThatThrownBy(() -> reader.callTool(new McpSchema.CallToolRequest("acme_delete_group", Map.of("id", group))))
                .isInstanceOf(McpError.class).hasMessageContaining("Tool 'acme_delete_group' is not among the tools of access key"
                    + " 'reader': the key is read-only and this tool is not").hasMessageContaining("tools/list gives the");
            assertThatThrownBy(() -> reader.callTool(new McpSchema.CallToolRequest("okta_list_user", Map.of())))
                .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool 'okta_list_user'; did you mean 'okta_list_users'?");
          } finally {
            reader.closeGracefully();
          }
          McpSyncClient client = DoneWhenTest.mcp(server.uri().toString(), agent, new ArrayList<>());
          try {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("acme_delete_group");
            McpSchema.CallToolResult preview = client.callTool(new McpSchema.CallToolRequest("acme_delete_group", Map.of("id", group)));
            JsonNode structured = McpJson.objectMapper().valueToTree(preview.structuredContent());
            token = structured.path("confirmation").path("token").asText();
            assertThat(token).startsWith("sbc_");
          } finally {
            client.closeGracefully();
          }
          assertThat(sandbox.groupCount()).isEqualTo(groups);
        }
        try (SwitchboardServer restarted = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of())).build().start()) {
          McpSyncClient client = DoneWhenTest.mcp(restarted.uri().toString(), agent, new ArrayList<>());
          try {
            McpSchema.CallToolResult done = client.callTool(new McpSchema.CallToolRequest("acme_delete_group",
                Map.of("id", group, "confirmation_token", token)));
            assertThat(done.isError()).as(String.valueOf(done.structuredContent())).isFalse();
            McpSchema.CallToolResult again = client.callTool(new McpSchema.CallToolRequest("acme_delete_group",
                Map.of("id", group, "confirmation_token", token)));
            assertThat(again.isError()).isTrue();
            assertThat(McpJson.objectMapper().valueToTree(again.structuredContent()).path("error").path("field").asText())
                .isEqualTo("confirmation_token");
          } finally {
            client.closeGracefully();
          }
          assertThat(sandbox.groupCount()).isEqualTo(groups - 1);

          HttpResponse<String> notJson = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(restarted.mcpUri().toString()))
              .header("Authorization", "Bearer " + agent).header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString("{oops")).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(notJson.statusCode()).isEqualTo(400);
          JsonNode error = ApiClient.JSON.readTree(notJson.body());
          assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
          assertThat(error.has("id") && error.get("id").isNull()).isTrue();
          HttpResponse<String> noKey = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(restarted.mcpUri().toString()))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(noKey.statusCode()).isEqualTo(401);
        }
      }
    }
  }
}
