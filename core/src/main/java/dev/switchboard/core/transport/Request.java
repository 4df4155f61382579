package dev.switchboard.core.transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request about to be sent: immutable; {@link #withHeader} and {@link #withUri} return copies.
 *
 * @param method the HTTP method, upper case
 * @param uri the absolute URI, already encoded
 * @param headers header names (as given) to values, in insertion order
 * @param body the body bytes, empty for none
 */
public record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
  /** Copies the header map so the record stays immutable. */
  public Request {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns a copy with a header set, replacing any header of the same name (compared case-insensitively).
   *
   * @param name the header name
   * @param value the header value, already checked for CR and LF
   * @return the new request
   */
  public Request withHeader(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase(name)) {
        copy.put(k, v);
      }
    });
    copy.put(name, List.of(value));
    return new Request(method, uri, copy, body);
  }

  /**
   * Returns a copy with another URI.
   *
   * @param other the new absolute URI
   * @return the new request
   */
  public Request withUri(URI other) {
    return new Request(method, other, headers, body);
  }

  /**
   * Returns the first value of a header, compared case-insensitively.
   *
   * @param name the header name
   * @return the value, or null when absent
   */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** Returns the header names in lower case, for logs and records (values are never shown). */
  public List<String> headerNames() {
    List<String> out = new ArrayList<>();
    headers.keySet().forEach(k -> out.add(k.toLowerCase(Locale.ROOT)));
    return out;
  }

  @Override
  public String toString() {
    return method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + " (headers " + headerNames() + ")";
  }
}
