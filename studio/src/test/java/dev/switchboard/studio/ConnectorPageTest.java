package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.workspace.Document;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector's page as a new user reads it: the base URL with the settings in place beside its template, and a
 * compound action's request column saying it is compound instead of a bare "/".
 */
class ConnectorPageTest {
  @TempDir
  Path dir;

  @Test
  void theBaseUrlShowsTheSettingInPlaceAndCompoundActionsSaySo() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      HttpResponse<String> sandboxed = browser.get("/connectors/okta");
      assertThat(sandboxed.statusCode()).isEqualTo(200);
      assertThat(sandboxed.body()).contains("embedded Okta sandbox");

      int settings = s.workspace.documents().find("okta", Document.SETTINGS_FILE).map(Document::version).orElse(0);
      s.workspace.documents().save("okta", Document.SETTINGS_FILE, "org_url: \"https://acme.okta.com\"\n", settings, "test");
      HttpResponse<String> page = browser.get("/connectors/okta");
      assertThat(page.body()).contains("<code>{{config.org_url}}</code> = <code>https://acme.okta.com</code>");
      assertThat(page.body()).containsPattern("compound: \\d+ steps");
      assertThat(ConnectorPages.withSettings("{{config.org_url}}/api/{{ config.version }}", Map.of("org_url", "https://a.example")))
          .isEqualTo("https://a.example/api/(version not set)");
    }
  }
}
