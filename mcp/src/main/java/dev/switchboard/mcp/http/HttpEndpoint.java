package dev.switchboard.mcp.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A running Streamable HTTP endpoint: Jetty 12 serving the SDK's transport servlet at {@value HttpOptions#ENDPOINT},
 * behind the {@link RequestGuard}. Closing it closes the MCP server, then stops Jetty, waiting at most
 * {@value #STOP_GRACE_MS} ms for requests in flight (an open SSE stream is cut).
 */
public final class HttpEndpoint implements AutoCloseable {
  /** How long closing waits for requests in flight, in milliseconds, before cutting connections. */
  public static final long STOP_GRACE_MS = 1000;
  private final Server jetty;
  private final ServerConnector connector;
  private final Runnable onClose;

  private HttpEndpoint(Server jetty, ServerConnector connector, Runnable onClose) {
    this.jetty = jetty;
    this.connector = connector;
    this.onClose = onClose;
  }

  /**
   * Starts Jetty.
   *
   * @param options where to listen and what to check
   * @param transport the SDK's transport servlet
   * @param onClose what closes the MCP server on {@link #close()}
   * @return the running endpoint
   * @throws IllegalStateException when the address cannot be bound (the message names it)
   */
  public static HttpEndpoint start(HttpOptions options, HttpServlet transport, Runnable onClose) {
    Server jetty = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    FilterHolder guard = new FilterHolder(new RequestGuard(options));
    guard.setAsyncSupported(true);
    context.addFilter(guard, "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, HttpOptions.ENDPOINT);
    jetty.setHandler(context);
    jetty.setStopTimeout(STOP_GRACE_MS);
    try {
      jetty.start();
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // nothing more to release
      }
      throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
    return new HttpEndpoint(jetty, connector, onClose);
  }

  /** {@return the port listened on (the free port picked when 0 was asked for)} */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@return the endpoint's URL, such as {@code http://127.0.0.1:8080/mcp}} */
  public URI uri() {
    String host = connector.getHost();
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + HttpOptions.ENDPOINT);
  }

  /**
   * Waits until the endpoint stops.
   *
   * @throws InterruptedException when interrupted
   */
  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      onClose.run();
    } finally {
      try {
        jetty.stop();
      } catch (java.util.concurrent.TimeoutException e) {
        // Requests still open after the grace period (such as a client's SSE stream) were cut; Jetty is stopped.
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the HTTP endpoint: " + e, e);
      }
    }
  }
}
