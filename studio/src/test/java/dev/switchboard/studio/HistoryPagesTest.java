package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs and audit pages given a cursor they did not hand out (a URL edited or cut short): the page says what was
 * wrong beside its filters with a 400, instead of an empty 200 that looks like the end of the history.
 */
class HistoryPagesTest {
  @TempDir
  Path dir;

  @Test
  void aCursorThePageDidNotGiveIsNamedNotShownAsAnEmptyHistory() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      for (String page : new String[] {"/runs", "/audit"}) {
        HttpResponse<String> bad = browser.get(page + "?cursor=not-a-cursor%21");
        assertThat(bad.statusCode()).as(page).isEqualTo(400);
        assertThat(bad.body()).as(page).contains("the cursor is not one this server gave").contains("<nav");
        HttpResponse<String> good = browser.get(page);
        assertThat(good.statusCode()).as(page).isEqualTo(200);
        assertThat(good.body()).as(page).doesNotContain("the cursor is not one this server gave");
      }
    }
  }
}
