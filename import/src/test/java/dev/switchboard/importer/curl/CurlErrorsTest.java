package dev.switchboard.importer.curl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import org.junit.jupiter.api.Test;

/** What a cURL import cannot take gets an error naming the token and saying what would work; nothing is produced. */
class CurlErrorsTest {
  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> importing(String command) {
    return assertThatThrownBy(() -> CurlImport.run(command, ImportOptions.defaults())).isInstanceOf(ImportException.class);
  }

  @Test
  void textThatIsNotCurlIsNamed() {
    importing("wget https://api.example.com/v1/items").hasMessageContaining("not a cURL command: it starts with 'wget'");
    importing("   \n ").hasMessageContaining("nothing to import");
    importing("GET /api/v1/users HTTP/1.1").hasMessageContaining("not a cURL command");
  }

  @Test
  void unbalancedQuotesAreNamedWithTheirPosition() {
    importing("curl -H 'Authorization: SSWS 00abc https://x.okta.com/api/v1/users")
        .hasMessageContaining("unbalanced quotes").hasMessageContaining("line 1, column 9");
  }

  @Test
  void anUnknownOptionIsNamedWithTheClosestKnownOne() {
    importing("curl --hedaer 'Accept: application/json' https://api.example.com")
        .hasMessageContaining("unknown curl option '--hedaer'").hasMessageContaining("did you mean '--header'");
    importing("curl -W https://api.example.com").hasMessageContaining("unknown curl option '-W'");
    importing("curl --request=POST https://api.example.com").hasMessageContaining("'--request POST'");
  }

  @Test
  void aBodyFromAFileNamesTheTokenAndTheFile() {
    importing("curl -d @body.json https://api.example.com/v1/items")
        .hasMessageContaining("'-d @body.json'").hasMessageContaining("the file body.json").hasMessageContaining("paste the body");
    importing("curl --data-binary @- https://api.example.com").hasMessageContaining("standard input");
    importing("curl --data-urlencode text@msg.txt https://api.example.com").hasMessageContaining("the file msg.txt");
    importing("curl -H @headers.txt https://api.example.com").hasMessageContaining("headers from the file headers.txt");
  }

  @Test
  void aMultipartUploadIsRefused() {
    // Slack's files.upload example (https://api.slack.com/methods/files.upload)
    importing("curl -F file=@dramacat.gif -F \"initial_comment=Shakes the cat\" -F channels=C024BE91L,D032AC32T"
        + " -H \"Authorization: Bearer xoxb-xxxxxxxxx-xxxx\" https://slack.com/api/files.upload")
        .hasMessageContaining("'-F file=@dramacat.gif'").hasMessageContaining("multipart/form-data");
  }

  @Test
  void aFormBodyIsRefusedWithWhatWouldWork() {
    // Stripe's create-a-customer example (https://docs.stripe.com/api/customers/create)
    importing("curl https://api.stripe.com/v1/customers \\\n  -u \"<<YOUR_SECRET_KEY>>\" \\\n  -d name=\"Jenny Rosen\" \\\n"
        + "  --data-urlencode email=\"jennyrosen@example.com\"")
        .hasMessageContaining("form data (application/x-www-form-urlencoded)").hasMessageContaining("--json")
        .hasMessageContaining("-G");
  }

  @Test
  void anUnquotedAmpersandInTheUrlIsExplained() {
    // https://developer.atlassian.com/server/jira/platform/jira-rest-api-example-query-issues-6291606/
    importing("curl -D- \\\n  -u fred:fred \\\n  -X GET \\\n  -H \"Content-Type: application/json\" \\\n"
        + "  http://kelpie9:8081/rest/api/2/search?jql=assignee=fred&startAt=2&maxResults=2")
        .hasMessageContaining("unquoted '&'").hasMessageContaining("put the URL in quotes");
  }

  @Test
  void twoUrlsMeanTwoRequests() {
    // https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api (the events example)
    importing("curl --request GET \\\n--url \"https://api.github.com/events?per_page=2&page=1\" \\\n"
        + "--header \"Accept: application/vnd.github+json\" \\\n--header \"X-GitHub-Api-Version: 2022-11-28\" \\\n"
        + "  https://api.github.com/events")
        .hasMessageContaining("2 URLs").hasMessageContaining("2 requests");
  }

  @Test
  void noUrlIsNamed() {
    // the group-rule example of Okta's former Groups API reference has its URL missing
    importing("curl -v -X POST \\\n-H \"Accept: application/json\" \\\n-d '{\"type\": \"group_rule\"}'")
        .hasMessageContaining("has no URL");
  }

  @Test
  void aGetWithABodyIsRefused() {
    importing("curl -X GET https://api.example.com/search -H 'Content-Type: application/json' -d '{\"q\":\"x\"}'")
        .hasMessageContaining("GET request has a body").hasMessageContaining("-G");
  }

  @Test
  void aJsonBodyThatIsNotJsonIsNamed() {
    importing("curl --json '{\"a\": 1,' https://api.example.com/items").hasMessageContaining("not valid JSON");
    importing("curl -H 'Content-Type: application/json' -d '[1, 2' https://api.example.com/items").hasMessageContaining("not valid JSON");
  }

  @Test
  void refusedOptionsSayWhy() {
    importing("curl --digest -u a:b https://api.example.com").hasMessageContaining("'--digest'").hasMessageContaining("Digest");
    importing("curl -K opts.txt https://api.example.com").hasMessageContaining("'-K opts.txt'").hasMessageContaining("file");
    importing("curl -T report.csv https://api.example.com").hasMessageContaining("uploads a file");
    importing("curl --aws-sigv4 aws:amz:us-east-1:s3 https://api.example.com").hasMessageContaining("AWS Signature");
  }

  @Test
  void otherMistakesAreNamed() {
    importing("curl ftp://files.example.com/a.txt").hasMessageContaining("ftp: URL");
    importing("curl -H 'NoColonHere' https://api.example.com").hasMessageContaining("has no ':'");
    importing("curl -X FETCH https://api.example.com").hasMessageContaining("-X FETCH");
    importing("curl -H").hasMessageContaining("needs a value");
    importing("curl https://a.example.com && curl https://b.example.com").hasMessageContaining("2 curl commands");
  }

  @Test
  void aCommandTooLargeForADefinitionFileSaysSoNotThatTheImporterHasABug() {
    String huge = "curl -X POST -H 'Content-Type: application/json' -d '{\"a\": \"" + "x".repeat(1_100_000) + "\"}' https://api.example.com/items";
    importing(huge).hasMessageContaining("bytes; an action made of it could not be saved").hasMessageNotContaining("bug");
    String large = "curl -X POST -H 'Content-Type: application/json' -d '{\"a\": [" + "\"x\",".repeat(200_000) + "\"x\"]}'"
        + " https://api.example.com/items";
    importing(large).hasMessageContaining("larger than a definition file may be").hasMessageNotContaining("bug");
  }
}
