package dev.switchboard.core.paging;

import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Follows the {@code Link} header whose relation is {@code next} (RFC 8288), as Okta paginates: "Link:
 * &lt;https://{org}/api/v1/users?after=00u...&amp;limit=200&gt;; rel="next"", one header line per relation
 * (https://developer.okta.com/docs/api/#link-header). No {@code next} link means the last page, even when
 * that page is full or a {@code self} link is present; the next URL is followed as given, never built.
 */
final class LinkHeaderPaginator implements Paginator {
  private final Optional<String> cursorParam;

  LinkHeaderPaginator(Optional<String> cursorParam) {
    this.cursorParam = cursorParam;
  }

  @Override
  public Optional<URI> next(Page page) {
    Response response = page.response();
    for (Link link : Link.parse(response.headers("link"))) {
      if (link.relations().contains("next")) {
        try {
          return Optional.of(response.uri().resolve(link.target()));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> cursor(URI next) {
    return cursorParam.flatMap(p -> QueryParameters.get(next, p));
  }
}
