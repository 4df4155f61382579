package dev.switchboard.core.paging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One link of an HTTP {@code Link} header (RFC 8288, section 3).
 *
 * @param target the URI reference between {@code <} and {@code >}, unresolved
 * @param relations the link relation types of its {@code rel} parameter, lower case (a {@code rel} may hold
 *     several, separated by spaces)
 * @param parameters every parameter by lower-case name, unquoted (the first occurrence wins, as the RFC says)
 */
public record Link(String target, Set<String> relations, Map<String, String> parameters) {
  /**
   * Parses every link of every {@code Link} header value. Okta sends each relation as a separate header
   * line; other servers join links with commas in one line; both are read. Malformed links are skipped.
   *
   * @param headerValues the values of every {@code Link} header of a response
   * @return the links in order
   */
  public static List<Link> parse(List<String> headerValues) {
    List<Link> out = new ArrayList<>();
    for (String value : headerValues) {
      parseOne(value, out);
    }
    return out;
  }

  private static void parseOne(String value, List<Link> out) {
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && (value.charAt(i) == ',' || Character.isWhitespace(value.charAt(i)))) {
        i++;
      }
      if (i >= n) {
        return;
      }
      if (value.charAt(i) != '<') {
        i = skipToNextLink(value, i);
        continue;
      }
      int close = value.indexOf('>', i);
      if (close < 0) {
        return;
      }
      String target = value.substring(i + 1, close).strip();
      i = close + 1;
      Map<String, String> params = new LinkedHashMap<>();
      while (i < n) {
        while (i < n && Character.isWhitespace(value.charAt(i))) {
          i++;
        }
        if (i >= n || value.charAt(i) != ';') {
          break;
        }
        i++;
        while (i < n && Character.isWhitespace(value.charAt(i))) {
          i++;
        }
        int nameStart = i;
        while (i < n && value.charAt(i) != '=' && value.charAt(i) != ';' && value.charAt(i) != ',' && !Character.isWhitespace(value.charAt(i))) {
          i++;
        }
        String name = value.substring(nameStart, i).toLowerCase(Locale.ROOT);
        while (i < n && Character.isWhitespace(value.charAt(i))) {
          i++;
        }
        String paramValue = "";
        if (i < n && value.charAt(i) == '=') {
          i++;
          while (i < n && Character.isWhitespace(value.charAt(i))) {
            i++;
          }
          if (i < n && value.charAt(i) == '"') {
            StringBuilder quoted = new StringBuilder();
            i++;
            while (i < n && value.charAt(i) != '"') {
              if (value.charAt(i) == '\\' && i + 1 < n) {
                i++;
              }
              quoted.append(value.charAt(i++));
            }
            i++;
            paramValue = quoted.toString();
          } else {
            int start = i;
            while (i < n && value.charAt(i) != ';' && value.charAt(i) != ',') {
              i++;
            }
            paramValue = value.substring(start, i).strip();
          }
        }
        if (!name.isEmpty()) {
          params.putIfAbsent(name, paramValue);
        }
      }
      Set<String> relations = Arrays.stream(params.getOrDefault("rel", "").split("\\s+"))
          .filter(s -> !s.isEmpty())
          .map(s -> s.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
      out.add(new Link(target, relations, Map.copyOf(params)));
    }
  }

  private static int skipToNextLink(String value, int from) {
    int next = value.indexOf(",", from);
    return next < 0 ? value.length() : next + 1;
  }
}
