package dev.switchboard.core.paging;

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
  private final Optional<String> input;

  private QueryParameterPaginator(String param, boolean byRecords, long start, Optional<String> input) {
    this.param = param;
    this.byRecords = byRecords;
    this.start = start;
    this.input = input;
  }

  static QueryParameterPaginator offset(String param, Optional<String> input) {
    return new QueryParameterPaginator(param, true, 0, input);
  }

  static QueryParameterPaginator pageNumber(String param, long start, Optional<String> input) {
    return new QueryParameterPaginator(param, false, start, input);
  }

  @Override
  public Optional<Next> next(Page page) {
    if (page.records() == 0 || page.pageSize().map(size -> page.records() < size).orElse(false)) {
      return Optional.empty();
    }
    long current;
    try {
      current = QueryParameters.get(page.request().uri(), param).map(v -> Long.parseLong(v.strip())).orElse(start);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String next = Long.toString(byRecords ? current + page.records() : current + 1);
    return Optional.of(new Next(page.request().withUri(QueryParameters.with(page.request().uri(), param, next)), Optional.of(next)));
  }

  @Override
  public Optional<String> cursorInput() {
    return input;
  }
}
