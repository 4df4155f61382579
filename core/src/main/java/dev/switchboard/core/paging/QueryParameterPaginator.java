package dev.switchboard.core.paging;

import java.net.URI;
import java.util.Optional;

/**
 * Offset and page-number pagination: the next page is the same request with one numeric query parameter
 * advanced (the offset by the records received, the page number by one). A page with fewer records than the
 * page size asked for, or with none, is the last.
 */
final class QueryParameterPaginator implements Paginator {
  private final String param;
  private final boolean byRecords;
  private final long start;

  private QueryParameterPaginator(String param, boolean byRecords, long start) {
    this.param = param;
    this.byRecords = byRecords;
    this.start = start;
  }

  static QueryParameterPaginator offset(String param) {
    return new QueryParameterPaginator(param, true, 0);
  }

  static QueryParameterPaginator pageNumber(String param, long start) {
    return new QueryParameterPaginator(param, false, start);
  }

  @Override
  public Optional<URI> next(Page page) {
    if (page.records() == 0 || page.pageSize().map(size -> page.records() < size).orElse(false)) {
      return Optional.empty();
    }
    long current;
    try {
      current = QueryParameters.get(page.requestUri(), param).map(v -> Long.parseLong(v.strip())).orElse(start);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    long next = byRecords ? current + page.records() : current + 1;
    return Optional.of(QueryParameters.with(page.requestUri(), param, Long.toString(next)));
  }

  @Override
  public Optional<String> cursor(URI next) {
    return QueryParameters.get(next, param);
  }
}
