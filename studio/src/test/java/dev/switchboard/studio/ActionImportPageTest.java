package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.importer.Finding;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import cURL on an action page: the report a user sees concerns the action, not a connector the CLI would make. */
class ActionImportPageTest {
  /** The cURL command of Agent Studio's Okta guide, with its placeholders. */
  static final String GUIDE_CURL = "curl -v -X GET -H \"Accept: application/json\" -H \"Content-Type: application/json\""
      + " -H \"Authorization: SSWS ${api_token}\" \"https://${yourOktaDomain}/api/v1/users\"";

  @TempDir
  Path dir;

  @Test
  void theGuidesCurlIntoAnExistingConnectorReportsOnTheActionOnly() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      browser.get("/connectors/okta/actions/new");
      HttpResponse<String> imported = browser.postWithCsrfHeader("/connectors/okta/actions/new/import",
          Map.of("curl", GUIDE_CURL, "base_version", "0"), browser.csrf);
      String html = imported.body();
      assertThat(html).contains("Imported list_users_imported from the cURL command").contains("path: /api/v1/users")
          .contains("name: list_users_imported")
          .contains("connector okta already has an action named list_users, which this import leaves alone");
      assertThat(html).contains("header Accept").contains("signed by its auth config");
      assertThat(html).doesNotContain("switchboard secrets set").doesNotContain("set org_url").doesNotContain("OKTA_ORG_URL");
      assertThat(html).as("the command line's options are not studio advice").contains("choose another name")
          .doesNotContain("--name").doesNotContain("--output schema").doesNotContain("switchboard run");
    }
  }

  @Test
  void notesAboutTheConnectorTheCommandWouldMakeAreLeftOut() {
    List<Finding> kept = ActionPages.actionFindings(List.of(Finding.leftToUser("setting org_url", "set org_url"),
        Finding.guessed("auth", "API key"), Finding.leftToUser("secret okta_api_token", "store it"),
        Finding.guessed("connector okta", "an Okta org"), Finding.guessed("base URL", "https://x"),
        Finding.ignored("header Accept", "dropped"), Finding.guessed("action list_users", "named after GET /api/v1/users")));
    assertThat(kept).extracting(Finding::subject).containsExactly("header Accept", "action list_users");
  }

  @Test
  void savingYamlThatDoesNotParseSaysSoNotThatTheNameIsInvalid() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      browser.get("/connectors/okta/actions/new");
      HttpResponse<String> saved = browser.postWithCsrfHeader("/connectors/okta/actions/new/save",
          Map.of("yaml", "name: [unclosed\nmethod: GET\n", "base_version", "0"), browser.csrf);
      assertThat(saved.statusCode()).isEqualTo(422);
      assertThat(saved.body()).contains("Not saved: the YAML is not valid").contains("at line 1")
          .doesNotContain("action name &#39;&#39; is not valid").doesNotContain("action name '' is not valid")
          .doesNotContain("'reader'").contains("name: [unclosed");
    }
  }
}
