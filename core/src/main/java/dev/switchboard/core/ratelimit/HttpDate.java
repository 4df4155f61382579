package dev.switchboard.core.ratelimit;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP-date (RFC 9110 section 5.6.7, the IMF-fixdate of {@code Date}, {@code Retry-After} and some reset
 * headers) as epoch milliseconds.
 */
public final class HttpDate {
  /** The last value parsed: a {@code Date} changes once a second, and parsing costs more than the rest of a read. */
  private record Parsed(String value, long millis) {}

  private static volatile Parsed last = new Parsed("", -1);

  private HttpDate() {}

  /**
   * Parses an HTTP-date.
   *
   * @param value such as {@code Sun, 06 Nov 1994 08:49:37 GMT}
   * @return epoch milliseconds (a whole second), or -1 when the value is not an HTTP-date
   */
  public static long parseMillis(String value) {
    Parsed seen = last;
    if (seen.value.equals(value)) {
      return seen.millis;
    }
    long millis;
    try {
      millis = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      millis = -1;
    }
    last = new Parsed(value, millis);
    return millis;
  }
}
