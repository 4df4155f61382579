package dev.switchboard.core.definition;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How an action's responses continue onto further pages: the {@code pagination:} block of an action.
 * Every type shares the stop conditions in {@link Stop}.
 */
public sealed interface PaginationConfig {
  /** The value of {@code pagination.type}. */
  String type();

  /** When to stop following pages, besides the type's own end (no next link, no cursor). */
  Stop stop();

  /** The input that sets the page size (such as Okta's {@code limit}), when the action has one. */
  Optional<String> limitParam();

  /**
   * Dispatches on the type: every visitor handles every type, so a type the engine does not handle is a compile
   * error, never a silent fallback to one page.
   *
   * @param visitor the handler of each type
   * @param <R> what the visitor returns
   * @return the visitor's answer for this configuration
   */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per pagination type.
   *
   * @param <R> what each method returns
   */
  interface Visitor<R> {
    /** Handles {@code type: none}. */
    R none(None config);

    /** Handles {@code type: link_header}. */
    R linkHeader(LinkHeader config);

    /** Handles {@code type: cursor}. */
    R cursor(Cursor config);

    /** Handles {@code type: offset}. */
    R offset(Offset config);

    /** Handles {@code type: page_number}. */
    R pageNumber(PageNumber config);
  }

  /**
   * Where a value goes in a request (the {@code cursor_in} and {@code cursor_param} of a cursor paginator).
   *
   * @param location the part of the request
   * @param name the query parameter's or header's name, or for the body a JSON pointer (RFC 6901) such as
   *     {@code /page/after}, whose missing objects are created
   */
  record Place(Location location, String name) {
    /** A query parameter. @param name its name @return the place */
    public static Place query(String name) {
      return new Place(Location.QUERY, name);
    }

    /** The parts of a request a value can go in, with their YAML names. */
    public enum Location {
      /** A query parameter, percent-encoded once. */
      QUERY("query"),
      /** A request header. */
      HEADER("header"),
      /** A field of the JSON body. */
      BODY("body");

      private final String yamlName;

      Location(String yamlName) {
        this.yamlName = yamlName;
      }

      /** Returns the name in YAML, such as {@code body}. */
      public String yamlName() {
        return yamlName;
      }
    }
  }

  /**
   * Stop conditions.
   *
   * @param emptyPage stop at the first page without records
   * @param maxPages stop after this many pages
   * @param maxItems stop after this many records (the last page is cut to fit)
   */
  record Stop(boolean emptyPage, OptionalLong maxPages, OptionalLong maxItems) {
    /** No stop condition beyond the type's own end. */
    public static final Stop NONE = new Stop(false, OptionalLong.empty(), OptionalLong.empty());
  }

  /** A single response; there is no next page. */
  record None() implements PaginationConfig {
    @Override
    public String type() {
      return "none";
    }

    @Override
    public Stop stop() {
      return Stop.NONE;
    }

    @Override
    public Optional<String> limitParam() {
      return Optional.empty();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.none(this);
    }
  }

  /**
   * The next page is the URL of the {@code Link} header whose relation is {@code next} (RFC 8288), as Okta
   * paginates (https://developer.okta.com/docs/api/#pagination). No such link means the last page.
   *
   * @param cursorParam the query parameter of the next link that holds the opaque cursor (Okta's
   *     {@code after}); its value is reported to callers as the next cursor, and the action's input of the
   *     same name takes it back to continue later
   * @param limitParam the action's input that sets the page size (Okta's {@code limit})
   * @param polling a polling feed such as Okta's System Log without {@code until}, whose next link is always
   *     present: the stream goes on until the caller stops, waiting {@code pollInterval} ms after an empty page
   *     (or stops at the first empty page when {@code stop.emptyPage})
   * @param pollIntervalMs the wait after an empty page in polling mode, in milliseconds
   * @param stop stop conditions
   */
  record LinkHeader(Optional<String> cursorParam, Optional<String> limitParam, boolean polling, long pollIntervalMs, Stop stop)
      implements PaginationConfig {
    /** A link-header paginator with only a cursor and a page-size input. */
    public LinkHeader(Optional<String> cursorParam, Optional<String> limitParam) {
      this(cursorParam, limitParam, false, 0, Stop.NONE);
    }

    @Override
    public String type() {
      return "link_header";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.linkHeader(this);
    }
  }

  /**
   * The next page is the same request with a cursor set to a value read from the response (a body field, by a
   * JMESPath expression, or a header): in a query parameter, a header or a field of the JSON body. No cursor
   * (absent, null or empty) means the last page.
   *
   * @param cursorPlace where the cursor goes in the next request ({@code cursor_in} and {@code cursor_param})
   * @param cursorPath the JMESPath expression that finds the next cursor in the body
   * @param cursorHeader the response header that holds the next cursor
   * @param cursorInput the input that takes a cursor back, to continue a listing later ({@code cursor_input});
   *     when empty, the input whose template fills the cursor's place in the first request, if there is one
   * @param limitParam the page-size input
   * @param stop stop conditions
   */
  record Cursor(Place cursorPlace, Optional<String> cursorPath, Optional<String> cursorHeader, Optional<String> cursorInput,
      Optional<String> limitParam, Stop stop) implements PaginationConfig {
    /**
     * A cursor in a query parameter, continued through the input of the same name.
     *
     * @param cursorParam the query parameter (and input) that takes the cursor
     * @param cursorPath the JMESPath expression that finds the next cursor in the body
     * @param cursorHeader the response header that holds the next cursor
     * @param limitParam the page-size input
     * @param stop stop conditions
     */
    public Cursor(String cursorParam, Optional<String> cursorPath, Optional<String> cursorHeader, Optional<String> limitParam,
        Stop stop) {
      this(Place.query(cursorParam), cursorPath, cursorHeader, Optional.empty(), limitParam, stop);
    }

    /** Returns the {@code cursor_param}: a query parameter's or header's name, or a JSON pointer into the body. */
    public String cursorParam() {
      return cursorPlace.name();
    }

    @Override
    public String type() {
      return "cursor";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.cursor(this);
    }
  }

  /**
   * The next page is the same request with an offset query parameter advanced by the number of records
   * received. A page with fewer records than the page size (or none) is the last.
   *
   * @param offsetParam the query parameter (and input) holding the offset, starting at 0
   * @param limitParam the page-size input
   * @param stop stop conditions
   */
  record Offset(String offsetParam, Optional<String> limitParam, Stop stop) implements PaginationConfig {
    @Override
    public String type() {
      return "offset";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.offset(this);
    }
  }

  /**
   * The next page is the same request with a page-number query parameter plus one. A page with fewer
   * records than the page size (or none) is the last.
   *
   * @param pageParam the query parameter (and input) holding the page number
   * @param startPage the number of the first page (usually 1, sometimes 0)
   * @param limitParam the page-size input
   * @param stop stop conditions
   */
  record PageNumber(String pageParam, long startPage, Optional<String> limitParam, Stop stop) implements PaginationConfig {
    @Override
    public String type() {
      return "page_number";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pageNumber(this);
    }
  }
}
