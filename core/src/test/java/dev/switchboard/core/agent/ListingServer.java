package dev.switchboard.core.agent;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An in-test HTTP server on a free loopback port that lists {@code total} records the way Okta lists users:
 * {@code limit} and an opaque {@code after} cursor in the query, a {@code Link: <...>; rel="next"} header only
 * when more exist. It records the query of every request.
 */
final class ListingServer implements AutoCloseable {
  final List<Map<String, String>> queries = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final int total;
  private final IntFunction<String> record;
  private final boolean polling;

  ListingServer(int total, IntFunction<String> record) throws IOException {
    this(total, record, false);
  }

  /** With {@code polling}, a next link is always sent, as a feed that will have more later (Okta's System Log). */
  ListingServer(int total, IntFunction<String> record, boolean polling) throws IOException {
    this.total = total;
    this.polling = polling;
    this.record = record;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/items", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    queries.add(query);
    int limit = Integer.parseInt(query.getOrDefault("limit", "200"));
    int start = query.containsKey("after") ? Integer.parseInt(query.get("after").substring(1)) + 1 : 0;
    int end = Math.min(total, start + limit);
    String body = IntStream.range(start, end).mapToObj(record).collect(Collectors.joining(",", "[", "]"));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (end < total || polling) {
      exchange.getResponseHeaders().add("Link", "<" + url() + "/items?after=c" + (Math.max(end, start) - 1) + "&limit=" + limit + ">; rel=\"next\"");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
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

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
