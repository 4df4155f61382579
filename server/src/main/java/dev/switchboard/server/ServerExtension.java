package dev.switchboard.server;

import io.javalin.config.RoutesConfig;

/**
 * More routes mounted on the server by another module (the studio's pages), given the service layer. The server's
 * Host and Origin checks run before them; they authenticate their callers themselves.
 */
@FunctionalInterface
public interface ServerExtension {
  /**
   * Adds routes.
   *
   * @param routes where
   * @param services the rules to go through
   */
  void addTo(RoutesConfig routes, Services services);
}
