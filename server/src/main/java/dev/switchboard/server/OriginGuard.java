package dev.switchboard.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Host and Origin checks of {@code switchboard mcp --http} (see the mcp module's {@code RequestGuard} and
 * docs/mcp.md), applied to every request of the server: {@code Host} must name this server (a loopback name or the
 * bound host, with the bound port; any name when bound to a wildcard address), otherwise 421, which defeats DNS
 * rebinding; a browser's {@code Origin} must be the server's own or one allowed with {@code --allow-origin},
 * otherwise 403 (MCP specification 2025-06-18, "Transports": servers must validate Origin).
 */
final class OriginGuard {
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final boolean anyHost;
  private final Set<String> hostNames = new LinkedHashSet<>();
  private final List<String> allowedOrigins;
  private final Set<String> allowedHosts = new LinkedHashSet<>();

  OriginGuard(String boundHost, List<String> allowedOrigins) {
    this(boundHost, allowedOrigins, List.of());
  }

  /**
   * @param boundHost the address bound
   * @param allowedOrigins browser origins allowed besides the server's own
   * @param allowedHosts Host values allowed besides the server's own names ({@code --allow-host}, such as a load
   *     balancer's name): {@code name} for any port, {@code name:port} for that port
   */
  OriginGuard(String boundHost, List<String> allowedOrigins, List<String> allowedHosts) {
    allowedHosts.forEach(h -> this.allowedHosts.add(h.toLowerCase(Locale.ROOT)));
    String bound = boundHost.toLowerCase(Locale.ROOT);
    this.anyHost = bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("[::]");
    this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    hostNames.addAll(LOOPBACK_NAMES);
    if (!anyHost) {
      hostNames.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
    }
  }

  /**
   * Checks a request; answers preflight requests of allowed origins.
   *
   * @return true when the request may go on
   * @throws ApiProblem 421 for a Host that does not name this server, 403 for an origin not allowed
   */
  boolean admit(HttpServletRequest request, HttpServletResponse response) {
    int port = request.getLocalPort();
    String host = request.getHeader("Host");
    if (!anyHost && !hostAllowed(host, port)) {
      throw new ApiProblem(421, "Host", "the Host header " + quote(host) + " does not name this server; use http://127.0.0.1:" + port
          + ", or, behind a load balancer or proxy that forwards that Host, start the server with --allow-host naming it");
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    if (!originAllowed(origin, port)) {
      throw new ApiProblem(403, "Origin", "requests from the origin " + quote(origin) + " are not allowed; start the server"
          + " with --allow-origin " + quote(origin).replace("'", "") + " to allow them");
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Vary", "Origin");
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID");
    response.setHeader("Access-Control-Expose-Headers", "Mcp-Session-Id");
    if ("OPTIONS".equals(request.getMethod())) {
      response.setStatus(204);
      return false;
    }
    return true;
  }

  private boolean hostAllowed(String host, int port) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (allowedHosts.contains(h) || allowedHosts.contains(h.replaceFirst(":\\d+$", ""))) {
      return true;
    }
    int colon = h.lastIndexOf(':');
    String name = h;
    String givenPort = port == 80 ? "80" : null;
    if (colon > 0 && colon > h.lastIndexOf(']')) {
      name = h.substring(0, colon);
      givenPort = h.substring(colon + 1);
    }
    return hostNames.contains(name) && String.valueOf(port).equals(givenPort);
  }

  private boolean originAllowed(String origin, int port) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    if (allowedOrigins.contains(o)) {
      return true;
    }
    if (anyHost) {
      return false;
    }
    for (String name : hostNames) {
      if (o.equals("http://" + name + ":" + port) || port == 80 && o.equals("http://" + name)) {
        return true;
      }
    }
    return false;
  }

  static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String v = value.length() > 100 ? value.substring(0, 100) + "..." : value;
    return "'" + v.replaceAll("[\\p{Cntrl}\"\\\\]", "?") + "'";
  }
}
