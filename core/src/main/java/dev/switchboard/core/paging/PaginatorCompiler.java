package dev.switchboard.core.paging;

import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.template.Template;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the paginator of each pagination type, and finds the input through which a listing continues: the one
 * declared ({@code cursor_input}), else the input whose template alone fills the cursor's place in the first
 * request ({@code after: "{{after}}"} in the query, a header or the body), else an input named like the query
 * parameter. One per action, used once.
 */
final class PaginatorCompiler implements PaginationConfig.Visitor<Paginator> {
  private static final Pattern SINGLE_TAG = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}");

  private final ActionDefinition action;

  PaginatorCompiler(ActionDefinition action) {
    this.action = action;
  }

  @Override
  public Paginator none(PaginationConfig.None config) {
    return Paginator.NONE;
  }

  @Override
  public Paginator linkHeader(PaginationConfig.LinkHeader config) {
    return new LinkHeaderPaginator(config.cursorParam(), config.cursorParam().filter(action.inputs()::containsKey));
  }

  @Override
  public Paginator cursor(PaginationConfig.Cursor config) {
    Optional<String> input = config.cursorInput().or(() -> filledBy(config.cursorPlace()));
    return new CursorPaginator(config, input);
  }

  @Override
  public Paginator offset(PaginationConfig.Offset config) {
    return QueryParameterPaginator.offset(config.offsetParam(), inputNamed(config.offsetParam()));
  }

  @Override
  public Paginator pageNumber(PaginationConfig.PageNumber config) {
    return QueryParameterPaginator.pageNumber(config.pageParam(), config.startPage(), inputNamed(config.pageParam()));
  }

  private Optional<String> inputNamed(String name) {
    return Optional.of(name).filter(action.inputs()::containsKey);
  }

  /** Returns the input whose template alone fills a place of the first request, if one does. */
  private Optional<String> filledBy(PaginationConfig.Place place) {
    Optional<String> input = switch (place.location()) {
      case QUERY -> single(action.query().get(place.name())).or(() -> Optional.of(place.name()));
      case HEADER -> action.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(place.name()))
          .findFirst().flatMap(h -> single(h.getValue()));
      case BODY -> action.body().flatMap(body -> body.valueTagAt(
          Arrays.stream(place.name().substring(1).split("/")).map(PaginatorCompiler::unescape).toList()));
    };
    return input.filter(action.inputs()::containsKey);
  }

  private static Optional<String> single(Template template) {
    if (template == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE_TAG.matcher(template.source().strip());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Unescapes one reference token of a JSON pointer (RFC 6901, section 4). */
  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
