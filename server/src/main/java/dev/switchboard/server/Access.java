package dev.switchboard.server;

import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import dev.switchboard.workspace.Workspace;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * Who is calling: every request carries an access key as {@code Authorization: Bearer <key>}, looked up by its hash;
 * otherwise 401 with {@code WWW-Authenticate: Bearer} (RFC 6750). The REST API needs an {@code admin} key; agent
 * keys only call tools over MCP ({@code /mcp}), so they get 403 here.
 */
final class Access {
  static final String ATTRIBUTE = "switchboard.caller";
  private final Workspace workspace;

  /**
   * The caller of a request.
   *
   * @param key the access key it presented
   */
  record Caller(AccessKey key) {
    String name() {
      return key.name();
    }
  }

  /** A route's handler, given the authenticated caller. */
  @FunctionalInterface
  interface Route {
    void handle(Context ctx, Caller caller) throws Exception;
  }

  Access(Workspace workspace) {
    this.workspace = workspace;
  }

  /**
   * Authenticates a request.
   *
   * @return the caller
   * @throws ApiProblem 401 when no live key was presented
   */
  Caller authenticate(Context ctx) {
    Caller known = ctx.attribute(ATTRIBUTE);
    if (known != null) {
      return known;
    }
    String authorization = ctx.header("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"switchboard\"");
      throw new ApiProblem(401, "Authorization", "this server needs an access key as 'Authorization: Bearer <key>' (the admin"
          + " key printed at first start, SWITCHBOARD_ADMIN_KEY, or a key made with POST /api/keys)");
    }
    Optional<AccessKey> key = workspace.keys().authenticate(authorization.substring(7).strip());
    if (key.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"switchboard\", error=\"invalid_token\"");
      throw new ApiProblem(401, "Authorization", "the access key is unknown or revoked");
    }
    Caller caller = new Caller(key.get());
    ctx.attribute(ATTRIBUTE, caller);
    return caller;
  }

  /** Wraps a route that needs an admin key. */
  Handler admin(Route route) {
    return ctx -> {
      Caller caller = authenticate(ctx);
      if (caller.key().role() != Role.ADMIN) {
        throw new ApiProblem(403, "Authorization", "key '" + caller.name() + "' is an agent key: it may only call tools over"
            + " MCP at /mcp; the REST API needs an admin key");
      }
      route.handle(ctx, caller);
    };
  }

  /** {@return the caller an earlier check stored on the request} */
  static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("no caller on " + ctx.path() + ": the route is not wrapped by Access");
    }
    return caller;
  }
}
