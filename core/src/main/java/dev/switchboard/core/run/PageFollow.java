package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.transport.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions about whether a listing goes on after a page, each a small named function, as OkHttp's
 * {@code followUpRequest}: the action's own stop conditions ({@link #stopsHere}, {@link #cut}), then the checks a
 * next page must pass before the connector's credentials are sent to it ({@link #refusal}).
 */
final class PageFollow {
  /** The most pages one call follows unless its pagination sets max_pages (polling feeds excepted). */
  static final int MAX_PAGES = Engine.MAX_PAGES;

  private PageFollow() {}

  /**
   * Tells whether the action's stop conditions end the listing at this page: {@code max_items} reached,
   * {@code stop_on_empty_page} and no records, or {@code max_pages} reached.
   *
   * @param stop the action's stop conditions
   * @param records the records on this page
   * @param items the records on every page so far, this one included
   * @param page this page's number, from 1
   */
  static boolean stopsHere(PaginationConfig.Stop stop, int records, long items, int page) {
    return (stop.maxItems().isPresent() && items >= stop.maxItems().getAsLong())
        || (stop.emptyPage() && records == 0)
        || stop.maxPages().stream().anyMatch(max -> page >= max);
  }

  /**
   * Cuts a page's output so the listing holds no more than {@code max_items} records.
   *
   * @param stop the action's stop conditions
   * @param output the page's mapped output
   * @param items the records on every page so far, this one included
   * @return the output, without the records past {@code max_items}
   */
  static JsonNode cut(PaginationConfig.Stop stop, JsonNode output, long items) {
    if (stop.maxItems().isEmpty() || !output.isArray()) {
      return output;
    }
    long over = items - stop.maxItems().getAsLong();
    if (over <= 0) {
      return output;
    }
    ArrayNode cut = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < output.size() - over; i++) {
      cut.add(output.get(i));
    }
    return cut;
  }

  /**
   * Checks a next page before it is requested: it must have the connector's origin (credentials go nowhere
   * else), must not repeat a page already read (a server that loops), and the listing must be under
   * {@value #MAX_PAGES} pages. A polling feed repeats its link by design and goes on until its caller stops.
   *
   * @param plan the action
   * @param next the next page's request
   * @param current the request of the page just read
   * @param seen the next pages already requested in this listing ({@link #key}); {@code next}'s is added to it
   * @param page the number of the page just read
   * @param baseUrl the connector's base URL
   * @param status the status of the page just read, for the error
   * @return the error to report instead of following, or empty to follow
   */
  static Optional<ActionError> refusal(ActionPlan plan, Request next, Request current, Set<String> seen, int page, URI baseUrl,
      int status) {
    PaginationConfig pagination = plan.definition().pagination();
    boolean polling = pagination instanceof PaginationConfig.LinkHeader link && link.polling();
    URI uri = next.uri();
    if (!ActionPlan.sameOrigin(uri, baseUrl)) {
      return Optional.of(ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": the next page link points to "
          + uri.getScheme() + "://" + uri.getRawAuthority() + ", outside the connector's "
          + baseUrl.getScheme() + "://" + baseUrl.getRawAuthority()
          + "; refused, so credentials are not sent there").status(status).build());
    }
    if (!polling) {
      String key = key(next);
      if (key.equals(key(current)) || !seen.add(key)) {
        return Optional.of(ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id()
            + ": the next page repeats a page already read (the same link or cursor); stopped to avoid a loop")
            .status(status).build());
      }
    }
    if (!polling && page >= MAX_PAGES) {
      return Optional.of(ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": stopped after " + MAX_PAGES
          + " pages, the most one call follows; set pagination.max_pages or narrow the query").status(status).build());
    }
    return Optional.empty();
  }

  /**
   * Returns what tells two page requests apart: method, URI, headers and body (a cursor may be in any of them).
   * The headers are the action's own, before credentials are added.
   */
  static String key(Request request) {
    return request.method() + " " + request.uri() + "\n" + request.headers() + "\n"
        + new String(request.body(), StandardCharsets.UTF_8);
  }
}
