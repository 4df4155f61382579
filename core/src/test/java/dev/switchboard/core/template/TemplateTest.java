package dev.switchboard.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesListsTheFirstSegmentOfEveryLookup() {
    Template t = Template.parse("/api/{{config.version}}/users/{{id}}{{#q}}?{{q}}{{/q}}");
    assertThat(t.names()).containsExactly("config", "id", "q");
  }

  @Test
  void unescapedTagsAreReported() {
    assertThat(Template.parse("{{{x}}}").hasUnescapedTags()).isTrue();
    assertThat(Template.parse("{{&x}}").hasUnescapedTags()).isTrue();
    assertThat(Template.parse("{{x}}").hasUnescapedTags()).isFalse();
  }

  @Test
  void unclosedTagNamesLineAndColumn() {
    assertThatThrownBy(() -> Template.parse("a\nb {{name"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("line 2, column 3");
  }

  @Test
  void mismatchedSectionEndSaysWhichWasExpected() {
    assertThatThrownBy(() -> Template.parse("{{#a}}x{{/b}}")).hasMessageContaining("expected {{/a}}");
  }

  @Test
  void partialsAreRefused() {
    assertThatThrownBy(() -> Template.parse("{{>other}}")).hasMessageContaining("partials");
  }

  @Test
  void escaperRefusalNamesTheTagNotTheValue() throws Exception {
    Template t = Template.parse("/users/{{id}}");
    assertThatThrownBy(() -> t.render(JSON.readTree("{\"id\":\"..\"}"), Escaper.PATH_SEGMENT))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("{{id}}:");
  }

  @Test
  void numbersRenderAsTheirJsonText() throws Exception {
    assertThat(Template.parse("{{limit}}").render(JSON.readTree("{\"limit\":200}"), Escaper.QUERY_COMPONENT)).isEqualTo("200");
  }
}
