package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.workspace.Document;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agents page's tool list: a large workspace shows the first tools and a filter by name, not every schema. */
class AgentToolsTest {
  private static final Pattern TOOL = Pattern.compile("<code class=\"tool-name\">([^<]+)</code>");

  @TempDir
  Path dir;

  private static int shown(String html) {
    Matcher m = TOOL.matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aLargeListShowsItsFirstToolsAndTheFilterFindsTheRest() {
    try (StudioServer seed = new StudioServer(dir)) {
      Map<String, String> pack = new TreeMap<>();
      for (Document d : seed.workspace.documents().files("okta")) {
        pack.put(d.file(), d.text());
      }
      for (int i = 0; i < 4; i++) {
        String name = "org" + i;
        Map<String, String> files = new LinkedHashMap<>();
        pack.forEach((f, text) -> files.put(f, f.equals(Document.CONNECTOR_FILE) ? text.replaceFirst("(?m)^name: okta$", "name: " + name) : text));
        files.put(Document.SETTINGS_FILE, "org_url: \"http://127.0.0.1:9\"\n");
        seed.workspace.documents().create(name, files, "test");
        seed.workspace.credentials().set(name, "okta_api_token", "not-used-by-this-test", "test");
      }
    }
    try (StudioServer s = StudioServer.reopen(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);

      HttpResponse<String> page = browser.get("/agents");
      assertThat(page.statusCode()).isEqualTo(200);
      int total = Integer.parseInt(page.body().replaceAll("(?s).*<p class=\"help\">(\\d+) tools in.*", "$1"));
      assertThat(total).isGreaterThan(4 * 25);
      assertThat(shown(page.body())).isEqualTo(AgentPages.SHOWN);
      assertThat(page.body()).contains("Showing the first " + AgentPages.SHOWN);

      String key = page.body().replaceAll("(?s).*<option value=\"([^\"]+)\" selected.*", "$1");
      HttpResponse<String> filtered = browser.get("/agents/tools?key=" + key + "&q=org3_list_u");
      assertThat(filtered.statusCode()).isEqualTo(200);
      Matcher names = TOOL.matcher(filtered.body());
      int n = 0;
      while (names.find()) {
        assertThat(names.group(1)).contains("org3_list_u");
        n++;
      }
      assertThat(n).isBetween(1, AgentPages.SHOWN - 1);
      assertThat(filtered.body()).contains("org3_list_users").contains(n + " with <code>org3_list_u</code>")
          .doesNotContain("Showing the first");
    }
  }

  @Test
  void anUnknownKeySaysSoInsteadOfListingNoTools() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      HttpResponse<String> unknown = browser.get("/agents/tools?key=no-such-key&q=");
      assertThat(unknown.body()).contains("There is no live key named <code>no-such-key</code>").doesNotContain("tools in");
      HttpResponse<String> script = browser.get("/agents/tools?key=%3Cscript%3E");
      assertThat(script.body()).contains("&lt;script&gt;").doesNotContain("<script>");
    }
  }

  @Test
  void theSnippetsCarryAKeyJustCreatedAndOnlyInThatAnswer() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      browser.get("/agents");
      HttpResponse<String> created = browser.postForm("/agents/keys", Map.of("name", "claude-desktop", "tools", "okta_list_*",
          "read_only", "true"));
      String secret = created.body().replaceAll("(?s).*<pre class=\"code\" id=\"new-key\">([^<]+)</pre>.*", "$1");
      assertThat(secret).startsWith("sbk_");
      String claude = created.body().replaceAll("(?s).*<pre class=\"code\" id=\"snippet-claude\">([^<]+)</pre>.*", "$1");
      String cursor = created.body().replaceAll("(?s).*<pre class=\"code\" id=\"snippet-cursor\">([^<]+)</pre>.*", "$1");
      assertThat(claude).contains("Bearer " + secret).doesNotContain("your agent key");
      assertThat(cursor).contains("Bearer " + secret);
      HttpResponse<String> later = browser.get("/agents");
      assertThat(later.body()).doesNotContain(secret).contains("&lt;your agent key&gt;");
    }
  }
}
