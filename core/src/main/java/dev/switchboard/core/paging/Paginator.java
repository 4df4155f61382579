package dev.switchboard.core.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import java.util.Optional;

/**
 * Decides what the next page of a listing is, from the request and response of the current page: the next
 * request itself (so a cursor can go in a query parameter, a header or the JSON body), and the cursor a caller
 * can pass back later through {@link #cursorInput()} to continue from there.
 *
 * <p>Implementations are stateless and thread-safe; one is compiled per action from its {@link PaginationConfig}
 * ({@link #of}). Stop conditions shared by every type (empty page, page and item caps) and the checks on where a
 * next request may go (same origin, no loop) are applied by the engine.
 */
public interface Paginator {
  /**
   * The current page, as the paginator sees it.
   *
   * @param request the request the page was fetched with, as rendered (without credentials)
   * @param response the response (status 2xx)
   * @param body the decoded body
   * @param records the number of records on the page (0 for a body without a list)
   * @param pageSize the page size asked for, when known
   */
  record Page(Request request, Response response, JsonNode body, int records, Optional<Long> pageSize) {}

  /**
   * The next page.
   *
   * @param request the request that fetches it (without credentials; the connector's chain adds them)
   * @param cursor the value a caller can pass to {@link Paginator#cursorInput()} to continue from this page later,
   *     when the paginator has one
   */
  record Next(Request request, Optional<String> cursor) {}

  /**
   * Finds the next page.
   *
   * @param page the current page
   * @return the next page, or empty on the last page
   * @throws UnusableNextPageException when the response names a next page that cannot be requested (a next link
   *     that is not a valid URL, a cursor a header cannot carry), so the listing must fail rather than look complete
   */
  Optional<Next> next(Page page);

  /**
   * Returns the action's input that takes {@link Next#cursor()} back, to continue a listing in a later call: for
   * Okta's users, {@code after}. Empty when no input does; then a listing can only be read in one go.
   *
   * @return the input's name
   */
  default Optional<String> cursorInput() {
    return Optional.empty();
  }

  /** A paginator for actions that return a single page. */
  Paginator NONE = page -> Optional.empty();

  /**
   * Compiles the paginator an action's {@code pagination:} block declares, with the input that continues it.
   *
   * @param action the action
   * @return the paginator
   */
  static Paginator of(ActionDefinition action) {
    return action.pagination().accept(new PaginatorCompiler(action));
  }
}
