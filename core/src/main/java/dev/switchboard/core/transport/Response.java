package dev.switchboard.core.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response as received, with its body fully read (and capped).
 *
 * @param uri the URI that was requested
 * @param status the HTTP status code
 * @param headers header names in lower case to every value received, in order (a header sent twice has two values)
 * @param body the body bytes
 * @param durationNanos time from sending the request to reading the last body byte, in nanoseconds
 */
public record Response(URI uri, int status, Map<String, List<String>> headers, byte[] body, long durationNanos) {
  /**
   * Returns every value of a header.
   *
   * @param name the header name, any case
   * @return the values, empty when absent
   */
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns the media type of the body without parameters, lower case, such as {@code application/json}; empty when absent. */
  public String mediaType() {
    return header("content-type").map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
  }
}
