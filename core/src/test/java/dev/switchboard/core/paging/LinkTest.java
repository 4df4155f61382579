package dev.switchboard.core.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkTest {
  @Test
  void readsOktaStyleSeparateHeaderLines() {
    List<Link> links = Link.parse(List.of(
        "<https://example.okta.com/api/v1/users?limit=200>; rel=\"self\"",
        "<https://example.okta.com/api/v1/users?after=00ud4tVDDXYVKPXKVLCO&limit=200>; rel=\"next\""));
    assertThat(links).extracting(Link::target).containsExactly(
        "https://example.okta.com/api/v1/users?limit=200",
        "https://example.okta.com/api/v1/users?after=00ud4tVDDXYVKPXKVLCO&limit=200");
    assertThat(links.get(1).relations()).containsExactly("next");
  }

  @Test
  void readsCommaJoinedLinksWithSeveralRelationsAndOtherParameters() {
    List<Link> links = Link.parse(List.of(
        "<https://x.test/a?p=1,2>; rel=\"self first\"; title=\"a, b\", </b?after=2>; REL=Next"));
    assertThat(links).hasSize(2);
    assertThat(links.get(0).target()).isEqualTo("https://x.test/a?p=1,2");
    assertThat(links.get(0).relations()).containsExactlyInAnyOrder("self", "first");
    assertThat(links.get(0).parameters()).containsEntry("title", "a, b");
    assertThat(links.get(1).relations()).containsExactly("next");
  }

  @Test
  void skipsGarbage() {
    assertThat(Link.parse(List.of("garbage, <https://x.test/n>; rel=next"))).extracting(Link::target)
        .containsExactly("https://x.test/n");
    assertThat(Link.parse(List.of("<unclosed; rel=next"))).isEmpty();
  }
}
