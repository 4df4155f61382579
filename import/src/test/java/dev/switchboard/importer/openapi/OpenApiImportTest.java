package dev.switchboard.importer.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An OpenAPI document becomes typed actions; what the document does not say is reported; bad documents are named. */
class OpenApiImportTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path TICKETS = Path.of("src/test/resources/openapi/tickets.yaml");

  @TempDir
  Path tmp;

  private static ImportResult all() {
    return OpenApiImport.read(TICKETS).run(OpenApiImport.Selection.everything(), ImportOptions.defaults());
  }

  private static JsonNode action(ImportResult r, String name) throws Exception {
    return YAML.readTree(r.actions().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().yaml());
  }

  @Test
  void everyOperationButOptionsBecomesAnAction() {
    ImportResult r = all();
    assertThat(r.actions()).extracting(ImportResult.ActionFile::name)
        .containsExactly("list_tickets", "create_ticket", "get_ticket", "delete_ticket", "update_ticket", "add_attachment", "search_tickets");
    assertThat(r.findings(Finding.Kind.IGNORED)).anySatisfy(f -> assertThat(f.subject()).isEqualTo("operation ticketOptions"));
  }

  @Test
  void theConnectorTakesTheServerAndTheBearerScheme() throws Exception {
    JsonNode c = YAML.readTree(all().connector().yaml());
    assertThat(c.get("name").asText()).isEqualTo("tix");
    assertThat(c.at("/config/base_url/example").asText()).isEqualTo("https://api.tix.example.com/v2");
    assertThat(c.at("/auth/type").asText()).isEqualTo("bearer");
    assertThat(c.at("/auth/secret").asText()).isEqualTo("tix_token");
  }

  @Test
  void parametersBecomeTypedInputsAndPageNumbersArePagination() throws Exception {
    ImportResult r = all();
    JsonNode list = action(r, "list_tickets");
    assertThat(list.at("/inputs/status/enum").toString()).isEqualTo("[\"open\",\"closed\"]");
    assertThat(list.at("/inputs/per_page/maximum").asInt()).isEqualTo(100);
    assertThat(list.at("/inputs/tags/type").asText()).as("a list in the query is comma-separated text").isEqualTo("string");
    assertThat(list.at("/headers/X-Request-Id").asText()).isEqualTo("{{x_request_id}}");
    assertThat(list.at("/pagination/type").asText()).isEqualTo("page_number");
    assertThat(list.at("/pagination/limit_param").asText()).isEqualTo("per_page");
    assertThat(list.at("/output/records").asText()).isEqualTo("data");
    assertThat(r.findings(Finding.Kind.IGNORED)).anySatisfy(f -> assertThat(f.message()).contains("session (a cookie)"));
    JsonNode get = action(r, "get_ticket");
    assertThat(get.at("/path").asText()).isEqualTo("/tickets/{{ticket_id}}");
    assertThat(get.at("/inputs/ticket_id/type").asText()).isEqualTo("integer");
    assertThat(get.at("/inputs/ticket_id/required").asBoolean()).isTrue();
    assertThat(get.at("/inputs/ticket_id/examples/0").asInt()).isEqualTo(4711);
  }

  @Test
  void theBodyIsBuiltFromTheSchemaWithoutReadOnlyFields() throws Exception {
    ImportResult r = all();
    JsonNode create = action(r, "create_ticket");
    assertThat(create.at("/body/title").asText()).isEqualTo("{{title}}");
    assertThat(create.at("/body/requester/email").asText()).isEqualTo("{{email}}");
    assertThat(create.at("/inputs/title/required").asBoolean()).isTrue();
    assertThat(create.at("/inputs/title/examples/0").asText()).isEqualTo("Printer on fire");
    assertThat(create.at("/inputs/email/format").asText()).isEqualTo("email");
    assertThat(create.at("/inputs/priority/enum").size()).isEqualTo(3);
    assertThat(create.at("/body/id").isMissingNode()).isTrue();
    assertThat(r.actions().stream().filter(a -> a.name().equals("create_ticket")).findFirst().orElseThrow().outputSchema())
        .hasValueSatisfying(s -> assertThat(s.at("/properties/status/enum")).isNotNull());
    JsonNode update = action(r, "update_ticket");
    assertThat(update.at("/inputs").size()).isEqualTo(3);
    assertThat(r.findings(Finding.Kind.GUESSED)).anySatisfy(f -> assertThat(f.message()).contains("one of 2 shapes"));
  }

  @Test
  void whatTheDocumentCannotTellIsReported() throws Exception {
    ImportResult r = all();
    assertThat(r.findings(Finding.Kind.LEFT_TO_USER)).anySatisfy(f -> assertThat(f.subject() + f.message())
        .contains("action add_attachment").contains("multipart/form-data"));
    assertThat(r.findings(Finding.Kind.LEFT_TO_USER)).anySatisfy(f -> assertThat(f.subject() + f.message())
        .contains("action search_tickets").contains("cursor looks like a page cursor"));
    assertThat(action(r, "delete_ticket").get("description").asText()).startsWith("Deprecated.");
    assertThat(action(r, "delete_ticket").at("/annotations/destructive").asBoolean()).isTrue();
  }

  @Test
  void httpBasicNeedsAUserNameSetting() throws Exception {
    JsonNode c = YAML.readTree(OpenApiImport.read(TICKETS).run(OpenApiImport.Selection.tag("Search"), ImportOptions.defaults())
        .connector().yaml());
    assertThat(c.at("/auth/type").asText()).isEqualTo("basic");
    assertThat(c.at("/auth/username").asText()).isEqualTo("{{config.username}}");
    assertThat(c.at("/config/username/env").asText()).isEqualTo("TIX_USERNAME");
  }

  @Test
  void operationsAreChosenByIdOrTag() {
    OpenApiImport spec = OpenApiImport.read(TICKETS);
    assertThat(spec.run(OpenApiImport.Selection.tag("Search"), ImportOptions.defaults()).actions())
        .extracting(ImportResult.ActionFile::name).containsExactly("search_tickets");
    assertThat(spec.run(OpenApiImport.Selection.operations(List.of("getTicket", "listTickets")), ImportOptions.defaults().withConnector("help"))
        .actions()).extracting(ImportResult.ActionFile::name).containsExactly("get_ticket", "list_tickets");
  }

  @Test
  void unknownOperationsAndTagsAreNamedWithWhatExists() {
    OpenApiImport spec = OpenApiImport.read(TICKETS);
    assertThatThrownBy(() -> spec.run(OpenApiImport.Selection.operations(List.of("getTickets")), ImportOptions.defaults()))
        .isInstanceOf(ImportException.class).hasMessageContaining("no operation 'getTickets'").hasMessageContaining("did you mean 'getTicket'");
    assertThatThrownBy(() -> spec.run(OpenApiImport.Selection.tag("Ticket"), ImportOptions.defaults()))
        .isInstanceOf(ImportException.class).hasMessageContaining("no operation has the tag 'Ticket'").hasMessageContaining("Search, Tickets");
    assertThatThrownBy(() -> spec.run(OpenApiImport.Selection.operations(List.of()), ImportOptions.defaults()))
        .isInstanceOf(ImportException.class).hasMessageContaining("--operation ID").hasMessageContaining("--all");
  }

  @Test
  void anUnreadableDocumentIsAClearError() throws Exception {
    assertThatThrownBy(() -> OpenApiImport.read(tmp.resolve("missing.yaml"))).isInstanceOf(ImportException.class)
        .hasMessageContaining("no such file");
    Path notYaml = Files.writeString(tmp.resolve("bad.yaml"), "openapi: 3.0.0\npaths: {\n  /a: [\n");
    assertThatThrownBy(() -> OpenApiImport.read(notYaml)).isInstanceOf(ImportException.class).hasMessageContaining("not valid YAML or JSON");
    Path swagger = Files.writeString(tmp.resolve("swagger.json"), "{\"swagger\": \"2.0\", \"paths\": {}}");
    assertThatThrownBy(() -> OpenApiImport.read(swagger)).isInstanceOf(ImportException.class).hasMessageContaining("Swagger 2.0");
    Path other = Files.writeString(tmp.resolve("other.yaml"), "name: okta\nbase_url: x\n");
    assertThatThrownBy(() -> OpenApiImport.read(other)).isInstanceOf(ImportException.class).hasMessageContaining("no 'openapi: 3.x' field");
  }
}
