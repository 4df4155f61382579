package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkJmesPath;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the {@code pagination:} block of an action into a {@link PaginationConfig}. Its shape is the schema's
 * ({@code $defs/pagination} of action.schema.json); this checks what crosses fields: that the parameters named are
 * inputs of the action, JMESPath syntax, a poll interval only for polling, and where a cursor goes (a JSON pointer
 * into the body of a method that has one, a header the client may send).
 */
final class PaginationReader {
  private PaginationReader() {}

  /**
   * Reads a pagination block.
   *
   * @param p the {@code pagination:} mapping
   * @param inputs the action's input names, which the cursor, offset, page and limit parameters must be
   * @param method the action's HTTP method, which must carry a body for a cursor placed in the body
   * @return the config, or null after adding problems
   */
  static PaginationConfig read(Mapping p, Set<String> inputs, String method) {
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
        Optional<String> input = p.text("cursor_input");
        input.filter(i -> !inputs.contains(i)).ifPresent(i -> p.problem("cursor_input",
            "'" + i + "' is not an input of this action; name the input that takes a cursor to continue a listing"));
        PaginationConfig.Place place = cursor == null ? null : place(p, cursor, method);
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return place == null ? null : new PaginationConfig.Cursor(place, path, header, input, limit, stop);
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

  /** Reads {@code cursor_in} (default query; the schema names the places) and checks {@code cursor_param} for it. */
  private static PaginationConfig.Place place(Mapping p, String name, String method) {
    String in = p.text("cursor_in").orElse("query");
    for (PaginationConfig.Place.Location location : PaginationConfig.Place.Location.values()) {
      if (location.yamlName().equals(in)) {
        boolean ok = switch (location) {
          case QUERY -> true;
          case HEADER -> FieldChecks.checkHeader(p, "cursor_param", name, null);
          case BODY -> bodyPointer(p, name, method);
        };
        return ok ? new PaginationConfig.Place(location, name) : null;
      }
    }
    return null; // the schema reported it
  }

  /** Checks a JSON pointer into the body (RFC 6901) and that the method sends a body. */
  private static boolean bodyPointer(Mapping p, String pointer, String method) {
    if (!pointer.matches("(/([^/~]|~[01])+)+")) {
      p.problem("cursor_param", "with cursor_in: body, give a JSON pointer (RFC 6901) to the field, such as /page/after;"
          + " got '" + FieldChecks.printable(pointer) + "'");
      return false;
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      p.problem("cursor_in", method + " requests carry no body; put the cursor in the query or a header, or use POST");
      return false;
    }
    return true;
  }
}
