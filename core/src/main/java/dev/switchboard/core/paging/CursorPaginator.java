package dev.switchboard.core.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.definition.PaginationConfig;
import io.burt.jmespath.Expression;
import java.net.URI;
import java.util.Optional;

/**
 * Follows a cursor found in each response, in a body field (a JMESPath expression, such as
 * {@code response_metadata.next_cursor}) or a header, by setting it as a query parameter of the same request.
 * An absent, null or empty cursor ends the listing.
 */
final class CursorPaginator implements Paginator {
  private final String cursorParam;
  private final Optional<Expression<JsonNode>> path;
  private final Optional<String> header;

  CursorPaginator(PaginationConfig.Cursor config) {
    this.cursorParam = config.cursorParam();
    this.path = config.cursorPath().map(dev.switchboard.core.output.Jmespath::compile);
    this.header = config.cursorHeader();
  }

  @Override
  public Optional<URI> next(Page page) {
    Optional<String> cursor = path.map(p -> p.search(page.body()))
        .filter(v -> v != null && !v.isNull() && !v.isMissingNode() && v.isValueNode())
        .map(JsonNode::asText)
        .or(() -> header.flatMap(h -> page.response().header(h)))
        .map(String::strip)
        .filter(s -> !s.isEmpty());
    return cursor.map(c -> QueryParameters.with(page.requestUri(), cursorParam, c));
  }

  @Override
  public Optional<String> cursor(URI next) {
    return QueryParameters.get(next, cursorParam);
  }
}
