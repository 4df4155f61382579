package dev.switchboard.server;

import java.util.List;

/**
 * Where the server listens.
 *
 * @param host the address to bind: {@value #LOOPBACK} by default
 * @param port the TCP port ({@value #DEFAULT_PORT} by default), 0 for a free one
 * @param allowedOrigins browser origins allowed besides the server's own, such as {@code https://app.example.com}
 * @param allowedHosts {@code Host} values allowed besides the server's own names, such as a load balancer's
 *     {@code switchboard.example.com} (any port) or {@code 127.0.0.1:8080} (that port only)
 */
public record ServerOptions(String host, int port, List<String> allowedOrigins, List<String> allowedHosts) {
  /** The default bind address: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";
  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException for a port outside 0 to 65535, an empty host or an origin that is not
   *     {@code scheme://host[:port]}
   */
  public ServerOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--host must name an address, such as 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be from 0 to 65535; got " + port);
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    for (String origin : allowedOrigins) {
      if (!origin.matches("https?://[^/\\s?#]+")) {
        throw new IllegalArgumentException("--allow-origin '" + origin + "' is not an origin; give scheme://host[:port],"
            + " such as https://app.example.com");
      }
    }
    allowedHosts = List.copyOf(allowedHosts);
    for (String allowed : allowedHosts) {
      if (!allowed.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:\\d{1,5})?")) {
        throw new IllegalArgumentException("--allow-host '" + allowed + "' is not a host name with an optional port; give"
            + " name[:port], such as switchboard.example.com or 127.0.0.1:8080");
      }
    }
  }

  /**
   * Options without extra allowed hosts.
   *
   * @param host the address to bind
   * @param port the TCP port, 0 for a free one
   * @param allowedOrigins browser origins allowed besides the server's own
   */
  public ServerOptions(String host, int port, List<String> allowedOrigins) {
    this(host, port, allowedOrigins, List.of());
  }
}
