package dev.switchboard.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EscaperTest {
  @Test
  void pathSegmentEncodesEverythingThatCouldChangeThePath() {
    assertThat(Escaper.PATH_SEGMENT.escape("a/b@example.com")).isEqualTo("a%2Fb%40example.com");
    assertThat(Escaper.PATH_SEGMENT.escape("x?y#z%")).isEqualTo("x%3Fy%23z%25");
    assertThat(Escaper.PATH_SEGMENT.escape("../admin")).isEqualTo("..%2Fadmin");
  }

  @Test
  void pathSegmentRefusesDotSegmentsAndEmptyValues() {
    assertThatThrownBy(() -> Escaper.PATH_SEGMENT.escape("..")).hasMessageContaining("'.' or '..'");
    assertThatThrownBy(() -> Escaper.PATH_SEGMENT.escape(".")).hasMessageContaining("'.' or '..'");
    assertThatThrownBy(() -> Escaper.PATH_SEGMENT.escape("")).hasMessageContaining("empty");
  }

  @Test
  void queryComponentEncodesPlusAtSpaceAndQuoteExactlyOnce() {
    assertThat(Escaper.QUERY_COMPONENT.escape("profile.login eq \"a+b@example.com\""))
        .isEqualTo("profile.login%20eq%20%22a%2Bb%40example.com%22");
    assertThat(Escaper.QUERY_COMPONENT.escape("a&b=c")).isEqualTo("a%26b%3Dc");
    assertThat(Escaper.QUERY_COMPONENT.escape("%2B")).isEqualTo("%252B");
  }

  @Test
  void queryComponentEncodesNonAsciiAsUtf8() {
    assertThat(Escaper.QUERY_COMPONENT.escape("Zoë")).isEqualTo("Zo%C3%AB");
  }

  @Test
  void headerValueRefusesLineBreaksWithoutEchoingTheValue() {
    assertThatThrownBy(() -> Escaper.HEADER_VALUE.escape("SSWS abc\r\nX-Evil: 1"))
        .hasMessageContaining("CR, LF")
        .hasMessageNotContaining("abc");
    assertThat(Escaper.HEADER_VALUE.escape("SSWS abc")).isEqualTo("SSWS abc");
  }
}
