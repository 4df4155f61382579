package dev.switchboard.core.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.output.Jmespath;
import io.burt.jmespath.Expression;
import java.util.Optional;

/**
 * Follows a cursor found in each response, in a body field (a JMESPath expression, such as
 * {@code response_metadata.next_cursor}) or a header, by putting it in the same request: as a query parameter, a
 * header, or a field of the JSON body (where it keeps its JSON type). An absent, null or empty cursor ends the
 * listing.
 */
final class CursorPaginator implements Paginator {
  private final PaginationConfig.Place place;
  private final Optional<Expression<JsonNode>> path;
  private final Optional<String> header;
  private final Optional<String> input;

  /**
   * @param config the action's cursor pagination
   * @param input the action's input that takes a cursor back, if any
   */
  CursorPaginator(PaginationConfig.Cursor config, Optional<String> input) {
    this.place = config.cursorPlace();
    this.path = config.cursorPath().map(Jmespath::compile);
    this.header = config.cursorHeader();
    this.input = input;
  }

  @Override
  public Optional<Next> next(Page page) {
    Optional<JsonNode> cursor = path.map(p -> p.search(page.body()))
        .filter(v -> v != null && !v.isNull() && !v.isMissingNode() && v.isValueNode())
        .<JsonNode>map(v -> v.isTextual() ? TextNode.valueOf(v.asText().strip()) : v)
        .or(() -> header.flatMap(h -> page.response().header(h)).map(h -> TextNode.valueOf(h.strip())))
        .filter(v -> !v.asText().isEmpty());
    return cursor.map(c -> new Next(Placement.put(page.request(), place, c), Optional.of(c.asText())));
  }

  @Override
  public Optional<String> cursorInput() {
    return input;
  }
}
