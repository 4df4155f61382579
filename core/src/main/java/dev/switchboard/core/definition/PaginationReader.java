package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkJmesPath;
import static dev.switchboard.core.definition.FieldChecks.positive;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Reads the {@code pagination:} block of an action into a {@link PaginationConfig}. */
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
    String type = p.requiredText("type", "link_header");
    if (type == null) {
      return null;
    }
    if (type.equals("none")) {
      p.allowOnly("type");
      return new PaginationConfig.None();
    }
    Optional<String> limit = p.text("limit_param");
    limit.filter(l -> !inputs.contains(l)).ifPresent(l -> p.problem("limit_param",
        "'" + l + "' is not an input of this action; declare an integer input " + l + " placed in the query"));
    OptionalLong maxPages = p.has("max_pages") ? OptionalLong.of(positive(p, "max_pages", 1, Long.MAX_VALUE)) : OptionalLong.empty();
    OptionalLong maxItems = p.has("max_items") ? OptionalLong.of(positive(p, "max_items", 1, Long.MAX_VALUE)) : OptionalLong.empty();
    String[] common = {"type", "limit_param", "max_pages", "max_items", "stop_on_empty_page"};
    switch (type) {
      case "link_header" -> {
        p.allowOnly(concat(common, "cursor_param", "polling", "poll_interval_ms"));
        Optional<String> cursor = p.text("cursor_param");
        cursor.filter(c -> !inputs.contains(c)).ifPresent(c -> p.problem("cursor_param",
            "'" + c + "' is not an input of this action; declare an input " + c + " placed in the query as {{" + c + "}}"));
        boolean polling = p.flag("polling", false);
        long interval = p.has("poll_interval_ms") ? positive(p, "poll_interval_ms", 1000, 3_600_000) : 0;
        if (p.has("poll_interval_ms") && !polling) {
          p.problem("poll_interval_ms", "is only for polling: true");
        }
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", false), maxPages, maxItems);
        return new PaginationConfig.LinkHeader(cursor, limit, polling, interval, stop);
      }
      case "cursor" -> {
        p.allowOnly(concat(common, "cursor_param", "cursor_path", "cursor_header", "cursor_in", "cursor_input"));
        String cursor = p.requiredText("cursor_param", "cursor");
        Optional<String> path = p.text("cursor_path");
        Optional<String> header = p.text("cursor_header");
        path.ifPresent(e -> checkJmesPath(p, "cursor_path", e));
        if (path.isEmpty() && header.isEmpty()) {
          p.problem(null, "a cursor paginator needs cursor_path (a JMESPath into the body) or cursor_header");
        }
        Optional<String> input = p.text("cursor_input");
        input.filter(i -> !inputs.contains(i)).ifPresent(i -> p.problem("cursor_input",
            "'" + i + "' is not an input of this action; name the input that takes a cursor to continue a listing"));
        PaginationConfig.Place place = cursor == null ? null : place(p, cursor, method);
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return place == null ? null : new PaginationConfig.Cursor(place, path, header, input, limit, stop);
      }
      case "offset" -> {
        p.allowOnly(concat(common, "offset_param"));
        String offset = p.requiredText("offset_param", "offset");
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return offset == null ? null : new PaginationConfig.Offset(offset, limit, stop);
      }
      case "page_number" -> {
        p.allowOnly(concat(common, "page_param", "start_page"));
        String page = p.requiredText("page_param", "page");
        long start = p.has("start_page") && p.raw("start_page").isIntegralNumber() ? p.raw("start_page").asLong() : 1;
        PaginationConfig.Stop stop = new PaginationConfig.Stop(p.flag("stop_on_empty_page", true), maxPages, maxItems);
        return page == null ? null : new PaginationConfig.PageNumber(page, start, limit, stop);
      }
      default -> {
        p.problem("type", "unknown pagination type '" + type + "'; supported: none, link_header, cursor, offset, page_number");
        return null;
      }
    }
  }

  /** Reads {@code cursor_in} (default query) and checks {@code cursor_param} for that place. */
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
    p.problem("cursor_in", "must be query, header or body (where the cursor goes in the next request); got '"
        + FieldChecks.printable(in) + "'");
    return null;
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

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
