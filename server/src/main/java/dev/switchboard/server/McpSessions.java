package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.cluster.McpSessionRepository;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MCP sessions that any instance continues. An {@code initialize} answered here is kept in the database with the
 * session id the MCP SDK's transport gave and the key that opened it. A request whose {@code Mcp-Session-Id} this
 * instance does not know (the session was opened on another instance, or before a restart) is looked up there: when
 * the same key opened it, this instance replays the client's {@code initialize} and {@code notifications/initialized}
 * to its own transport, keeps the pair (the client's id, the id its transport gave), and from then on hands that
 * session's requests to its transport under its own id; the client keeps the id it has. A session unknown to the
 * database, or opened by another key, is answered 404 as before, and the client starts a new one.
 *
 * <p>What does not move between instances: a request the server sent to the client (an elicitation) is answered to
 * the instance that sent it; a client that answers elsewhere gets an error and confirms with the confirmation token
 * instead, which every instance honours. Thread-safe.
 */
final class McpSessions {
  private static final String SESSION_HEADER = "Mcp-Session-Id";

  private final McpSessionRepository repository;
  private final PrintWriter log;
  /** (key id, the client's session id) to the session id this instance's transport knows. */
  private final Map<String, String> local = new ConcurrentHashMap<>();

  McpSessions(McpSessionRepository repository, PrintWriter log) {
    this.repository = repository;
    this.log = log;
  }

  /**
   * Serves one request through a key's transport, taking up a session another instance opened when needed.
   *
   * @param key the request's access key
   * @param transport that key's MCP transport
   * @param request the request (its body already read, when a POST)
   * @param response the response
   * @param body the body as parsed, or null for a GET or DELETE
   * @param raw the body's bytes, or null
   */
  void service(AccessKey key, HttpServlet transport, HttpServletRequest request, HttpServletResponse response, JsonNode body,
      byte[] raw) throws ServletException, IOException {
    String client = request.getHeader(SESSION_HEADER);
    if (client == null) {
      if (body != null && "initialize".equals(body.path("method").asText())) {
        SessionCapture capture = new SessionCapture(response, false);
        transport.service(request, capture);
        if (capture.session != null) {
          local.put(key.id() + " " + capture.session, capture.session);
          try {
            repository.save(new McpSessionRepository.Session(capture.session, key.id(), new String(raw, StandardCharsets.UTF_8)));
          } catch (RuntimeException e) {
            say("the MCP session could not be kept in the database (" + e.getClass().getSimpleName()
                + "); it continues on this instance only");
          }
        }
        return;
      }
      transport.service(request, response);
      return;
    }
    String mine = local.get(key.id() + " " + client);
    if (mine == null) {
      mine = takeUp(key, transport, request, client).orElse(null);
    }
    if ("DELETE".equals(request.getMethod())) {
      local.remove(key.id() + " " + client);
      try {
        repository.delete(client);
      } catch (RuntimeException e) {
        say("an ended MCP session could not be removed from the database (" + e.getClass().getSimpleName() + ")");
      }
    }
    transport.service(mine == null || mine.equals(client) ? request : new Rewritten(request, Map.of(SESSION_HEADER, mine), null,
        request.getMethod()), response);
  }

  /** Replays a session's initialize to this instance's transport; returns the id it gave. */
  private Optional<String> takeUp(AccessKey key, HttpServlet transport, HttpServletRequest request, String client)
      throws ServletException, IOException {
    Optional<McpSessionRepository.Session> saved;
    try {
      saved = repository.find(client);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (saved.isEmpty() || !saved.get().keyId().equals(key.id())) {
      return Optional.empty();
    }
    Map<String, String> headers = Map.of("Accept", "application/json, text/event-stream", "Content-Type", "application/json");
    SessionCapture init = new SessionCapture(null, true);
    transport.service(new Rewritten(request, headers, saved.get().initialize().getBytes(StandardCharsets.UTF_8), "POST"), init);
    if (init.session == null) {
      say("could not take up an MCP session opened elsewhere (the replayed initialize was answered " + init.status + ")");
      return Optional.empty();
    }
    Map<String, String> withSession = Map.of("Accept", "application/json, text/event-stream", "Content-Type", "application/json",
        SESSION_HEADER, init.session);
    byte[] initialized = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8);
    transport.service(new Rewritten(request, withSession, initialized, "POST"), new SessionCapture(null, true));
    String previous = local.putIfAbsent(key.id() + " " + client, init.session);
    return Optional.of(previous != null ? previous : init.session);
  }

  private void say(String line) {
    log.println("switchboard serve: " + line);
    log.flush();
  }

  /** A request with some headers replaced (null removes), and optionally another body and method. */
  private static final class Rewritten extends HttpServletRequestWrapper {
    private final Map<String, String> headers;
    private final byte[] body;
    private final String method;

    Rewritten(HttpServletRequest request, Map<String, String> headers, byte[] body, String method) {
      super(request);
      Map<String, String> lower = new ConcurrentHashMap<>();
      headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
      this.headers = lower;
      this.body = body;
      this.method = method;
    }

    private boolean replaced(String name) {
      return name != null && (headers.containsKey(name.toLowerCase(java.util.Locale.ROOT))
          || (body != null && name.equalsIgnoreCase(SESSION_HEADER)));
    }

    @Override
    public String getHeader(String name) {
      return replaced(name) ? headers.get(name.toLowerCase(java.util.Locale.ROOT)) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (!replaced(name)) {
        return super.getHeaders(name);
      }
      String v = getHeader(name);
      return v == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(v));
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getContentType() {
      return body != null ? "application/json" : super.getContentType();
    }

    @Override
    public int getContentLength() {
      return body != null ? body.length : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
      return body != null ? body.length : super.getContentLengthLong();
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (body == null) {
        return super.getInputStream();
      }
      return new ReplayedInputStream(body);
    }

    @Override
    public BufferedReader getReader() throws IOException {
      return body == null ? super.getReader()
          : new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
  }

  /**
   * Notes the session id a transport gives. Passes everything through to the real response, or, when swallowing (a
   * replay nobody reads), keeps status and body to itself.
   */
  private static final class SessionCapture extends HttpServletResponseWrapper {
    private final boolean swallow;
    String session;
    int status = 200;

    SessionCapture(HttpServletResponse response, boolean swallow) {
      super(response == null ? new Discarded() : response);
      this.swallow = swallow;
    }

    @Override
    public void setHeader(String name, String value) {
      if (SESSION_HEADER.equalsIgnoreCase(name)) {
        session = value;
      }
      if (!swallow) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      setHeader(name, value);
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
      if (!swallow) {
        super.setStatus(sc);
      }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      status = sc;
      if (!swallow) {
        super.sendError(sc, msg);
      }
    }

    @Override
    public void sendError(int sc) throws IOException {
      status = sc;
      if (!swallow) {
        super.sendError(sc);
      }
    }
  }

  /** A response that goes nowhere, for replays. */
  private static final class Discarded extends HttpServletResponseWrapper {
    private final PrintWriter writer = new PrintWriter(Writer.nullWriter());

    Discarded() {
      super((HttpServletResponse) Proxy.newProxyInstance(McpSessions.class.getClassLoader(),
          new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> nothing(method.getReturnType())));
    }

    private static Object nothing(Class<?> type) {
      if (type == boolean.class) {
        return false;
      }
      if (type == int.class) {
        return 0;
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == String.class) {
        return "";
      }
      if (type == Collection.class) {
        return java.util.List.of();
      }
      return null;
    }

    @Override
    public PrintWriter getWriter() {
      return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() {
      OutputStream none = OutputStream.nullOutputStream();
      return new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException("written synchronously");
        }

        @Override
        public void write(int b) throws IOException {
          none.write(b);
        }
      };
    }
  }
}
