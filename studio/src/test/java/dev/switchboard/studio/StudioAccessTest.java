package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in, sessions, CSRF and the security headers, over plain HTTP (no browser). */
class StudioAccessTest {
  @TempDir
  Path dir;

  @Test
  void aPageWithoutASessionRedirectsToTheLogin() {
    try (StudioServer s = new StudioServer(dir)) {
      HttpResponse<String> r = new StudioHttp(s.uri()).get("/connectors");
      assertThat(r.statusCode()).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fconnectors");
    }
  }

  @Test
  void anAdminKeyOpensAnHttpOnlyStrictSessionAndPagesCarryTheContentSecurityPolicy() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      HttpResponse<String> login = browser.signIn(s.adminKey);
      assertThat(login.statusCode()).isEqualTo(303);
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith(StudioAccess.COOKIE + "=sbs_").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
      HttpResponse<String> page = browser.get("/connectors");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("okta").doesNotContain(s.adminKey).doesNotContain(cookie.substring(StudioAccess.COOKIE.length() + 1, 40));
      assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(StudioAccess.CSP);
      assertThat(page.body()).doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("style=\"");
    }
  }

  @Test
  void aWrongKeyOrAnAgentKeyIsRefusedWithWordsThatSayWhy() {
    try (StudioServer s = new StudioServer(dir)) {
      AccessKey.Created agent = s.workspace.keys().create("claude", Role.AGENT, List.of(), true, "test");
      HttpResponse<String> wrong = new StudioHttp(s.uri()).signIn("sbk_not_a_key_at_all_0000000000");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("unknown or revoked");
      HttpResponse<String> agentLogin = new StudioHttp(s.uri()).signIn(agent.secret());
      assertThat(agentLogin.statusCode()).isEqualTo(403);
      assertThat(agentLogin.body()).contains("agent key").doesNotContain(agent.secret());
    }
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      HttpResponse<String> forged = browser.post("/connectors", Map.of("name", "evil", "pack", "okta"));
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(s.workspace.documents().connectors()).doesNotContain("evil");
      browser.get("/connectors/new");
      HttpResponse<String> real = browser.postForm("/connectors", Map.of("name", "okta_prod", "pack", "okta"));
      assertThat(real.statusCode()).isEqualTo(303);
      assertThat(s.workspace.documents().connectors()).contains("okta_prod");
    }
  }

  @Test
  void aSessionSurvivesARestartAndWorksOnAnotherInstanceUntilSignOut() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      String cookie = browser.cookies.getCookieStore().getCookies().get(0).getValue();
      try (SwitchboardServer other = s.another()) {
        StudioHttp elsewhere = new StudioHttp(other.uri());
        elsewhere.cookie = cookie;
        HttpResponse<String> page = elsewhere.get("/runs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Runs");
        elsewhere.postForm("/logout", Map.of());
      }
      assertThat(browser.get("/runs").statusCode()).isEqualTo(303);
    }
  }

  @Test
  void theStudioServesHtmxAndItsOwnScriptsFromTheJar() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      HttpResponse<String> htmx = browser.get("/static/htmx.min.js");
      assertThat(htmx.statusCode()).isEqualTo(200);
      assertThat(htmx.body()).contains("htmx");
      assertThat(htmx.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
      assertThat(browser.get("/static/studio.css").statusCode()).isEqualTo(200);
      assertThat(browser.get("/static/nope.js").statusCode()).isEqualTo(404);
    }
  }
}
