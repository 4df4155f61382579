package dev.switchboard.studio;

import dev.switchboard.server.KeyService;
import dev.switchboard.workspace.SessionRepository;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who is using the studio: a login with an admin key opens a session kept in the workspace's database (so it survives
 * a restart and works on another instance); the browser holds its token in the cookie {@value #COOKIE} (HttpOnly,
 * SameSite=Strict, Secure when the request came over HTTPS). Every request that changes something must carry the
 * session's CSRF token (form field {@value #CSRF_FIELD} or header {@value #CSRF_HEADER}), an HMAC-SHA256 of a fixed
 * label under the session token, so it is checked without storing it. Every answer carries the security headers:
 * a Content-Security-Policy allowing only the server's own scripts and styles (no inline script), no framing, no
 * sniffing, no referrer.
 */
final class StudioAccess {
  /** The session cookie's name. */
  static final String COOKIE = "sb_session";
  /** The CSRF form field. */
  static final String CSRF_FIELD = "_csrf";
  /** The CSRF header htmx sends. */
  static final String CSRF_HEADER = "X-CSRF-Token";
  /** The Content-Security-Policy of every studio answer. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
      + " font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final KeyService keys;

  StudioAccess(KeyService keys) {
    this.keys = keys;
  }

  /** A studio page's handler, given the signed-in visit. */
  @FunctionalInterface
  interface PageHandler {
    void handle(Context ctx, Visit visit) throws Exception;
  }

  /** Sets the security headers every studio answer carries. */
  static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }

  /** Wraps a page that needs a signed-in admin; unsafe methods also need the CSRF token. */
  Handler page(PageHandler page) {
    return ctx -> {
      secure(ctx);
      Optional<Visit> visit = visit(ctx);
      if (visit.isEmpty()) {
        String next = ctx.method().name().equals("GET") ? ctx.path() : "/";
        if (ctx.header("HX-Request") != null) {
          ctx.header("HX-Redirect", "/login");
          ctx.status(401);
          return;
        }
        ctx.redirect("/login?next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
      if (!ctx.method().name().equals("GET") && !csrfMatches(ctx, visit.get())) {
        ctx.status(403).contentType("text/html; charset=utf-8")
            .result("<p class=\"alert alert-error\" role=\"alert\">This form is out of date (its security token does not match your"
                + " session). Reload the page and try again.</p>");
        return;
      }
      page.handle(ctx, visit.get());
    };
  }

  /** {@return the signed-in visit of a request, when its cookie names a live session of a live admin key} */
  Optional<Visit> visit(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token == null) {
      return Optional.empty();
    }
    Optional<SessionRepository.Session> session = keys.session(token);
    return session.filter(s -> s.key().role() == dev.switchboard.workspace.Role.ADMIN).map(s -> new Visit(s.key(), csrf(token)));
  }

  /** Opens a session and sets its cookie. */
  void signIn(Context ctx, dev.switchboard.workspace.AccessKey key) {
    String token = keys.openSession(key);
    Cookie cookie = new Cookie(COOKIE, token);
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setPath("/");
    cookie.setMaxAge((int) SessionRepository.LIFETIME.toSeconds());
    cookie.setSecure("https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || ctx.scheme().equals("https"));
    ctx.cookie(cookie);
  }

  /** Closes the request's session and clears its cookie. */
  void signOut(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token != null) {
      keys.closeSession(token);
    }
    Cookie cookie = new Cookie(COOKIE, "");
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setPath("/");
    cookie.setMaxAge(0);
    ctx.cookie(cookie);
  }

  private static boolean csrfMatches(Context ctx, Visit visit) {
    String given = ctx.header(CSRF_HEADER);
    if (given == null) {
      given = ctx.formParam(CSRF_FIELD);
    }
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), visit.csrf().getBytes(StandardCharsets.UTF_8));
  }

  /** {@return the CSRF token of a session token: HMAC-SHA256 of "switchboard-studio-csrf" under it, base64url} */
  static String csrf(String sessionToken) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("switchboard-studio-csrf".getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
