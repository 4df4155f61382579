package dev.switchboard.importer.curl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.importer.ImportException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The shell-word parsers on odd quoting, checked against what bash, cmd.exe with curl.exe, and PowerShell pass. */
class ShellWordsTest {
  private static List<String> words(String text, Shell shell) {
    List<Command> commands = ShellWords.split(text, shell);
    assertThat(commands).hasSize(1);
    return commands.get(0).words().stream().map(Word::text).toList();
  }

  @Nested
  class Posix {
    private List<String> words(String text) {
      return ShellWordsTest.words(text, Shell.POSIX);
    }

    @Test
    void blanksSeparateAndQuotesJoin() {
      assertThat(words("curl 'a b' \"c d\" e\\ f g'h'\"i\"")).containsExactly("curl", "a b", "c d", "e f", "ghi");
    }

    @Test
    void aSingleQuoteInsideSingleQuotesIsCloseEscapeReopen() {
      assertThat(words("curl -d '{\"q\": \"Who'\\''s there?\"}'")).containsExactly("curl", "-d", "{\"q\": \"Who's there?\"}");
    }

    @Test
    void doubleQuotesEscapeOnlyDollarBacktickQuoteBackslashAndNewline() {
      assertThat(words("curl \"a\\\"b\\\\c\\$d\\`e\\nf\\\nz\"")).containsExactly("curl", "a\"b\\c$d`e\\nfz");
    }

    @Test
    void ansiCQuotingTakesCEscapes() {
      assertThat(words("curl $'tab\\there \\x41\\u00e9\\101 it\\'s \\cA\\U0001F600'"))
          .containsExactly("curl", "tab\there AéA it's \u0001\uD83D\uDE00");
    }

    @Test
    void backslashNewlineJoinsLinesAlsoWithCrLf() {
      assertThat(words("curl \\\n  -H x \\\r\n  https://a")).containsExactly("curl", "-H", "x", "https://a");
    }

    @Test
    void variablesStayAsWrittenAndAreNamed() {
      List<Command> commands = ShellWords.split("curl -H \"Authorization: SSWS ${api_token}\" https://$HOST/x", Shell.POSIX);
      Word header = commands.get(0).words().get(2);
      assertThat(header.text()).isEqualTo("Authorization: SSWS ${api_token}");
      assertThat(header.variables()).containsExactly("api_token");
      assertThat(commands.get(0).words().get(3).variables()).containsExactly("HOST");
    }

    @Test
    void commandSubstitutionIsKeptAsAPlaceholder() {
      Word w = ShellWords.split("curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\" https://a", Shell.POSIX)
          .get(0).words().get(2);
      assertThat(w.text()).isEqualTo("Authorization: Bearer $(gcloud auth print-access-token)");
      assertThat(w.variables()).containsExactly("$(gcloud auth print-access-token)");
    }

    @Test
    void aCommentEndsTheLineEvenWithAQuoteInIt() {
      assertThat(words("curl https://a # don't run this")).containsExactly("curl", "https://a");
      assertThat(words("curl https://a/#frag")).containsExactly("curl", "https://a/#frag");
    }

    @Test
    void pipesAndSeparatorsEndCommandsAndRedirectionsAreDropped() {
      List<Command> commands = ShellWords.split("curl -s https://a 2>/dev/null > out.json | jq '.[0]'; echo done", Shell.POSIX);
      assertThat(commands).hasSize(3);
      assertThat(commands.get(0).words()).extracting(Word::text).containsExactly("curl", "-s", "https://a");
      assertThat(commands.get(0).redirections()).containsExactly("2>/dev/null", ">out.json");
      assertThat(commands.get(0).endedBy()).isEqualTo("|");
      assertThat(commands.get(1).program()).isEqualTo("jq");
    }

    @Test
    void anUnbalancedQuoteIsAnErrorWithItsPosition() {
      assertThatThrownBy(() -> ShellWords.split("curl \\\n  -H 'Authorization: SSWS x https://a", Shell.POSIX))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("unbalanced quotes")
          .hasMessageContaining("single quote (')")
          .hasMessageContaining("line 2, column 6");
      assertThatThrownBy(() -> ShellWords.split("curl -d \"{\\\"a\\\": 1}", Shell.POSIX))
          .hasMessageContaining("double quote (\") opened at line 1, column 9");
    }

    @Test
    void aHereDocumentIsRefused() {
      assertThatThrownBy(() -> ShellWords.split("curl -d @- https://a <<EOF\n{}\nEOF", Shell.POSIX))
          .isInstanceOf(ImportException.class).hasMessageContaining("here-document");
    }
  }

  @Nested
  class Cmd {
    private List<String> words(String text) {
      return ShellWordsTest.words(text, Shell.CMD);
    }

    @Test
    void caretQuotesAreSeenByCurlAndCaretsEscapeOutsideQuotes() {
      assertThat(words("curl ^\"https://a/?x=1^&y=^%^22z^%^22^\" ^\n  -H ^\"accept: */*^\""))
          .containsExactly("curl", "https://a/?x=1&y=%22z%22", "-H", "accept: */*");
    }

    @Test
    void aBackslashQuoteInsideCaretQuotesIsALiteralQuote() {
      assertThat(words("curl --data-raw ^\"^{^\\^\"a^\\^\":1^}^\"")).containsExactly("curl", "--data-raw", "{\"a\":1}");
    }

    @Test
    void caretNewlineNewlineIsALiteralNewline() {
      assertThat(words("curl -d ^\"line1^\n\nline2^\"")).containsExactly("curl", "-d", "line1\nline2");
    }

    @Test
    void plainQuotesFollowTheCRuntimeRules() {
      assertThat(words("curl \"https://a/b c\" -d \"{\\\"a\\\":\\\"x\\\\\\\"y\\\"}\" a\\\\b \"q\"\"q\""))
          .containsExactly("curl", "https://a/b c", "-d", "{\"a\":\"x\\\"y\"}", "a\\\\b", "q\"q");
    }

    @Test
    void insideRealQuotesCaretsAreLiteral() {
      assertThat(words("curl \"a^b\"")).containsExactly("curl", "a^b");
    }

    @Test
    void percentVariablesAreNamed() {
      Word w = ShellWords.split("curl -H \"Authorization: Bearer %TOKEN%\" https://a", Shell.CMD).get(0).words().get(2);
      assertThat(w.variables()).containsExactly("TOKEN");
    }

    @Test
    void anUnescapedAmpersandEndsTheCommand() {
      List<Command> commands = ShellWords.split("curl https://a/?x=1&y=2", Shell.CMD);
      assertThat(commands).hasSize(2);
      assertThat(commands.get(0).endedBy()).isEqualTo("&");
    }

    @Test
    void aQuoteLeftOpenAtALineBreakIsAnError() {
      assertThatThrownBy(() -> ShellWords.split("curl \"https://a\n  -H x", Shell.CMD))
          .isInstanceOf(ImportException.class).hasMessageContaining("not closed on its line");
    }
  }

  @Nested
  class PowerShell {
    private List<String> words(String text) {
      return ShellWordsTest.words(text, Shell.POWERSHELL);
    }

    @Test
    void backtickEscapesAndContinues() {
      assertThat(words("curl.exe -d \"{`\"a`\": `\"b`$c`\"}\" `\n  -H 'x: y'")).containsExactly("curl.exe", "-d", "{\"a\": \"b$c\"}", "-H", "x: y");
    }

    @Test
    void doubledQuotesAreQuotesInBothKinds() {
      assertThat(words("curl.exe 'it''s' \"say \"\"hi\"\"\"")).containsExactly("curl.exe", "it's", "say \"hi\"");
    }

    @Test
    void typographicQuotesCountAsQuotes() {
      assertThat(words("curl.exe \u2018a b\u2019 \u201cc d\u201d")).containsExactly("curl.exe", "a b", "c d");
    }

    @Test
    void variablesAndEnvironmentVariablesAreNamed() {
      Word w = ShellWords.split("curl.exe -H \"Authorization: SSWS $env:OKTA_API_TOKEN\" https://a", Shell.POWERSHELL)
          .get(0).words().get(2);
      assertThat(w.text()).isEqualTo("Authorization: SSWS $env:OKTA_API_TOKEN");
      assertThat(w.variables()).containsExactly("OKTA_API_TOKEN");
    }

    @Test
    void charSubexpressionsBecomeTheCharacter() {
      assertThat(words("x \"R&D $([char]8212) Platform `n\"")).containsExactly("x", "R&D \u2014 Platform \n");
    }

    @Test
    void stopParsingPassesTheRestAsWritten() {
      assertThat(words("curl.exe --% -H \"a: b\" https://a")).containsExactly("curl.exe", "-H", "a: b", "https://a");
    }

    @Test
    void aHashtableIsOneWord() {
      assertThat(words("Invoke-WebRequest -Headers @{\n\"a\"=\"}\"\n} -Uri x"))
          .containsExactly("Invoke-WebRequest", "-Headers", "@{\n\"a\"=\"}\"\n}", "-Uri", "x");
    }

    @Test
    void anUnbalancedQuoteIsAnError() {
      assertThatThrownBy(() -> ShellWords.split("curl.exe -H \"x: y", Shell.POWERSHELL))
          .isInstanceOf(ImportException.class).hasMessageContaining("unbalanced quotes");
    }
  }

  @Test
  void theShellIsGuessedFromContinuationsAndQuotes() {
    assertThat(Shell.guess("curl https://a \\\n -H x")).isEqualTo(Shell.POSIX);
    assertThat(Shell.guess("curl ^\"https://a^\"")).isEqualTo(Shell.CMD);
    assertThat(Shell.guess("curl.exe https://a ^\n -H x")).isEqualTo(Shell.CMD);
    assertThat(Shell.guess("curl.exe https://a `\n -H x")).isEqualTo(Shell.POWERSHELL);
    assertThat(Shell.guess("Invoke-WebRequest -Uri x")).isEqualTo(Shell.POWERSHELL);
  }
}
