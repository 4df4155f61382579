package dev.switchboard.studio;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client of the studio for tests without a browser: it keeps cookies and finds the CSRF token. */
final class StudioHttp {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  final URI base;
  String csrf = "";
  /** A session cookie to send as it is (another browser's, in a test of sessions across instances), or null. */
  String cookie;

  StudioHttp(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).GET());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts a form with the CSRF token in htmx's header, as the studio's htmx requests do. */
  HttpResponse<String> postWithCsrfHeader(String path, Map<String, String> form, String token) {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("HX-Request", "true").header(StudioAccess.CSRF_HEADER, token).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts a form with the CSRF token, as the studio's forms do. */
  HttpResponse<String> postForm(String path, Map<String, String> form) {
    Map<String, String> all = new LinkedHashMap<>(form);
    all.put("_csrf", csrf);
    return post(path, all);
  }

  HttpResponse<String> signIn(String key) {
    get("/login");
    return post("/login", Map.of("key", key, "next", "/connectors"));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      if (cookie != null) {
        b.header("Cookie", StudioAccess.COOKIE + "=" + cookie);
      }
      return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
