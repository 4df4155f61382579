package dev.switchboard.core.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code RateLimit} and {@code RateLimit-Policy} fields of draft-ietf-httpapi-ratelimit-headers (revision 11,
 * https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/): each a Structured Fields list (RFC 9651)
 * of items named by policy, such as {@code RateLimit: "default";r=50;t=30} (r: quota left; t: seconds until the
 * window resets) and {@code RateLimit-Policy: "default";q=100;w=60} (q: quota; w: window in seconds). Read
 * leniently: members that cannot be read are skipped.
 */
final class IetfRateLimit {
  private IetfRateLimit() {}

  /**
   * The most constraining service limit.
   *
   * @param limit the quota of its policy, or -1 when no policy of that name was sent
   * @param remaining the quota left
   * @param resetSeconds seconds until the window resets ({@code t}, else the policy's window {@code w}), or -1
   */
  record Window(long limit, long remaining, long resetSeconds) {}

  /**
   * Reads the fields of one response.
   *
   * @param rateLimit the values of every {@code RateLimit} field line
   * @param policy the values of every {@code RateLimit-Policy} field line
   * @return the member with the least quota left, or empty when no member has an {@code r}
   */
  static Optional<Window> read(List<String> rateLimit, List<String> policy) {
    Map<String, Map<String, String>> policies = new LinkedHashMap<>();
    for (String line : policy) {
      for (Member m : members(line)) {
        policies.putIfAbsent(m.name, m.parameters);
      }
    }
    Window best = null;
    for (String line : rateLimit) {
      for (Member m : members(line)) {
        long r = integer(m.parameters.get("r"));
        if (r < 0) {
          continue;
        }
        Map<String, String> p = policies.getOrDefault(m.name, Map.of());
        long t = integer(m.parameters.get("t"));
        Window w = new Window(integer(p.get("q")), r, t >= 0 ? t : integer(p.get("w")));
        if (best == null || w.remaining < best.remaining) {
          best = w;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private record Member(String name, Map<String, String> parameters) {}

  /** Splits a list into members (commas outside quoted strings), each a name and its {@code ;key=value} parameters. */
  private static List<Member> members(String line) {
    List<Member> out = new ArrayList<>();
    for (String member : split(line, ',')) {
      List<String> parts = split(member, ';');
      if (parts.isEmpty()) {
        continue;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (String part : parts.subList(1, parts.size())) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          parameters.put(part.substring(0, eq).strip(), unquote(part.substring(eq + 1).strip()));
        }
      }
      out.add(new Member(unquote(parts.get(0).strip()), parameters));
    }
    return out;
  }

  private static List<String> split(String text, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
  }

  private static long integer(String value) {
    if (value == null) {
      return -1;
    }
    try {
      long v = Long.parseLong(value);
      return v >= 0 ? v : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
