package dev.switchboard.core.ratelimit;

import dev.switchboard.core.transport.Response;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Okta's rate-limit headers of one response, read conservatively: {@code X-Rate-Limit-Limit},
 * {@code X-Rate-Limit-Remaining} and {@code X-Rate-Limit-Reset} (UTC epoch seconds), and the {@code Date}
 * header the reset is measured against (https://developer.okta.com/docs/reference/rl-best-practices/).
 * When a header arrives more than once (on several lines or comma-joined), the most conservative value
 * wins: the lowest limit and remaining, the latest reset.
 *
 * @param limit requests allowed in the window, or -1 when absent
 * @param remaining requests left in the window, or -1 when absent
 * @param resetEpochSeconds when the window resets, in UTC epoch seconds, or -1 when absent
 * @param serverDateMillis the server's {@code Date}, in epoch milliseconds (second resolution), or -1 when absent
 */
public record RateLimitHeaders(long limit, long remaining, long resetEpochSeconds, long serverDateMillis) {
  /**
   * Reads the headers of a response.
   *
   * @param response any response
   * @return the values, -1 for each one absent or unreadable
   */
  public static RateLimitHeaders of(Response response) {
    return new RateLimitHeaders(
        conservative(response.headers("x-rate-limit-limit"), true).orElse(-1),
        conservative(response.headers("x-rate-limit-remaining"), true).orElse(-1),
        conservative(response.headers("x-rate-limit-reset"), false).orElse(-1),
        response.header("date").map(RateLimitHeaders::parseDate).orElse(-1L));
  }

  /** Tells whether the response carried a usable remaining count and reset time. */
  public boolean present() {
    return remaining >= 0 && resetEpochSeconds > 0;
  }

  /**
   * Tells whether this is Okta's concurrency-limit answer: a 429 whose limit and remaining are both 0
   * (OKTA-WIRE.md, "Rate limits"), which says nothing about the window.
   */
  public boolean concurrencyLimited() {
    return limit == 0 && remaining == 0;
  }

  private static OptionalLong conservative(List<String> values, boolean lowest) {
    OptionalLong out = OptionalLong.empty();
    for (String value : values) {
      for (String part : value.split(",")) {
        try {
          long v = Long.parseLong(part.strip());
          if (v < 0) {
            continue;
          }
          if (out.isEmpty() || (lowest ? v < out.getAsLong() : v > out.getAsLong())) {
            out = OptionalLong.of(v);
          }
        } catch (NumberFormatException e) {
          // an unreadable value is ignored; the others still count
        }
      }
    }
    return out;
  }

  private static long parseDate(String value) {
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
