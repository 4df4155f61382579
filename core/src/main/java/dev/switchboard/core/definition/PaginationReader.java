package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkJmesPath;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the {@code pagination:} block of an action into a {@link PaginationConfig}. Its shape is the schema's
 * ({@code $defs/pagination} of action.schema.json); this checks what crosses fields: that the parameters named are
 * inputs of the action, JMESPath syntax, a poll interval only for polling.
 */
final class PaginationReader {
  private PaginationReader() {}

  /**
   * Reads a pagination block.
   *
   * @param p the {@code pagination:} mapping
   * @param inputs the action's input names, which the cursor, offset, page and limit parameters must be
   * @return the config, or null after adding problems
   */
  static PaginationConfig read(Mapping p, Set<String> inputs) {
    String type = p.text("type").orElse(null);
    if (type == null) {
      return null; // the schema reported it
    }
    if (type.equals("none")) {
      return new PaginationConfig.None();
    }
    Optional<String> limit = p.text("limit_param");
    limit.filter(l -> !inputs.contains(l)).ifPresent(l -> p.problem("limit_param",
        "'" + l + "' is not an input of this action; declare an integer input " + l + " placed in the query"));
    OptionalLong maxPages = p.has("max_pages") ? OptionalLong.of(p.number("max_pages", 1)) : OptionalLong.empty();
    OptionalLong maxItems = p.has("max_items") ? OptionalLong.of(p.number("max_items", 1)) : OptionalLong.empty();
    switch (type) {
      case "link_header" -> {
        Optional<String> cursor = p.text("cursor_param");
        cursor.filter(c -> !inputs.contains(c)).ifPresent(c -> p.problem("cursor_param",
            "'" + c + "' is not an input of this action; declare an input " + c + " placed in the query as {{" + c + "}}"));
        boolean polling = p.flag("polling", false);
        long interval = p.number("poll_interval_ms", 0);
        if (p.has("poll_interval_ms") && !polling) {
          p.problem("poll_interval_ms", "is only for polling: true");
        }
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", false), maxPages, maxItems);
        return new PaginationConfig.LinkHeader(cursor, limit, polling, interval, stop);
      }
      case "cursor" -> {
        String cursor = p.text("cursor_param").orElse(null);
        Optional<String> path = p.text("cursor_path");
        Optional<String> header = p.text("cursor_header");
        path.ifPresent(e -> checkJmesPath(p, "cursor_path", e));
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return cursor == null ? null : new PaginationConfig.Cursor(cursor, path, header, limit, stop);
      }
      case "offset" -> {
        String offset = p.text("offset_param").orElse(null);
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return offset == null ? null : new PaginationConfig.Offset(offset, limit, stop);
      }
      case "page_number" -> {
        String page = p.text("page_param").orElse(null);
        long start = p.number("start_page", 1);
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return page == null ? null : new PaginationConfig.PageNumber(page, start, limit, stop);
      }
      default -> {
        return null; // the schema names the types and reported this one
      }
    }
  }
}
