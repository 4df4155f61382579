package dev.switchboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name fields the browser checks by a pattern carry a title, which the browser adds to its "Please match the
 * requested format." bubble, so a wrong name says what a right one is.
 */
class NameFieldTest {
  private static final Pattern PATTERNED = Pattern.compile("<input id=\"([a-z-]+)\"[^>]*pattern=\"[^\"]+\"([^>]*)>");

  @TempDir
  Path dir;

  @Test
  void everyPatternedNameFieldSaysWhatARightNameIs() {
    try (StudioServer s = new StudioServer(dir)) {
      StudioHttp browser = new StudioHttp(s.uri());
      browser.signIn(s.adminKey);
      String pages = browser.get("/connectors/new").body() + browser.get("/connectors/okta/actions/new").body();
      Matcher m = PATTERNED.matcher(pages);
      int fields = 0;
      while (m.find()) {
        fields++;
        assertThat(m.group(2)).as(m.group(1)).contains("title=\"Lower-case letters, digits and _");
      }
      assertThat(fields).isEqualTo(3);
    }
  }
}
