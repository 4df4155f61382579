package dev.switchboard.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A small in-test API on a free loopback port, answering as Okta does (Link-header paging with an opaque
 * {@code after}, error bodies with errorCode and errorSummary): {@code GET /items} lists {@link #TOTAL} items,
 * {@code GET /items/ID} gets one, {@code DELETE /items/ID} deletes one (204), {@code POST /items/ID/archive}
 * archives one. Every request must carry {@code Authorization: Key <key>}. Requests are recorded.
 */
final class ShopApi implements AutoCloseable {
  static final int TOTAL = 120;
  static final String KEY = "shop-canary-secret-7f3a9c2e";

  /** A recorded request: method and path with query. */
  record Seen(String method, String target) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final Set<String> deleted = ConcurrentHashMap.newKeySet();
  final Set<String> archived = ConcurrentHashMap.newKeySet();
  private final HttpServer server;

  ShopApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long count(String method, String target) {
    return seen.stream().filter(s -> s.method().equals(method) && s.target().equals(target)).count();
  }

  static String item(int i) {
    return "{\"id\":\"it" + i + "\",\"name\":\"Item " + i + "\",\"tag\":\"" + (i % 2 == 0 ? "red" : "blue")
        + "\",\"notes\":\"" + "n".repeat(i % 17) + "\",\"internal\":{\"cost\":" + i + "}}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    seen.add(new Seen(method, path + (query == null ? "" : "?" + query)));
    if (!("Key " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorCauses\":[]}", List.of());
      return;
    }
    String[] parts = path.split("/");
    if (method.equals("GET") && path.equals("/items")) {
      Map<String, String> q = query(query);
      int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
      int start = q.containsKey("after") ? Integer.parseInt(q.get("after").substring(3)) + 1 : 0;
      String tag = q.get("tag");
      List<Integer> all = java.util.stream.IntStream.range(0, TOTAL).boxed()
          .filter(i -> tag == null || (i % 2 == 0 ? "red" : "blue").equals(tag))
          .filter(i -> !deleted.contains("it" + i)).toList();
      List<Integer> page = all.stream().filter(i -> i >= start).limit(limit).toList();
      String body = page.stream().map(ShopApi::item).collect(Collectors.joining(",", "[", "]"));
      boolean more = !page.isEmpty() && all.get(all.size() - 1) > page.get(page.size() - 1);
      List<String> links = more
          ? List.of("<" + url() + "/items?after=cur" + page.get(page.size() - 1) + "&limit=" + limit
              + (tag == null ? "" : "&tag=" + tag) + ">; rel=\"next\"")
          : List.of();
      send(exchange, 200, body, links);
    } else if (parts.length == 3 && parts[1].equals("items") && (method.equals("GET") || method.equals("DELETE"))) {
      String id = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
      int n = id.matches("it\\d+") ? Integer.parseInt(id.substring(2)) : -1;
      if (n < 0 || n >= TOTAL || deleted.contains(id)) {
        send(exchange, 404, "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not found: " + id
            + " (Item)\",\"errorCauses\":[]}", List.of());
      } else if (method.equals("DELETE")) {
        deleted.add(id);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      } else {
        send(exchange, 200, item(n), List.of());
      }
    } else if (parts.length == 4 && parts[1].equals("items") && parts[3].equals("archive") && method.equals("POST")) {
      archived.add(parts[2]);
      send(exchange, 200, "{\"id\":\"" + parts[2] + "\",\"status\":\"ARCHIVED\"}", List.of());
    } else {
      send(exchange, 404, "{\"errorCode\":\"E0000022\",\"errorSummary\":\"The endpoint does not support the provided HTTP method\"}", List.of());
    }
  }

  private static void send(HttpExchange exchange, int status, String body, List<String> links) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("X-Okta-Request-Id", "req-" + status);
    links.forEach(l -> exchange.getResponseHeaders().add("Link", l));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
