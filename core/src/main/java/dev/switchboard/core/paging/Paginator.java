package dev.switchboard.core.paging;

import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Decides where the next page of a listing is, from the response to the current page.
 *
 * <p>Implementations are stateless and thread-safe; one is compiled per action from its {@link PaginationConfig}.
 */
public interface Paginator {
  /**
   * Finds the next page.
   *
   * @param response the response to the current page (status 2xx)
   * @return the absolute URI of the next page, or empty on the last page
   */
  Optional<URI> next(Response response);

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
  Paginator NONE = response -> Optional.empty();

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
    return NONE;
  }
}
