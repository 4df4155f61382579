package dev.switchboard.mcp.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Guards the MCP endpoint, in this order:
 *
 * <ol>
 *   <li>{@code Host} must name this server: a loopback name ({@code 127.0.0.1}, {@code localhost},
 *       {@code [::1]}) or the bound host, with the bound port; otherwise 421. This defeats DNS rebinding, where a
 *       page on an attacker's domain that resolves to 127.0.0.1 reaches a local server. When bound to a wildcard
 *       address ({@code 0.0.0.0}, {@code ::}) any host name is accepted.</li>
 *   <li>{@code Origin}, when present (browsers send it), must be this server's own origin or one given with
 *       {@code --allow-origin}; otherwise 403 (MCP specification 2025-06-18, "Transports", security warning:
 *       servers must validate Origin). Allowed origins get CORS headers, and their preflight requests 204.</li>
 *   <li>{@code Authorization: Bearer <key>} must carry the API key; otherwise 401 with
 *       {@code WWW-Authenticate: Bearer} (RFC 6750).</li>
 * </ol>
 *
 * <p>Rejections have a JSON-RPC error body ({@code {"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":...}}})
 * whose message says what was wrong; they never echo the key.
 */
final class RequestGuard implements Filter {
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final HttpOptions options;
  private final boolean anyHost;
  private final Set<String> hostNames = new LinkedHashSet<>();

  RequestGuard(HttpOptions options) {
    this.options = options;
    String bound = options.host().toLowerCase(Locale.ROOT);
    this.anyHost = bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("[::]");
    hostNames.addAll(LOOPBACK_NAMES);
    if (!anyHost) {
      hostNames.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    int port = request.getLocalPort();
    String host = request.getHeader("Host");
    if (!anyHost && !hostAllowed(host, port)) {
      reject(response, 421, "the Host header " + quote(host) + " does not name this server; use http://127.0.0.1:" + port
          + HttpOptions.ENDPOINT);
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null) {
      if (!originAllowed(origin, port)) {
        reject(response, 403, "requests from the origin " + quote(origin) + " are not allowed; start the server with"
            + " --allow-origin " + origin + " to allow them");
        return;
      }
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Vary", "Origin");
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
      response.setHeader("Access-Control-Allow-Headers",
          "Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID");
      response.setHeader("Access-Control-Expose-Headers", "Mcp-Session-Id");
      if ("OPTIONS".equals(request.getMethod())) {
        response.setStatus(204);
        return;
      }
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
      reject(response, 401, "this server needs its API key as 'Authorization: Bearer <key>' (the key printed when the"
          + " server started, or the value of " + ApiKey.ENV + ")");
      return;
    }
    if (!options.apiKey().matches(authorization.substring(7).strip())) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\", error=\"invalid_token\"");
      reject(response, 401, "the API key is not this server's");
      return;
    }
    ErrorBodies answer = new ErrorBodies(response);
    chain.doFilter(req, answer);
    answer.finish();
  }

  private boolean hostAllowed(String host, int port) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
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
    for (String allowed : options.allowedOrigins()) {
      if (allowed.toLowerCase(Locale.ROOT).equals(o)) {
        return true;
      }
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

  private static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String v = value.length() > 100 ? value.substring(0, 100) + "..." : value;
    return "'" + v.replaceAll("[\\p{Cntrl}\"\\\\]", "?") + "'";
  }

  private static void reject(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    String body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\""
        + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
