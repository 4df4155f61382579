package dev.switchboard.core.paging;

import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Follows the {@code Link} header whose relation is {@code next} (RFC 8288), as Okta paginates: "Link:
 * &lt;https://{org}/api/v1/users?after=00u...&amp;limit=200&gt;; rel="next"", one header line per relation
 * (https://developer.okta.com/docs/api/#link-header). No {@code next} link means the last page, even when
 * that page is full or a {@code self} link is present; the next URL is followed as given, never built. A next
 * link that is not a valid URL (an unencoded space or {@code |}), or a Link header that names a next page but
 * cannot be read, is an {@link UnusableNextPageException}: the listing is incomplete, not finished.
 */
final class LinkHeaderPaginator implements Paginator {
  /** A {@code rel} parameter naming {@code next}, quoted or not, alone or among other relations. */
  private static final Pattern NAMES_NEXT = Pattern.compile("(?i);\\s*rel\\s*=\\s*(\"[^\"]*\\bnext\\b[^\"]*\"|next\\b)");

  private final Optional<String> cursorParam;
  private final Optional<String> input;

  /**
   * @param cursorParam the query parameter of the next link that holds the cursor reported to callers
   * @param input the action's input that takes the cursor back, if it has one
   */
  LinkHeaderPaginator(Optional<String> cursorParam, Optional<String> input) {
    this.cursorParam = cursorParam;
    this.input = input;
  }

  @Override
  public Optional<Next> next(Page page) {
    Response response = page.response();
    List<String> values = response.headers("link");
    for (Link link : Link.parse(values)) {
      if (link.relations().contains("next")) {
        URI uri = resolve(response.uri(), link.target());
        Request request = page.request();
        Request next = "GET".equals(request.method()) ? request.withUri(uri) : new Request("GET", uri, request.headers(), new byte[0]);
        return Optional.of(new Next(next, cursorParam.flatMap(p -> QueryParameters.get(uri, p))));
      }
    }
    for (String value : values) {
      if (NAMES_NEXT.matcher(value).find()) {
        throw new UnusableNextPageException(value, "the Link header names a next page but cannot be read as RFC 8288"
            + " links (<URL>; rel=\"next\")");
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> cursorInput() {
    return input;
  }

  /** Resolves a link target against the URI of the page it came from. */
  private static URI resolve(URI page, String target) {
    try {
      return page.resolve(new URI(target));
    } catch (URISyntaxException e) {
      throw new UnusableNextPageException(target, "it is not a valid URL: " + e.getReason() + " at index " + e.getIndex()
          + (e.getIndex() >= 0 && e.getIndex() < target.length() ? " ('" + target.charAt(e.getIndex()) + "')" : ""));
    } catch (IllegalArgumentException e) {
      throw new UnusableNextPageException(target, "it is not a valid URL: " + e.getMessage());
    }
  }
}
