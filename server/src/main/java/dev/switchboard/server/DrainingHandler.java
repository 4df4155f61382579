package dev.switchboard.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Lets the requests in flight finish when the server stops (SIGTERM, a rolling restart behind a load balancer),
 * with Jetty's graceful stop: the port stops accepting at once, a request already being served gets its answer
 * (for at most {@link SwitchboardServer#STOP_TIMEOUT_MS}), a new request on a kept-alive connection gets 503. Without
 * it a call that had reached the upstream service was cut, and the balancer answered 502 for a call that was done.
 * MCP's event streams ({@code GET /mcp}) are not waited for: they last until the client goes.
 */
final class DrainingHandler extends GracefulHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if ("GET".equals(request.getMethod()) && McpEndpoint.PATH.equals(Request.getPathInContext(request))) {
      Handler next = getHandler();
      return next != null && next.handle(request, response, callback);
    }
    return super.handle(request, response, callback);
  }
}
