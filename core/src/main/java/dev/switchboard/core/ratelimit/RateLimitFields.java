package dev.switchboard.core.ratelimit;

import dev.switchboard.core.transport.Response;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which response headers tell a connector's rate-limit window, and how to read them: the {@code rate_limit.headers}
 * of {@code connector.yaml}.
 *
 * <ul>
 *   <li>{@link Scheme#STANDARD} (the default): the first found of the IETF draft's {@code RateLimit} and
 *       {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers-11), its earlier {@code RateLimit-Limit},
 *       {@code RateLimit-Remaining} and {@code RateLimit-Reset} (delta seconds), and GitHub's
 *       {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (epoch seconds,
 *       https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 *   <li>{@link Scheme#DECLARED}: three header names the connector declares and the form of its reset.
 *   <li>{@link Scheme#NONE}: no pacing by headers.
 * </ul>
 *
 * <p>When a header arrives more than once (on several lines or comma-joined), the most conservative value wins: the
 * lowest limit and remaining, the latest reset.
 *
 * @param scheme which headers
 * @param limit for {@link Scheme#DECLARED}, the header of the window's size, else empty
 * @param remaining for {@link Scheme#DECLARED}, the header of the requests left, else empty
 * @param reset for {@link Scheme#DECLARED}, the header of the window's reset, else empty
 * @param resetFormat for {@link Scheme#DECLARED}, how the reset is written
 * @param zeroLimitIsConcurrency whether a response whose limit and remaining are both 0 is the service's
 *     concurrency limit rather than its window, so that a 429 so marked is backed off instead of waited out
 */
public record RateLimitFields(Scheme scheme, String limit, String remaining, String reset, ResetFormat resetFormat,
    boolean zeroLimitIsConcurrency) {
  /** Which headers a connector's rate limit is read from. */
  public enum Scheme {
    /** None: requests are not paced by headers (the concurrency cap still applies). */
    NONE,
    /** The common headers (IETF draft, GitHub style), whichever a response carries. */
    STANDARD,
    /** Headers the connector names. */
    DECLARED
  }

  /** How a reset header is written. */
  public enum ResetFormat {
    /** UTC epoch seconds, such as {@code 1717171717}. */
    EPOCH_SECONDS,
    /** Seconds from the response, such as {@code 30}. */
    DELTA_SECONDS,
    /** An HTTP-date (RFC 9110 section 5.6.7), such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    HTTP_DATE
  }

  /** No pacing by headers. */
  public static final RateLimitFields NONE = new RateLimitFields(Scheme.NONE, "", "", "", ResetFormat.EPOCH_SECONDS, false);

  /** The common headers, the default. */
  public static final RateLimitFields STANDARD = new RateLimitFields(Scheme.STANDARD, "", "", "", ResetFormat.EPOCH_SECONDS, false);

  private static final List<String> STANDARD_NAMES = List.of("ratelimit", "ratelimit-policy", "ratelimit-limit",
      "ratelimit-remaining", "ratelimit-reset", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset");

  /** Checks the parts and keeps header names in lower case, as {@link Response} keeps them. */
  public RateLimitFields {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(resetFormat, "resetFormat");
    limit = limit.toLowerCase(Locale.ROOT);
    remaining = remaining.toLowerCase(Locale.ROOT);
    reset = reset.toLowerCase(Locale.ROOT);
  }

  /**
   * Returns fields a connector names.
   *
   * @param limit the header of the window's size, such as {@code X-Rate-Limit-Limit}
   * @param remaining the header of the requests left
   * @param reset the header of the window's reset
   * @param resetFormat how the reset is written
   * @param zeroLimitIsConcurrency whether limit and remaining both 0 mark the concurrency limit
   */
  public static RateLimitFields declared(String limit, String remaining, String reset, ResetFormat resetFormat,
      boolean zeroLimitIsConcurrency) {
    return new RateLimitFields(Scheme.DECLARED, limit, remaining, reset, resetFormat, zeroLimitIsConcurrency);
  }

  /** Tells whether requests are paced by these headers at all. */
  public boolean paces() {
    return scheme != Scheme.NONE;
  }

  /** Returns the lower-case names of the headers read, which a call's result keeps. */
  public List<String> names() {
    return switch (scheme) {
      case NONE -> List.of();
      case STANDARD -> STANDARD_NAMES;
      case DECLARED -> List.of(limit, remaining, reset);
    };
  }

  /**
   * Reads a response's window.
   *
   * @param response any response
   * @param localNowMillis this machine's epoch milliseconds when it arrived, for a reset in delta seconds from a
   *     response without {@code Date}
   * @return the figures, -1 for each one absent or unreadable
   */
  public RateLimitHeaders read(Response response, long localNowMillis) {
    long date = response.header("date").map(HttpDate::parseMillis).orElse(-1L);
    long base = date > 0 ? date : localNowMillis;
    return switch (scheme) {
      case NONE -> RateLimitHeaders.none(date);
      case DECLARED -> {
        long l = lowest(response.headers(limit));
        long r = lowest(response.headers(remaining));
        yield new RateLimitHeaders(l, r, resetSeconds(response.headers(reset), resetFormat, base), date,
            zeroLimitIsConcurrency && l == 0 && r == 0);
      }
      case STANDARD -> standard(response, date, base);
    };
  }

  private static RateLimitHeaders standard(Response response, long date, long base) {
    Optional<IetfRateLimit.Window> ietf = IetfRateLimit.read(response.headers("ratelimit"), response.headers("ratelimit-policy"));
    if (ietf.isPresent()) {
      IetfRateLimit.Window w = ietf.get();
      long reset = w.resetSeconds() >= 0 ? Math.floorDiv(base, 1000) + w.resetSeconds() : -1;
      return new RateLimitHeaders(w.limit(), w.remaining(), reset, date, false);
    }
    if (!response.headers("ratelimit-remaining").isEmpty()) {
      return new RateLimitHeaders(lowest(response.headers("ratelimit-limit")), lowest(response.headers("ratelimit-remaining")),
          resetSeconds(response.headers("ratelimit-reset"), ResetFormat.DELTA_SECONDS, base), date, false);
    }
    if (!response.headers("x-ratelimit-remaining").isEmpty()) {
      return new RateLimitHeaders(lowest(response.headers("x-ratelimit-limit")), lowest(response.headers("x-ratelimit-remaining")),
          resetSeconds(response.headers("x-ratelimit-reset"), ResetFormat.EPOCH_SECONDS, base), date, false);
    }
    return RateLimitHeaders.none(date);
  }

  /** The latest reset of every value, in server epoch seconds; -1 when none is readable. */
  private static long resetSeconds(List<String> values, ResetFormat format, long baseMillis) {
    long latest = -1;
    for (String value : values) {
      for (String part : format == ResetFormat.HTTP_DATE ? List.of(value) : List.of(value.split(","))) {
        long seconds = switch (format) {
          case EPOCH_SECONDS -> number(part).orElse(-1);
          case DELTA_SECONDS -> {
            OptionalLong delta = number(part);
            yield delta.isPresent() ? Math.floorDiv(baseMillis, 1000) + delta.getAsLong() : -1;
          }
          case HTTP_DATE -> {
            long millis = HttpDate.parseMillis(part);
            yield millis > 0 ? millis / 1000 : -1;
          }
        };
        latest = Math.max(latest, seconds);
      }
    }
    return latest;
  }

  /** The lowest non-negative number among every value (comma-joined or on several lines); -1 when none. */
  private static long lowest(List<String> values) {
    long out = -1;
    for (String value : values) {
      for (String part : value.split(",")) {
        OptionalLong v = number(part);
        if (v.isPresent() && (out < 0 || v.getAsLong() < out)) {
          out = v.getAsLong();
        }
      }
    }
    return out;
  }

  private static OptionalLong number(String text) {
    try {
      long v = Long.parseLong(text.strip());
      return v >= 0 ? OptionalLong.of(v) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
