package dev.switchboard.core.definition;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a connector's base URL must meet, checked when a literal base URL is loaded and when a templated
 * one is rendered: an absolute {@code https} URL with a host and a valid port, without user info, query or
 * fragment; plain {@code http} only to a loopback host, so credentials never travel unencrypted.
 */
public final class BaseUrl {
  private BaseUrl() {}

  /**
   * Checks a base URL.
   *
   * @param text the URL as rendered
   * @return the parsed URL, or empty when {@link #problem} has something to say
   */
  public static Optional<URI> parse(String text) {
    return problem(text) == null ? Optional.of(URI.create(text.strip())) : Optional.empty();
  }

  /**
   * Says what is wrong with a base URL.
   *
   * @param text the URL as rendered
   * @return the problem, or null when the URL is usable
   */
  public static String problem(String text) {
    String t = text.strip();
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      return "'" + t + "' is not a valid URL (" + e.getReason() + "); expected something like https://api.example.com";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      return "'" + t + "' must be an absolute https:// URL with a host, such as https://api.example.com";
    }
    if (uri.getPort() > 65535) {
      return "'" + t + "' has port " + uri.getPort() + "; a port is 1 to 65535";
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "the base URL may not hold user info, a query or a fragment; give only scheme, host, port and path";
    }
    if (uri.getRawPath() != null && Arrays.stream(uri.getRawPath().split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
      return "'" + t + "' has '.' or '..' in its path; give the path exactly";
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      return "the base URL " + t + " is plain http, so credentials would travel unencrypted; use https:// (http is allowed"
          + " only for 127.0.0.1, ::1 and localhost)";
    }
    return null;
  }

  /**
   * Says what is wrong with a base URL whose path repeats the start of the actions' paths, such as Okta's org URL
   * given as {@code https://dev-123456.okta.com/api/v1} for actions on {@code /api/v1/users}, which would send
   * requests to {@code /api/v1/api/v1/users}.
   *
   * @param baseUrl the base URL as rendered and checked by {@link #problem}
   * @param actions the connector's actions
   * @return the problem, naming the path to drop and the URL without it, or empty when no action's path starts with
   *     the base URL's path
   */
  public static Optional<String> repeatedPath(URI baseUrl, Collection<ActionDefinition> actions) {
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
    if (path.isEmpty()) {
      return Optional.empty();
    }
    return actions.stream().filter(a -> !a.compound()).map(a -> a.path().source())
        .filter(p -> p.equals(path) || p.startsWith(path + "/")).findFirst()
        .map(p -> "the base URL " + baseUrl + " ends with " + path + ", which the actions' paths already start with"
            + " (such as " + p + "), so requests would go to " + path + p + ": drop " + path + " and give "
            + baseUrl.getScheme() + "://" + baseUrl.getRawAuthority());
  }

  /**
   * Tells whether a host is this machine's loopback ({@code localhost}, 127.0.0.0/8, ::1), without DNS.
   *
   * @param host a host name or literal address
   * @return true for loopback
   */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
