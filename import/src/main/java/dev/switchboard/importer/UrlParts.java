package dev.switchboard.importer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL taken apart by hand rather than by {@link java.net.URI}, because pasted URLs hold placeholders that are
 * not valid URI characters ({@code https://${yourOktaDomain}/api/v1/users/{id}}).
 *
 * @param scheme {@code https} or {@code http}
 * @param schemeGiven whether the URL stated it (curl assumes one when it does not)
 * @param host the host and port as written (it may be a placeholder)
 * @param userInfo the {@code user:password} before {@code @} in the authority, if any
 * @param segments the path's segments, still percent-encoded, without empty ones
 * @param trailingSlash whether the path ends with {@code /}
 * @param query the query's parameters, decoded, in order
 */
public record UrlParts(String scheme, boolean schemeGiven, String host, Optional<String> userInfo, List<String> segments,
    boolean trailingSlash, List<QueryParameter> query) {

  /**
   * One query parameter.
   *
   * @param name the decoded name
   * @param value the decoded value ({@code +} read as a space, as forms write it)
   * @param hasValue false for a bare {@code ?flag}
   */
  public record QueryParameter(String name, String value, boolean hasValue) {}

  /**
   * Parses a URL.
   *
   * @param url the URL as given
   * @return its parts
   * @throws ImportException when it is not an http or https URL or has no host
   */
  public static UrlParts parse(String url) {
    String rest = url.strip();
    String scheme = "https";
    boolean given = false;
    int sep = rest.indexOf("://");
    if (sep > 0 && rest.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
      given = true;
      rest = rest.substring(sep + 3);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new ImportException("'" + shorten(url) + "' is a " + scheme + ": URL; Switchboard calls https:// APIs");
      }
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String queryText = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      queryText = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String authority = slash >= 0 ? rest.substring(0, slash) : rest;
    String path = slash >= 0 ? rest.substring(slash) : "";
    // a placeholder host such as {{baseUrl}} may hold its own slashes: keep {...} together
    if (authority.contains("{") && !authority.contains("}") && rest.contains("}")) {
      int close = rest.indexOf('}', authority.length()) + 1;
      while (close < rest.length() && rest.charAt(close) == '}') {
        close++;
      }
      authority = rest.substring(0, close);
      path = rest.substring(close);
    }
    Optional<String> userInfo = Optional.empty();
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = Optional.of(authority.substring(0, at));
      authority = authority.substring(at + 1);
    }
    if (authority.isEmpty()) {
      throw new ImportException("'" + shorten(url) + "' has no host; give a full URL such as https://api.example.com/v1/items");
    }
    List<String> segments = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    List<QueryParameter> query = new ArrayList<>();
    if (!queryText.isEmpty()) {
      for (String pair : queryText.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        query.add(new QueryParameter(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)), eq >= 0));
      }
    }
    return new UrlParts(scheme, given, authority, userInfo, List.copyOf(segments), path.length() > 1 && path.endsWith("/"),
        List.copyOf(query));
  }

  /** Decodes form-style percent-encoding, leaving malformed escapes as written. */
  public static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** Returns the base URL: scheme and host. */
  public String origin() {
    return scheme + "://" + host;
  }

  /** Returns the host without its port, lower case. */
  public String hostName() {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return h.substring(0, h.indexOf(']') + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon > 0 && h.substring(colon + 1).matches("\\d+") ? h.substring(0, colon) : h;
  }

  /** Tells whether the host is a loopback address, where plain http is allowed. */
  public boolean loopback() {
    String h = hostName();
    return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
  }

  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
