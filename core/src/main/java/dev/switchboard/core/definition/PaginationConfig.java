package dev.switchboard.core.definition;

import java.util.Optional;

/** How an action's responses continue onto further pages: the {@code pagination:} block of an action. */
public sealed interface PaginationConfig {
  /** The value of {@code pagination.type}. */
  String type();

  /** A single response; there is no next page. */
  record None() implements PaginationConfig {
    @Override
    public String type() {
      return "none";
    }
  }

  /**
   * The next page is the URL of the {@code Link} header whose relation is {@code next} (RFC 8288), as Okta
   * paginates (https://developer.okta.com/docs/api/#pagination). No such link means the last page.
   *
   * @param cursorParam the query parameter of the next link that holds the opaque cursor (Okta's
   *     {@code after}); its value is reported to callers as the next cursor, and the action's input of the
   *     same name takes it back to continue later
   * @param limitParam the action's input that sets the page size (Okta's {@code limit}), so that callers
   *     with an output budget can ask for pages of the size they can take
   */
  record LinkHeader(Optional<String> cursorParam, Optional<String> limitParam) implements PaginationConfig {
    @Override
    public String type() {
      return "link_header";
    }
  }
}
