package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DefinitionLoader#load(ConnectorSource)}: definitions from text, problems named by source, line and field. */
class LoadFromTextTest {
  private static final SourceText CONNECTOR = new SourceText("workspace:demo/connector v2", DefinitionLoaderTest.CONNECTOR);

  @Test
  void loadsAConnectorFromTextNamingItsSources() {
    ConnectorDefinition c = DefinitionLoader.load(new ConnectorSource(CONNECTOR,
        List.of(new SourceText("demo/actions/get_thing.yaml", DefinitionLoaderTest.ACTION))));
    assertThat(c.name()).isEqualTo("demo");
    assertThat(c.file()).isEqualTo("workspace:demo/connector v2");
    assertThat(c.actions()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("get_thing");
      assertThat(a.file()).isEqualTo("demo/actions/get_thing.yaml");
    });
  }

  @Test
  void anActionFromASourceThatIsNoFileNameTakesItsNameField() {
    ConnectorDefinition c = DefinitionLoader.load(new ConnectorSource(CONNECTOR,
        List.of(new SourceText("workspace:demo/get_thing v3", "name: fetch_thing\n" + DefinitionLoaderTest.ACTION))));
    assertThat(c.actions()).extracting(ActionDefinition::name).containsExactly("fetch_thing");
  }

  @Test
  void anActionWithoutANameFromSuchASourceIsAProblemNamingTheSource() {
    assertThatThrownBy(() -> DefinitionLoader.load(new ConnectorSource(CONNECTOR,
        List.of(new SourceText("workspace:demo/get_thing v3", DefinitionLoaderTest.ACTION)))))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo("workspace:demo/get_thing v3");
          assertThat(p.message()).contains("missing required field 'name'");
        }));
  }

  @Test
  void everyProblemNamesItsSourceLineAndField() {
    String action = DefinitionLoaderTest.ACTION.replace("method: GET", "method: get");
    assertThatThrownBy(() -> DefinitionLoader.load(new ConnectorSource(CONNECTOR,
        List.of(new SourceText("upload:get_thing.yaml", action)))))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo("upload:get_thing.yaml");
          assertThat(p.line()).isEqualTo(2);
          assertThat(p.field()).isEqualTo("method");
          assertThat(p.toString()).isEqualTo("upload:get_thing.yaml:2: method: 'get' is not a valid HTTP method;"
              + " use one of GET, POST, PUT, PATCH, DELETE, HEAD (did you mean 'GET'?)");
        }));
  }

  @Test
  void twoActionsOfOneNameAreAProblem() {
    String named = "name: get_thing\n" + DefinitionLoaderTest.ACTION;
    assertThatThrownBy(() -> DefinitionLoader.load(new ConnectorSource(CONNECTOR,
        List.of(new SourceText("row 1", named), new SourceText("row 2", named)))))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo("row 2");
          assertThat(p.message()).isEqualTo("action 'get_thing' is already defined by row 1");
        }));
  }

  @Test
  void textOverTheSizeCapIsRefusedBeforeParsing() {
    String huge = "description: " + "é".repeat((int) DefinitionLoader.MAX_FILE_BYTES / 2) + "\n";
    assertThatThrownBy(() -> DefinitionLoader.load(new ConnectorSource(CONNECTOR, List.of(new SourceText("big.yaml", huge)))))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo("big.yaml");
          assertThat(p.message()).startsWith("too large (" + (DefinitionLoader.MAX_FILE_BYTES + 14) + " bytes");
        }));
  }

  @Test
  void aBrokenConnectorTextIsReportedUnderItsName() {
    assertThatThrownBy(() -> DefinitionLoader.load(new ConnectorSource(new SourceText("db:connectors/7", "name: [x\n"), List.of())))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo("db:connectors/7");
          assertThat(p.message()).startsWith("invalid YAML");
        }));
  }
}
