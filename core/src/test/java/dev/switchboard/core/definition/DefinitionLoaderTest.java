package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionLoaderTest {
  static final String CONNECTOR = """
      name: demo
      title: Demo
      base_url: "{{config.url}}"
      config:
        url: {description: the URL, env: DEMO_URL, example: "https://demo.example.com"}
      auth:
        type: api_key
        header: Authorization
        format: "Token {{secret}}"
        secret: demo_key
      """;

  static final String ACTION = """
      description: Gets one thing.
      method: GET
      path: /things/{{id}}
      query:
        expand: "{{expand}}"
      inputs:
        id: {type: string, required: true}
        expand: {type: boolean}
      """;

  @TempDir
  Path dir;

  @Test
  void loadsAConnectorWithItsActions() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION);
    List<ConnectorDefinition> loaded = DefinitionLoader.loadDirectory(dir);
    assertThat(loaded).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("demo");
      assertThat(c.auth()).isInstanceOf(AuthConfig.ApiKey.class);
      assertThat(((AuthConfig.ApiKey) c.auth()).scheme()).isEqualTo("Token");
      assertThat(c.actions()).singleElement().satisfies(a -> {
        assertThat(a.name()).isEqualTo("get_thing");
        assertThat(a.inputs()).containsOnlyKeys("id", "expand");
        assertThat(a.annotations().readOnly()).isTrue();
      });
    });
  }

  @Test
  void loadsADirectoryOfConnectorDirectories() throws IOException {
    write("demo/connector.yaml", CONNECTOR);
    write("demo/actions/get_thing.yaml", ACTION);
    assertThat(DefinitionLoader.loadDirectory(dir)).extracting(ConnectorDefinition::name).containsExactly("demo");
  }

  @Test
  void invalidYamlNamesFileAndLine() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", "description: x\nmethod: GET\npath: [unclosed\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).endsWith("actions/get_thing.yaml");
          assertThat(p.line()).isGreaterThanOrEqualTo(3);
          assertThat(p.message()).startsWith("invalid YAML");
        }));
  }

  @Test
  void everyProblemIsReportedWithFileLineAndField() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", """
        description: Gets one thing.
        method: GTE
        path: /things/{{idd}}
        inputs:
          id: {type: string, required: true}
          limit: {type: integer, maximum: 10, default: 50}
        paginaton: {type: link_header}
        """);
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.problems()).extracting(Problem::toString).anySatisfy(s ->
              assertThat(s).contains("get_thing.yaml:2: method: 'GTE' is not a valid HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD (did you mean 'GET'?)"));
          assertThat(e.problems()).extracting(Problem::toString).anySatisfy(s ->
              assertThat(s).contains("get_thing.yaml:3: path: {{idd}} names nothing").contains("Did you mean {{id}}?"));
          assertThat(e.problems()).extracting(Problem::toString).anySatisfy(s ->
              assertThat(s).contains(":6: inputs.limit.default: the default does not fit"));
          assertThat(e.problems()).extracting(Problem::toString).anySatisfy(s ->
              assertThat(s).contains(":7: paginaton: unknown field 'paginaton'; did you mean 'pagination'?"));
        });
  }

  @Test
  void unescapedTagsAreRefused() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION.replace("/things/{{id}}", "/things/{{{id}}}"));
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("path: unescaped tags");
  }

  @Test
  void optionalInputInThePathIsRefused() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION.replace("id: {type: string, required: true}", "id: {type: string}"));
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("input 'id' is in the path, so it must be required");
  }

  @Test
  void unusedInputIsReported() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION + "  extra: {type: string}\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("inputs.extra: input 'extra' is declared but used nowhere");
  }

  @Test
  void authFormatMustPlaceTheSecret() throws IOException {
    write("connector.yaml", CONNECTOR.replace("Token {{secret}}", "Token abc"));
    write("actions/get_thing.yaml", ACTION);
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("connector.yaml:9: auth.format: must place the key with {{secret}}");
  }

  @Test
  void undeclaredConfigIsReported() throws IOException {
    write("connector.yaml", CONNECTOR.replace("\"{{config.url}}\"", "\"{{config.org}}\""));
    write("actions/get_thing.yaml", ACTION);
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("base_url: {{config.org}} is not declared");
  }

  @Test
  void badJmesPathIsReported() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION + "output: {map: \"{id: \"}\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("output.map: not a valid JMESPath expression");
  }

  @Test
  void duplicateKeysAreRefused() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION + "method: POST\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("Duplicate field 'method'");
  }

  @Test
  void yamlAliasesAreRefusedRatherThanReadAsTheirNames() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION.replace("  expand: \"{{expand}}\"", "  expand: &e \"{{expand}}\"\n  again: *e"));
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir)).hasMessageContaining("YAML aliases (*name) are not supported");
  }

  @Test
  void aSecondYamlDocumentIsRefused() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION + "---\nmethod: DELETE\npath: /admin\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir)).hasMessageContaining("holds one YAML document");
  }

  @Test
  void aFileThatIsNotRegularOrIsTooLargeIsRefusedWithoutReadingIt() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION);
    Files.createSymbolicLink(dir.resolve("actions/zero.yaml"), Path.of("/dev/zero"));
    write("actions/huge.yaml", "description: " + "x".repeat((int) DefinitionLoader.MAX_FILE_BYTES) + "\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("zero.yaml: not a regular file")
        .hasMessageContaining("huge.yaml: too large");
  }

  @Test
  void headerValuesWithLineBreaksAndRestrictedHeadersAreRefused() throws IOException {
    write("connector.yaml", CONNECTOR + "headers: {Connection: close}\n");
    write("actions/get_thing.yaml", ACTION + "headers: {X-A: \"a\\r\\nX-Injected: 1\"}\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("'Connection' is set by the HTTP client itself")
        .hasMessageContaining("headers.X-A: the value holds a control character");
  }

  @Test
  void aLiteralPlainHttpBaseUrlIsRefusedAtLoad() throws IOException {
    write("connector.yaml", CONNECTOR.replace("\"{{config.url}}\"", "\"http://example.invalid\""));
    write("actions/get_thing.yaml", ACTION);
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir)).hasMessageContaining("plain http");
  }

  @Test
  void badEnvironmentVariableNamesAndUnknownSandboxesAreRefused() throws IOException {
    write("connector.yaml", CONNECTOR.replace("env: DEMO_URL", "env: \"lower-case=bad\"") + "sandbox: nosuch\n");
    write("actions/get_thing.yaml", ACTION);
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("config.url.env: 'lower-case=bad' is not a valid environment variable name: letters, digits and '_'")
        .hasMessageContaining("sandbox: 'nosuch' is not a valid sandbox; use one of okta");
  }

  @Test
  void dotSegmentsInADeclaredPathAreRefused() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION.replace("path: /things/{{id}}", "path: /things/../admin/{{id}}"));
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir)).hasMessageContaining("may not hold '.' or '..' segments");
  }

  @Test
  void anInputSchemaThatIsNotValidJsonSchemaIsReported() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION.replace("expand: {type: boolean}", "expand: {type: array, items: {type: stringy}}"));
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement()
            .hasToString(dir.resolve("actions/get_thing.yaml") + ":8: inputs.expand.items.type: not valid JSON Schema:"
                + " does not have a value in the enumeration [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]"));
  }

  @Test
  void aCompoundCannotBeReadOnlyOrUnconfirmedWhenItsStepsWriteOrDestroy() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION);
    write("actions/drop_thing.yaml", "description: Drops.\nmethod: DELETE\npath: /things/{{id}}\ninputs: {id: {type: string, required: true}}\n");
    write("actions/peek.yaml", """
        description: Looks, supposedly.
        inputs: {id: {type: string, required: true}}
        steps:
          - action: drop_thing
            inputs: {id: "{{id}}", nope: "{{id}}"}
        annotations: {read_only: true}
        """);
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("annotations.read_only: the compound runs 'drop_thing'")
        .hasMessageContaining("annotations.destructive: the compound runs 'drop_thing'")
        .hasMessageContaining("peek.yaml:5: steps[0].inputs.nope: step action 'drop_thing' has no input 'nope'")
        .hasMessageContaining("peek.yaml:6: annotations.read_only:");
  }

  @Test
  void aDeeplyNestedExpressionIsADefinitionErrorNotACrash() throws IOException {
    write("connector.yaml", CONNECTOR);
    write("actions/get_thing.yaml", ACTION + "output: {map: \"" + "(".repeat(3000) + "a" + ")".repeat(3000) + "\"}\n");
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir)).hasMessageContaining("output.map: not a valid JMESPath expression");
  }

  @Test
  void missingDirectoryIsReported() {
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir.resolve("nope")))
        .hasMessageContaining("no such directory");
  }

  @Test
  void directoryWithoutConnectorIsReported() {
    assertThatThrownBy(() -> DefinitionLoader.loadDirectory(dir))
        .hasMessageContaining("no connector.yaml here or in its sub-directories");
  }

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
