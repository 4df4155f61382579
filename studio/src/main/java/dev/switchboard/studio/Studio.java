package dev.switchboard.studio;

import dev.switchboard.server.ServerExtension;
import dev.switchboard.server.Services;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The studio, mounted on {@code switchboard serve} at {@code /}: connectors, actions, runs, audit and agents as
 * server-rendered pages (JTE, precompiled) that htmx updates a fragment at a time, as in "Hypermedia Systems": each
 * endpoint answers the HTML it changes. Everything it shows or changes goes through the server's service layer, the
 * same rules as the REST API. Its scripts and styles come from the jar (htmx from its WebJar, {@code studio.js},
 * {@code studio.css}): no Node build, no CDN, no inline script.
 */
public final class Studio implements ServerExtension {
  /** The htmx version served, from the WebJar on the class path. */
  static final String HTMX_VERSION = "2.0.8";
  private static final Map<String, String> STATIC = Map.of(
      "htmx.min.js", "META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js",
      "studio.js", "switchboard/studio/static/studio.js",
      "studio.css", "switchboard/studio/static/studio.css",
      "logo.svg", "switchboard/studio/static/logo.svg");

  @Override
  public void addTo(RoutesConfig routes, Services services) {
    Templates templates = new Templates();
    StudioAccess access = new StudioAccess(services.keys());
    Map<String, byte[]> assets = new java.util.HashMap<>();
    STATIC.forEach((name, resource) -> assets.put(name, read(resource)));
    routes.get("/static/{file}", ctx -> {
      byte[] bytes = assets.get(ctx.pathParam("file"));
      StudioAccess.secure(ctx);
      if (bytes == null) {
        ctx.status(404).result("");
        return;
      }
      String file = ctx.pathParam("file");
      ctx.header("Cache-Control", "public, max-age=3600");
      ctx.contentType(file.endsWith(".js") ? "text/javascript; charset=utf-8" : file.endsWith(".css") ? "text/css; charset=utf-8"
          : "image/svg+xml").result(bytes);
    });
    routes.get("/", ctx -> {
      StudioAccess.secure(ctx);
      ctx.redirect(access.visit(ctx).isPresent() ? "/connectors" : "/login", HttpStatus.SEE_OTHER);
    });
    routes.get("/login", ctx -> login(ctx, templates, Optional.empty()));
    routes.post("/login", ctx -> {
      StudioAccess.secure(ctx);
      Optional<AccessKey> key = services.keys().authenticate(Optional.ofNullable(ctx.formParam("key")).orElse(""));
      if (key.isEmpty()) {
        ctx.status(401);
        login(ctx, templates, Optional.of("That key is unknown or revoked. Use the admin key 'switchboard serve' printed at first"
            + " start (or SWITCHBOARD_ADMIN_KEY)."));
        return;
      }
      if (key.get().role() != Role.ADMIN) {
        ctx.status(403);
        login(ctx, templates, Optional.of("Key '" + key.get().name() + "' is an agent key: it can only call tools over MCP. Sign in"
            + " with an admin key."));
        return;
      }
      access.signIn(ctx, key.get());
      String next = Optional.ofNullable(ctx.formParam("next")).filter(n -> n.matches("/[a-z][A-Za-z0-9_/@.-]*")).orElse("/connectors");
      ctx.redirect(next, HttpStatus.SEE_OTHER);
    });
    routes.post("/logout", access.page((ctx, visit) -> {
      access.signOut(ctx);
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }));
    new ConnectorPages(services, templates).addTo(routes, access);
    new ActionPages(services, templates).addTo(routes, access);
    new HistoryPages(services, templates).addTo(routes, access);
    new AgentPages(services, templates).addTo(routes, access);
  }

  private static void login(Context ctx, Templates templates, Optional<String> problem) {
    StudioAccess.secure(ctx);
    String next = Optional.ofNullable(ctx.queryParam("next")).orElse(Optional.ofNullable(ctx.formParam("next")).orElse("/connectors"));
    templates.render(ctx, "login.jte", "problem", problem, "next", next);
  }

  private static byte[] read(String resource) {
    try (InputStream in = Objects.requireNonNull(Studio.class.getClassLoader().getResourceAsStream(resource), resource + " is missing")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
