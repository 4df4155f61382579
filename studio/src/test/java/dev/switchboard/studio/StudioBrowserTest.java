package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The studio in a real browser (Debian's Chromium, headless), on a fresh workspace and an Okta sandbox: the guide's
 * whole flow, a wrong token shown as Okta's E0000011 at Test, a stale save answered with the conflict, and the
 * credential in no page's HTML. One browser for the class; the tests run in order on the same workspace.
 * With {@code -Dstudio.screenshots=../docs/img} they take the screenshots of docs/studio.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserTest {
  static final String GUIDE_CURL = "curl -i -X GET https://subdomain.okta.com/api/v1/users -H 'Authorization: YOUR_API_KEY_HERE'";
  static final ObjectMapper JSON = new ObjectMapper();

  Path dir;
  OktaSandbox sandbox;
  String token;
  StudioServer server;
  Browser browser;
  String base;
  final List<String> pages = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    if (System.getenv("CI") == null) {
      assumeTrue(Browser.installed(), "Chromium and chromedriver are not installed (.ci/run installs them)");
    }
    dir = Files.createTempDirectory("studio-browser");
    sandbox = OktaSandbox.builder().port(0).users(30).seed(7).build();
    sandbox.start();
    token = sandbox.createApiToken("studio canary");
    server = new StudioServer(dir);
    base = server.uri().toString();
    browser = new Browser();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Keeps the page's HTML for the check that the credential is in none. */
  private void seen() {
    pages.add(browser.driver.getCurrentUrl() + "\n" + browser.html());
  }

  @Test
  @Order(1)
  void theGuidesFlowFromConnectorToMcpToolToRunHistory() throws Exception {
    browser.open(base + "/connectors");
    browser.find("#key");
    seen();
    browser.screenshot("studio-login");
    browser.type("#key", server.adminKey);
    browser.click("form.card button[type=submit]");
    browser.waitForText("h1", "Connectors");
    seen();
    browser.screenshot("studio-connectors");

    browser.click("a.button.primary[href='/connectors/new']");
    browser.type("#c-name", "okta_guide");
    browser.type("#c-title", "Okta (guide)");
    browser.type("#c-base", sandbox.orgUrl().toString());
    new Select(browser.find("#auth-type")).selectByValue("api_key");
    new Select(browser.find("#auth-placement")).selectByValue("header");
    browser.type("#auth-header", "Authorization");
    browser.type("#auth-format", "SSWS {api_token}");
    browser.type("#credential-value", token);
    seen();
    browser.screenshot("studio-connector-new");
    browser.click("section[aria-labelledby=scratch-h] button.primary");
    browser.waitForText("h1", "Okta (guide)");
    assertThat(browser.find(".credential").getText()).contains("api_token").contains("set");
    assertThat(server.workspace.documents().find("okta_guide", "connector.yaml").orElseThrow().text())
        .contains("SSWS {{secret}}").contains("secret: api_token").doesNotContain(token);
    seen();
    browser.screenshot("studio-connector");

    browser.open(base + "/connectors/okta_guide/actions/new#import");
    browser.type("#curl", GUIDE_CURL);
    browser.click("#import button");
    browser.waitFor().until(d -> "/api/v1/users".equals(d.findElement(By.id("f-path")).getAttribute("value")));
    assertThat(browser.find("#f-name").getAttribute("value")).isEqualTo("list_users");
    assertThat(browser.find("#yaml").getAttribute("value")).contains("path: /api/v1/users");
    seen();
    browser.screenshot("studio-action-import");

    browser.click("#test-button");
    browser.waitForText("#test-output", "succeeded");
    assertThat(browser.find("#test-output h3").getText()).contains("200");
    browser.scrollTo("#test-output");
    seen();
    browser.screenshot("studio-action-test");

    browser.click("#schema-button");
    browser.waitFor().until(d -> d.findElement(By.id("f-map")).getAttribute("value").contains("login"));
    assertThat(browser.find("#f-records").getAttribute("value")).isEqualTo("@");
    assertThat(browser.find("#f-schema").getAttribute("value")).contains("\"type\" : \"array\"");
    assertThat(browser.find("#yaml").getAttribute("value")).contains("map:");
    browser.scrollTo("#f-output");
    seen();
    browser.screenshot("studio-action-schema");

    browser.click("#save-button");
    browser.waitFor().until(d -> d.getCurrentUrl().endsWith("/connectors/okta_guide/actions/list_users"));
    browser.waitForText("#versions", "1");
    assertThat(server.workspace.documents().find("okta_guide", "actions/list_users.yaml").orElseThrow().text()).contains("map:");
    seen();
    browser.screenshot("studio-action-saved");

    browser.open(base + "/connectors/okta_guide");
    browser.click("button[hx-post='/connectors/okta_guide/test-connection']");
    browser.waitForText("#connection-result", "okta_guide.list_users succeeded");
    seen();

    browser.open(base + "/agents");
    browser.type("#k-name", "claude");
    browser.type("#k-tools", "okta_guide_*");
    browser.click("form[action='/agents/keys'] button.primary");
    String agentKey = browser.find("#new-key").getText().strip();
    assertThat(agentKey).startsWith("sbk_");
    browser.waitForText("#agent-tools", "okta_guide_list_users");
    browser.screenshot("studio-agents");

    McpSyncClient mcp = mcp(base, agentKey);
    try {
      assertThat(mcp.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("okta_guide_list_users");
      McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest("okta_guide_list_users", Map.of()));
      assertThat(result.isError()).as(String.valueOf(result.structuredContent())).isNotEqualTo(Boolean.TRUE);
    } finally {
      mcp.closeGracefully();
    }

    browser.open(base + "/runs?connector=okta_guide&outcome=ok");
    browser.waitForText("#run-rows", "mcp");
    seen();
    browser.screenshot("studio-runs");
    browser.click("#run-rows tr:first-child a");
    browser.waitForText("h1", "okta_guide.list_users");
    assertThat(browser.find("main").getText()).contains("GET /api/v1/users").contains("claude via mcp");
    seen();
    browser.screenshot("studio-run");

    browser.open(base + "/audit");
    browser.waitForText("main", "credential");
    seen();
    browser.screenshot("studio-audit");
  }

  @Test
  @Order(2)
  void aWrongTokenIsShownAsOktasE0000011AtTest() {
    browser.open(base + "/connectors/okta_guide");
    browser.type("#credential-value", "00WrongToken-not-a-real-one-0000000000");
    browser.click("#auth-section button.primary");
    browser.waitForText("#auth-section", "stored encrypted");
    seen();
    browser.open(base + "/connectors/okta_guide/actions/list_users");
    browser.click("#test-button");
    browser.waitForText("#test-output", "E0000011");
    assertThat(browser.find("#test-output").getText()).contains("401").contains("auth");
    // Test runs again on every click, not only the first of a page's life.
    String firstRun = browser.find("#test-output h3 a").getAttribute("href");
    browser.click("#test-button");
    browser.waitFor().until(d -> !d.findElement(By.cssSelector("#test-output h3 a")).getAttribute("href").equals(firstRun));
    browser.scrollTo("#test-output");
    seen();
    browser.screenshot("studio-action-test-error");
    browser.open(base + "/connectors/okta_guide");
    browser.type("#credential-value", token);
    browser.click("#auth-section button.primary");
    browser.waitForText("#auth-section", "stored encrypted");
  }

  @Test
  @Order(3)
  void aStaleSaveIsAnsweredWithTheConflictNamingWhoSavedInBetween() throws Exception {
    browser.open(base + "/connectors/okta_guide/actions/list_users");
    browser.type("#f-title", "List users (from the browser)");
    browser.find("#f-description").click();
    browser.waitFor().until(d -> d.findElement(By.id("yaml")).getAttribute("value").contains("from the browser"));

    AccessKey.Created bob = server.workspace.keys().create("bob", Role.ADMIN, List.of(), false, "test");
    String saved = server.workspace.documents().find("okta_guide", "actions/list_users.yaml").orElseThrow().text();
    int version = server.workspace.documents().find("okta_guide", "actions/list_users.yaml").orElseThrow().version();
    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/connectors/okta_guide/actions/list_users"))
        .header("Authorization", "Bearer " + bob.secret()).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("yaml", saved.replace("title: List users", "title: Users (bob)"),
            "base_version", version)))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    browser.click("#save-button");
    browser.waitForText(".alert-conflict", "bob");
    assertThat(browser.find(".alert-conflict").getText()).contains("version " + version);
    assertThat(browser.find("#yaml").getAttribute("value")).contains("from the browser");
    seen();
    browser.screenshot("studio-action-conflict");
  }

  @Test
  @Order(4)
  void theCredentialIsInNoPagesHtml() {
    for (String path : List.of("/connectors", "/connectors/okta_guide", "/connectors/okta_guide/actions/list_users", "/connectors/okta",
        "/runs", "/audit", "/agents", "/connectors/new")) {
      browser.open(base + path);
      browser.find("main");
      seen();
    }
    assertThat(pages).hasSizeGreaterThan(15);
    for (String html : pages) {
      assertThat(html).doesNotContain(token).doesNotContain(server.adminKey);
    }
  }

  static McpSyncClient mcp(String url, String key) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(url).endpoint("/mcp")
        .jsonMapper(McpJson.mapper())
        .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key))
        .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).jsonSchemaValidator(McpJson.validator()).build();
    client.initialize();
    return client;
  }
}
