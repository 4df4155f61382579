package dev.switchboard.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the Mustache specification's suites (copied from ../shared/conformance/mustache into
 * src/test/resources/mustache-spec; spec v1.4, MIT) against
 * {@link Template} with Mustache's own HTML escaping.
 *
 * <p>Tests that do not apply to Switchboard's structured rendering are skipped with the reason in
 * {@link #notApplicable(String, JsonNode)}: partials, because a request template has nowhere to load one from.
 */
class MustacheSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> interpolation() throws IOException {
    return suite("interpolation");
  }

  @TestFactory
  Stream<DynamicTest> sections() throws IOException {
    return suite("sections");
  }

  @TestFactory
  Stream<DynamicTest> inverted() throws IOException {
    return suite("inverted");
  }

  @TestFactory
  Stream<DynamicTest> comments() throws IOException {
    return suite("comments");
  }

  @TestFactory
  Stream<DynamicTest> delimiters() throws IOException {
    return suite("delimiters");
  }

  private static Stream<DynamicTest> suite(String name) throws IOException {
    JsonNode tests;
    try (var in = MustacheSpecTest.class.getResourceAsStream("/mustache-spec/" + name + ".json")) {
      tests = JSON.readTree(in).get("tests");
    }
    List<DynamicTest> out = new ArrayList<>();
    for (JsonNode test : tests) {
      out.add(DynamicTest.dynamicTest(test.get("name").asText(), () -> {
        String reason = notApplicable(name, test);
        Assumptions.assumeTrue(reason == null, reason);
        Template template = Template.parse(test.get("template").asText());
        assertThat(template.render(test.get("data"), Escaper.HTML))
            .as(test.get("desc").asText())
            .isEqualTo(test.get("expected").asText());
      }));
    }
    assertThat(out).isNotEmpty();
    return out.stream();
  }

  /** Returns why a specification test does not apply, or null when it must pass. */
  private static String notApplicable(String suite, JsonNode test) {
    if (test.has("partials") || test.get("template").asText().contains(">")
        && test.get("template").asText().matches("(?s).*(\\{\\{|<%|\\|)\\s*>.*")) {
      return "partials are refused: a request template has nowhere to load one from";
    }
    return null;
  }
}
