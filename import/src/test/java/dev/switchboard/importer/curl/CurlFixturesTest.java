package dev.switchboard.importer.curl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real cURL commands (from Okta's, GitHub's, Stripe's, Slack's and Jira's API documentation, and browsers' "Copy as
 * cURL" in bash, cmd and PowerShell form), kept in src/test/resources/curl with their source: each one imports into
 * a connector and an action that load with the engine's definition loader, with the expected name, method, path,
 * auth and inputs.
 */
class CurlFixturesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path DIR = Path.of("src/test/resources/curl");

  record Fixture(String file, Map<String, String> expect, String command) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Fixture> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted().map(CurlFixturesTest::read).toList().stream();
    }
  }

  private static Fixture read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int sep = text.indexOf("\n---\n");
      Map<String, String> expect = new LinkedHashMap<>();
      for (String line : text.substring(0, sep).split("\n")) {
        int colon = line.indexOf(": ");
        expect.put(line.substring(0, colon), line.substring(colon + 2));
      }
      return new Fixture(file.getFileName().toString(), expect, text.substring(sep + 5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void importsIntoAnActionThatLoads(Fixture fixture) throws IOException {
    Map<String, String> expect = fixture.expect();
    assertThat(expect).containsKey("source");
    Shell form = Shell.named(expect.get("form")).orElseThrow();
    assertThat(Shell.guess(fixture.command())).as("the shell is recognised").isEqualTo(form);

    ImportResult result = CurlImport.run(fixture.command(), ImportOptions.defaults().avoiding(Set.of("okta")));

    assertThat(result.actions()).hasSize(1);
    JsonNode action = YAML.readTree(result.actions().get(0).yaml());
    JsonNode connector = YAML.readTree(result.connector().yaml());
    if (expect.containsKey("action")) {
      assertThat(action.get("name").asText()).isEqualTo(expect.get("action"));
    }
    if (expect.containsKey("method")) {
      assertThat(action.get("method").asText()).isEqualTo(expect.get("method"));
    }
    if (expect.containsKey("path")) {
      assertThat(action.get("path").asText()).isEqualTo(expect.get("path"));
    }
    if (expect.containsKey("auth")) {
      assertThat(connector.at("/auth/type").asText()).isEqualTo(expect.get("auth"));
    }
    if (expect.containsKey("inputs")) {
      Set<String> names = Set.copyOf(iterable(action.path("inputs").fieldNames()));
      assertThat(names).containsAll(Arrays.asList(expect.get("inputs").split(",")));
    }
    if (expect.containsKey("secrets")) {
      assertThat(result.secrets()).hasSize(Integer.parseInt(expect.get("secrets")));
    }
    for (Secret secret : result.secrets()) {
      assertThat(result.connector().yaml() + result.actions().get(0).yaml()).doesNotContain(secret.value());
      assertThat(result.findings().toString()).doesNotContain(secret.value());
    }
  }

  private static <T> java.util.List<T> iterable(java.util.Iterator<T> it) {
    java.util.List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @SuppressWarnings("unused")
  private static Optional<String> none() {
    return Optional.empty();
  }
}
