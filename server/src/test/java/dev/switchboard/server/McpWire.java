package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MCP Streamable HTTP spoken by hand, for tests that choose which instance gets each request: initialize, then
 * requests with the session id, each to any base URL. Answers are read from JSON or from the SSE stream's data lines.
 */
final class McpWire {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String key;
  private final AtomicInteger ids = new AtomicInteger();
  private String session;

  McpWire(String key) {
    this.key = key;
  }

  /** An answer: HTTP status and the JSON-RPC message (null when none). */
  record Answer(int status, JsonNode message) {}

  /** {@return the session id the server gave at initialize} */
  String session() {
    return session;
  }

  /** Opens a session at a server; sends initialize and notifications/initialized. */
  McpWire open(URI server) {
    Answer init = send(server, "initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"cluster-test\",\"version\":\"1\"}}");
    if (init.status() != 200 || session == null) {
      throw new IllegalStateException("initialize was answered " + init.status());
    }
    notify(server, "notifications/initialized");
    return this;
  }

  /** Sends a request with this session to a server. */
  Answer send(URI server, String method, String paramsJson) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"" + method + "\""
        + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}";
    return post(server, body);
  }

  /** Sends a notification with this session to a server. */
  Answer notify(URI server, String method) {
    return post(server, "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
  }

  /** Calls a tool and returns its structured content (the error's when it failed). */
  JsonNode callTool(URI server, String tool, String argumentsJson) {
    Answer a = send(server, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}");
    if (a.status() != 200 || a.message() == null) {
      throw new IllegalStateException("tools/call " + tool + " was answered " + a.status());
    }
    return a.message().path("result").path("structuredContent");
  }

  private Answer post(URI server, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve("/mcp")).timeout(Duration.ofSeconds(90))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Optional<String> given = r.headers().firstValue("Mcp-Session-Id");
      if (given.isPresent() && session == null) {
        session = given.get();
      }
      return new Answer(r.statusCode(), message(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode message(String body) throws IOException {
    String text = body.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith("{")) {
      return ApiClient.JSON.readTree(text);
    }
    JsonNode last = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("data:")) {
        String data = line.substring(5).strip();
        if (data.startsWith("{")) {
          JsonNode node = ApiClient.JSON.readTree(data);
          if (node.has("result") || node.has("error")) {
            last = node;
          }
        }
      }
    }
    return last;
  }
}
