package dev.switchboard.core.transport;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Follows redirects (301, 302, 303, 307, 308; at most {@value #MAX_REDIRECTS}) without ever sending
 * credentials to a host the connector did not name. A redirect to the same origin is followed as is; to a
 * host in the connector's {@code allowed_hosts}, it is followed with every credential header removed; to
 * any other host, it is not followed and the redirect response is returned (and reported as an error).
 * 303, and 301/302 after a POST, continue as a GET without a body (RFC 9110 section 15.4).
 */
public final class RedirectInterceptor implements Interceptor {
  /** The most redirects followed for one request. */
  public static final int MAX_REDIRECTS = 5;

  private final URI base;
  private final Predicate<URI> allowedHost;
  private final Set<String> credentialHeaders;

  /**
   * Creates the link.
   *
   * @param base the connector's base URL (its origin keeps credentials)
   * @param allowedHost whether another host may be followed to (without credentials)
   * @param credentialHeaders header names that carry credentials, any case (Authorization and the API key's header)
   */
  public RedirectInterceptor(URI base, Predicate<URI> allowedHost, Set<String> credentialHeaders) {
    this.base = base;
    this.allowedHost = allowedHost;
    Set<String> lower = new HashSet<>();
    credentialHeaders.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
    lower.add("authorization");
    lower.add("cookie");
    lower.add("proxy-authorization");
    this.credentialHeaders = Set.copyOf(lower);
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int hops = 0; hops < MAX_REDIRECTS && isRedirect(response.status()); hops++) {
      String location = response.header("location").orElse(null);
      if (location == null) {
        return response;
      }
      URI target;
      try {
        target = request.uri().resolve(location.strip());
      } catch (IllegalArgumentException e) {
        return response;
      }
      if (target.getScheme() == null || !(target.getScheme().equalsIgnoreCase("https") || target.getScheme().equalsIgnoreCase("http"))) {
        return response;
      }
      Request next = request.withUri(target);
      int status = response.status();
      if (status == 303 || ((status == 301 || status == 302) && "POST".equals(request.method()))) {
        Map<String, List<String>> headers = new LinkedHashMap<>(next.headers());
        headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type") || k.equalsIgnoreCase("content-length"));
        next = new Request("GET", target, headers, new byte[0]);
      }
      if (!sameOrigin(target, base)) {
        if (!allowedHost.test(target) || target.getScheme().equalsIgnoreCase("http") && base.getScheme().equalsIgnoreCase("https")) {
          return response;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(next.headers());
        headers.keySet().removeIf(k -> credentialHeaders.contains(k.toLowerCase(Locale.ROOT)));
        next = new Request(next.method(), target, headers, next.body());
      }
      request = next;
      response = chain.proceed(request);
    }
    return response;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Tells whether two URIs share scheme, host and port (RFC 6454 origin), with default ports filled in.
   *
   * @param a a URI
   * @param b another URI
   * @return true when a request to {@code a} may carry credentials meant for {@code b}
   */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
