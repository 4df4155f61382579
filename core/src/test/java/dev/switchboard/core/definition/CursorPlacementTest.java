package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code cursor_in}, {@code cursor_param} and {@code cursor_input} fields of a cursor paginator. */
class CursorPlacementTest {
  private static final SourceText CONNECTOR = new SourceText("demo/connector.yaml", DefinitionLoaderTest.CONNECTOR);

  private static ConnectorDefinition load(String action) {
    return DefinitionLoader.load(new ConnectorSource(CONNECTOR, List.of(new SourceText("demo/actions/search.yaml", action))));
  }

  private static String search(String method, String pagination) {
    return """
        description: Searches.
        method: %s
        path: /search
        body: {q: "{{q}}", page: {after: "{{after}}"}}
        inputs:
          q: {type: string}
          after: {type: string}
        pagination: %s
        """.formatted(method, pagination);
  }

  @Test
  void aCursorInTheBodyIsReadWithItsPointerAndInput() {
    PaginationConfig p = load(search("POST", "{type: cursor, cursor_path: next, cursor_in: body, cursor_param: /page/after,"
        + " cursor_input: after}")).actions().get(0).pagination();
    assertThat(p).isInstanceOfSatisfying(PaginationConfig.Cursor.class, c -> {
      assertThat(c.cursorPlace()).isEqualTo(new PaginationConfig.Place(PaginationConfig.Place.Location.BODY, "/page/after"));
      assertThat(c.cursorInput()).contains("after");
    });
  }

  @Test
  void theCursorGoesInTheQueryUnlessSaidOtherwise() {
    PaginationConfig p = load(search("POST", "{type: cursor, cursor_path: next, cursor_param: after}")).actions().get(0).pagination();
    assertThat(((PaginationConfig.Cursor) p).cursorPlace()).isEqualTo(PaginationConfig.Place.query("after"));
  }

  @Test
  void aPlaceThatIsNoneOfQueryHeaderOrBodyIsAProblem() {
    assertThatThrownBy(() -> load(search("POST", "{type: cursor, cursor_path: next, cursor_in: cookie, cursor_param: a}")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("pagination.cursor_in: 'cookie' is not allowed here; use one of query, header, body");
  }

  @Test
  void aBodyPlaceNeedsAJsonPointer() {
    assertThatThrownBy(() -> load(search("POST", "{type: cursor, cursor_path: next, cursor_in: body, cursor_param: page.after}")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("give a JSON pointer (RFC 6901) to the field, such as /page/after; got 'page.after'");
  }

  @Test
  void aBodyPlaceNeedsAMethodWithABody() {
    String action = """
        description: Lists.
        method: GET
        path: /things
        pagination: {type: cursor, cursor_path: next, cursor_in: body, cursor_param: /after}
        """;
    assertThatThrownBy(() -> load(action)).isInstanceOf(DefinitionException.class)
        .hasMessageContaining("GET requests carry no body; put the cursor in the query or a header, or use POST");
  }

  @Test
  void aHeaderPlaceNeedsAHeaderNameTheClientMaySend() {
    assertThatThrownBy(() -> load(search("POST", "{type: cursor, cursor_path: next, cursor_in: header, cursor_param: Host}")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("'Host' is set by the HTTP client itself");
    assertThatThrownBy(() -> load(search("POST", "{type: cursor, cursor_path: next, cursor_in: header, cursor_param: \"a b\"}")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("is not a valid header name");
  }

  @Test
  void theCursorInputMustBeAnInput() {
    assertThatThrownBy(() -> load(search("POST", "{type: cursor, cursor_path: next, cursor_in: body, cursor_param: /page/after,"
        + " cursor_input: page_token}")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("pagination.cursor_input: 'page_token' is not an input of this action");
  }
}
