package dev.switchboard.core.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small HTTP server on a free loopback port for engine tests: it records every request (raw URI and
 * headers as they arrived on the wire) and answers with a function of the request.
 */
final class WireServer implements AutoCloseable {
  /** A recorded request. */
  record Seen(String method, URI rawUri, Map<String, List<String>> headers, String body, long atMillis) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** A scripted answer; {@code raw} bytes, when given, are sent instead of {@code body}; {@code chunked} sends without a length. */
  record Answer(int status, Map<String, List<String>> headers, String body, byte[] raw, boolean chunked) {
    Answer(int status, Map<String, List<String>> headers, String body) {
      this(status, headers, body, null, false);
    }

    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", List.of("application/json")), body);
    }
  }

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  WireServer(Function<Seen, Answer> handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> handle(exchange, handler));
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  private void handle(HttpExchange exchange, Function<Seen, Answer> handler) throws IOException {
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI(), Map.copyOf(exchange.getRequestHeaders()),
        new String(requestBody, StandardCharsets.UTF_8), System.currentTimeMillis());
    seen.add(request);
    Answer answer = handler.apply(request);
    answer.headers().forEach((k, v) -> v.forEach(value -> exchange.getResponseHeaders().add(k, value)));
    byte[] body = answer.raw() != null ? answer.raw() : answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), answer.chunked() ? 0 : body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
