package dev.switchboard.mcp.http;

import java.util.List;
import java.util.Objects;

/**
 * How the Streamable HTTP transport listens.
 *
 * @param host the address to bind: {@value #LOOPBACK} by default; a name or address, or {@code 0.0.0.0} for all
 * @param port the TCP port, 0 for a free one
 * @param apiKey the bearer key every request must carry
 * @param allowedOrigins browser origins allowed besides the server's own, such as {@code https://app.example.com};
 *     requests without an {@code Origin} header (non-browser clients) are allowed
 */
public record HttpOptions(String host, int port, ApiKey apiKey, List<String> allowedOrigins) {
  /** The default bind address. */
  public static final String LOOPBACK = "127.0.0.1";
  /** The endpoint path of the MCP transport. */
  public static final String ENDPOINT = "/mcp";

  /**
   * Checks the options.
   *
   * @param host the address to bind
   * @param port the TCP port, 0 for a free one
   * @param apiKey the bearer key
   * @param allowedOrigins browser origins allowed besides the server's own
   * @throws IllegalArgumentException for a port outside 0 to 65535, an empty host or an origin that is not
   *     {@code scheme://host[:port]}
   */
  public HttpOptions {
    Objects.requireNonNull(apiKey, "apiKey");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--host must name an address, such as 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port must be from 0 to 65535; got " + port);
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    for (String origin : allowedOrigins) {
      if (!origin.matches("https?://[^/\\s?#]+")) {
        throw new IllegalArgumentException("--allow-origin '" + origin + "' is not an origin; give scheme://host[:port],"
            + " such as https://app.example.com");
      }
    }
  }
}
