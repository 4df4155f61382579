package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard import curl}: writes definitions all or nothing, stores secrets, reports, and what it writes runs. */
class ImportCommandTest {
  private static final String GUIDE = "curl -i -X GET https://subdomain.okta.com/api/v1/users -H 'Authorization: YOUR_API_KEY_HERE'";
  private static final String TOKEN = "00Xq7vLk2RmPz9WcTbN4yHsJd6FgA1eU3oIiKlMn";

  @TempDir
  Path tmp;

  private CliTest.Outcome run(String stdin, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("SWITCHBOARD_HOME", tmp.resolve("home").toString());
    return runWith(env, stdin, args);
  }

  private static CliTest.Outcome runWith(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    assertThat(err.toString()).doesNotContain("\tat ");
    return new CliTest.Outcome(code, out.toString(), err.toString());
  }

  private List<Path> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void theGuidesCurlIsWrittenAndItsActionListsUsersOfTheEmbeddedSandbox() {
    Path defs = tmp.resolve("defs");
    CliTest.Outcome imported = run("", "import", "curl", GUIDE, "--defs", defs.toString());

    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(defs.resolve("okta_imported/connector.yaml")).exists();
    assertThat(defs.resolve("okta_imported/actions/list_users.yaml")).exists();
    assertThat(imported.out()).contains("wrote   " + defs.resolve("okta_imported/actions/list_users.yaml"))
        .contains("guessed:").contains("left to you:").contains("'YOUR_API_KEY_HERE' is a placeholder, not a secret")
        .contains("ignored:").contains("option -i")
        .contains("named after GET /api/v1/users; choose another name with --name")
        .contains("('switchboard run okta_imported.list_users --output schema' shows it)")
        .contains("next: switchboard run okta_imported.list_users --defs " + defs);

    CliTest.Outcome listed = run("", "run", "okta_imported.list_users", "--defs", defs.toString(), "-o", "json");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.err()).contains("embedded Okta sandbox");
    assertThat(listed.out()).contains("\"login\"");
  }

  @Test
  void aRealTokenGoesToTheSecretStoreAndNowhereElse() throws IOException {
    Path defs = tmp.resolve("defs");
    String curl = "curl https://dev-123456.okta.com/api/v1/groups?limit=50 -H 'Authorization: SSWS " + TOKEN + "'";
    CliTest.Outcome imported = run("", "import", "curl", curl, "--defs", defs.toString(), "--connector", "acme_okta");

    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("stored  secret acme_okta_api_token in the encrypted secret store");
    assertThat(imported.out() + imported.err()).doesNotContain(TOKEN);
    for (Path f : files(defs)) {
      assertThat(Files.readString(f)).doesNotContain(TOKEN);
    }
    CliTest.Outcome names = run("", "secrets", "list");
    assertThat(names.out()).contains("acme_okta_api_token");
  }

  @Test
  void anExistingActionIsNotOverwrittenWithoutForce() throws IOException {
    Path defs = tmp.resolve("defs");
    assertThat(run("", "import", "curl", GUIDE, "--defs", defs.toString()).code()).isZero();
    Path action = defs.resolve("okta_imported/actions/list_users.yaml");
    Files.writeString(action, Files.readString(action).replace("Lists users", "Lists every user"));

    CliTest.Outcome again = run("", "import", "curl", GUIDE, "--defs", defs.toString());
    assertThat(again.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(again.err()).contains("actions/list_users.yaml already exists").contains("--force").contains("nothing was written");
    assertThat(Files.readString(action)).contains("Lists every user");

    CliTest.Outcome forced = run("", "import", "curl", GUIDE, "--defs", defs.toString(), "--force");
    assertThat(forced.code()).isZero();
    assertThat(forced.out()).contains("kept    " + defs.resolve("okta_imported/connector.yaml"));
    assertThat(Files.readString(action)).doesNotContain("Lists every user");
  }

  @Test
  void anotherActionJoinsTheExistingConnector() {
    Path defs = tmp.resolve("defs");
    assertThat(run("", "import", "curl", GUIDE, "--defs", defs.toString()).code()).isZero();
    CliTest.Outcome second = run("", "import", "curl",
        "curl -X GET https://subdomain.okta.com/api/v1/groups -H 'Authorization: YOUR_API_KEY_HERE'", "--defs", defs.toString());
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(defs.resolve("okta_imported/actions/list_groups.yaml")).exists();
    assertThat(run("", "validate", defs.toString()).out()).contains("okta_imported (2 actions");
  }

  @Test
  void anImportIntoAConnectorWithOtherAuthKeepsItsAuthAndStoresNothing() {
    Path defs = tmp.resolve("defs");
    assertThat(run("", "import", "curl", "curl https://api.github.com/user/repos -H 'Authorization: Bearer " + TOKEN + "'",
        "--defs", defs.toString()).code()).isZero();
    CliTest.Outcome second = run("", "import", "curl", "curl 'https://api.github.com/user/issues?access_token=" + TOKEN.toLowerCase()
        + "'", "--defs", defs.toString(), "--force");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("note    the existing connector authenticates with bearer (secret github_token)")
        .contains("was not stored").doesNotContain("stored  secret");
  }

  @Test
  void badInputIsAClearErrorAndWritesNothing() throws IOException {
    Path defs = tmp.resolve("defs");
    for (String bad : List.of("wget https://api.example.com/v1/items", "curl -H 'Authorization: SSWS x https://x.okta.com",
        "curl --frobnicate https://api.example.com", "curl -d @body.json https://api.example.com/items")) {
      CliTest.Outcome o = run("", "import", "curl", bad, "--defs", defs.toString());
      assertThat(o.code()).as(bad).isEqualTo(Main.EXIT_USAGE);
      assertThat(o.err()).startsWith("error: ").contains("nothing was written");
      assertThat(files(defs)).as(bad).isEmpty();
    }
  }

  @Test
  void whenTheSecretCannotBeStoredNothingIsWritten() throws IOException {
    Path defs = tmp.resolve("defs");
    Map<String, String> env = new HashMap<>();
    env.put("SWITCHBOARD_HOME", tmp.resolve("home").toString());
    env.put("SWITCHBOARD_MASTER_KEY", "too-short");
    CliTest.Outcome o = runWith(env, "", "import", "curl",
        "curl https://api.github.com/user -H 'Authorization: Bearer " + TOKEN + "'", "--defs", defs.toString());
    assertThat(o.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.err()).contains("nothing was written").doesNotContain(TOKEN);
    assertThat(files(defs)).isEmpty();
  }

  @Test
  void theCommandCanComeOnStdinAndADryRunWritesNothing() throws IOException {
    Path defs = tmp.resolve("defs");
    CliTest.Outcome o = run(GUIDE.replace(" -H", " \\\n  -H") + "\n", "import", "curl", "--defs", defs.toString(), "--dry-run");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("# okta_imported/actions/list_users.yaml").contains("path: /api/v1/users");
    assertThat(files(defs)).isEmpty();
  }

  @Test
  void wordsAfterTheDoubleDashAreTheCommandAsTheShellSplitIt() {
    CliTest.Outcome o = run("", "import", "curl", "--dry-run", "-o", "json", "--", "curl", "-H",
        "Authorization: Bearer <YOUR-TOKEN>", "https://api.github.com/repos/OWNER/REPO/issues");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("\"name\" : \"github\"").contains("\"kind\" : \"left_to_user\"").contains("\"dry_run\" : true");
  }

  @Test
  void withoutADefinitionsDirectoryItSaysWhereToWrite() {
    CliTest.Outcome o = run("", "import", "curl", GUIDE);
    assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(o.err()).contains("--defs DIR").contains("SWITCHBOARD_DEFS");
  }

  private static final String SPEC = """
      openapi: 3.0.3
      info: {title: Tix API, version: "2"}
      servers: [{url: "https://api.tix.example.com/v2"}]
      security: [{bearerAuth: []}]
      paths:
        /tickets:
          get:
            operationId: listTickets
            tags: [Tickets]
            parameters:
              - {name: page, in: query, schema: {type: integer}}
            responses: {'200': {description: ok}}
        /tickets/{ticketId}:
          get:
            operationId: getTicket
            tags: [Tickets]
            parameters:
              - {name: ticketId, in: path, required: true, schema: {type: integer}}
            responses: {'200': {description: ok}}
        /search:
          get:
            operationId: searchTickets
            tags: [Search]
            responses: {'200': {description: ok}}
      components:
        securitySchemes:
          bearerAuth: {type: http, scheme: bearer}
      """;

  @Test
  void anOpenApiTagIsImportedIntoActionsThatValidate() throws IOException {
    Path defs = tmp.resolve("defs");
    Path spec = Files.writeString(tmp.resolve("tix.yaml"), SPEC);
    CliTest.Outcome o = run("", "import", "openapi", spec.toString(), "--tag", "Tickets", "--defs", defs.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(defs.resolve("tix/actions/list_tickets.yaml")).exists();
    assertThat(defs.resolve("tix/actions/get_ticket.yaml")).exists();
    assertThat(defs.resolve("tix/actions/search_tickets.yaml")).doesNotExist();
    assertThat(o.out()).contains("pagination type page_number").contains("store the credential with 'switchboard secrets set tix_token'");
    assertThat(run("", "validate", defs.toString()).out()).contains("tix (2 actions");
  }

  @Test
  void anOpenApiImportWithoutAChoiceOrWithABadDocumentWritesNothing() throws IOException {
    Path defs = tmp.resolve("defs");
    Path spec = Files.writeString(tmp.resolve("tix.yaml"), SPEC);
    CliTest.Outcome none = run("", "import", "openapi", spec.toString(), "--defs", defs.toString());
    assertThat(none.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(none.err()).contains("--operation ID").contains("--tag TAG").contains("--all");
    CliTest.Outcome unknown = run("", "import", "openapi", spec.toString(), "--operation", "getTickets", "--defs", defs.toString());
    assertThat(unknown.err()).contains("did you mean 'getTicket'");
    Path broken = Files.writeString(tmp.resolve("broken.yaml"), "openapi: 3.0.0\npaths: {\n  /a: [\n");
    CliTest.Outcome bad = run("", "import", "openapi", broken.toString(), "--all", "--defs", defs.toString());
    assertThat(bad.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.err()).contains("not valid YAML or JSON").contains("nothing was written");
    assertThat(files(defs)).isEmpty();
  }

  @Test
  void aPostmanCollectionIsImportedWithItsSecretStored() throws IOException {
    Path defs = tmp.resolve("defs");
    Path collection = Files.writeString(tmp.resolve("c.json"), """
        {"info": {"name": "Tix", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
         "variable": [{"key": "base", "value": "https://api.tix.example.com"}, {"key": "token", "value": "%s"}],
         "item": [{"name": "Tickets", "item": [
           {"name": "List tickets", "request": {"method": "GET", "url": "{{base}}/v2/tickets?page=1&per_page=50"}},
           {"name": "Upload", "request": {"method": "POST", "url": "{{base}}/v2/files", "body": {"mode": "formdata", "formdata": []}}}]}]}
        """.formatted(TOKEN));
    CliTest.Outcome o = run("", "import", "postman", collection.toString(), "--defs", defs.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(defs.resolve("tix/actions/list_tickets.yaml")).exists();
    assertThat(o.out()).contains("stored  secret tix_token").contains("request \"Upload\"").doesNotContain(TOKEN);
    for (Path f : files(defs)) {
      assertThat(Files.readString(f)).doesNotContain(TOKEN);
    }
    CliTest.Outcome bad = run("", "import", "postman", tmp.resolve("missing.json").toString(), "--defs", tmp.resolve("other").toString());
    assertThat(bad.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.err()).contains("no such file").contains("nothing was written");
  }
}
