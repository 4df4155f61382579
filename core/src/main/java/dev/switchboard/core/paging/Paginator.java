package dev.switchboard.core.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Decides where the next page of a listing is, from the request and response of the current page.
 *
 * <p>Implementations are stateless and thread-safe; one is compiled per action from its {@link PaginationConfig}.
 * Stop conditions shared by every type (empty page, page and item caps) are applied by the engine.
 */
public interface Paginator {
  /**
   * The current page, as the paginator sees it.
   *
   * @param requestUri the URI the page was requested with
   * @param response the response (status 2xx)
   * @param body the decoded body
   * @param records the number of records on the page (0 for a body without a list)
   * @param pageSize the page size asked for, when known
   */
  record Page(URI requestUri, Response response, JsonNode body, int records, Optional<Long> pageSize) {}

  /**
   * Finds the next page.
   *
   * @param page the current page
   * @return the absolute URI of the next page, or empty on the last page
   */
  Optional<URI> next(Page page);

  /**
   * Extracts the cursor a caller can pass back (as an input) to continue from the next page later.
   *
   * @param next the next page's URI, as returned by {@link #next}
   * @return the cursor, or empty when this paginator has none to offer
   */
  default Optional<String> cursor(URI next) {
    return Optional.empty();
  }

  /** A paginator for actions that return a single page. */
  Paginator NONE = page -> Optional.empty();

  /**
   * Compiles the paginator a configuration declares.
   *
   * @param config the action's pagination block
   * @return the paginator
   */
  static Paginator of(PaginationConfig config) {
    if (config instanceof PaginationConfig.LinkHeader link) {
      return new LinkHeaderPaginator(link.cursorParam());
    }
    if (config instanceof PaginationConfig.Cursor cursor) {
      return new CursorPaginator(cursor);
    }
    if (config instanceof PaginationConfig.Offset offset) {
      return QueryParameterPaginator.offset(offset.offsetParam());
    }
    if (config instanceof PaginationConfig.PageNumber number) {
      return QueryParameterPaginator.pageNumber(number.pageParam(), number.startPage());
    }
    return NONE;
  }
}
