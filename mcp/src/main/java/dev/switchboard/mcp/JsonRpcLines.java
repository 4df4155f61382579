package dev.switchboard.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The stdio transport's input, filtered to lines that are JSON-RPC messages (MCP specification, "stdio":
 * messages are delimited by newlines and must not contain embedded newlines). Blank lines are skipped. A line
 * that is not JSON, or longer than {@value #MAX_LINE_BYTES} bytes, is answered with JSON-RPC 2.0's parse error
 * ({@code -32700}, {@code "id": null}); JSON that is not a message (not an object, no {@code "jsonrpc"}, neither
 * {@code method} nor {@code result} nor {@code error}) with its invalid-request error ({@code -32600}, with the
 * line's {@code id} when it has a usable one) (JSON-RPC 2.0, sections 4.2 and 5.1). Either way the line goes no
 * further, with one note on stderr, so a malformed line can never stop the server from reading the next one (the
 * SDK's reader gives up on the first line it cannot parse) nor leave a client waiting for an answer.
 */
final class JsonRpcLines extends InputStream {
  /** The longest message accepted, in bytes: 16 MiB. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The longest wait, once stdin has ended, for the answers to the requests already read: 60 s. */
  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(60);

  /** JSON-RPC 2.0's code for input that is not JSON. */
  static final int PARSE_ERROR = -32700;
  /** JSON-RPC 2.0's code for JSON that is not a valid request. */
  static final int INVALID_REQUEST = -32600;

  private final InputStream in;
  private final PrintWriter log;
  private final PendingRequests pending;
  private final OutputStream answers;
  private boolean drained;
  private boolean initializing;
  private boolean initialized;
  private byte[] line = new byte[0];
  private int position;
  private boolean ended;

  /**
   * Filters an input.
   *
   * @param in the client's input
   * @param log where notes on refused lines go
   * @param pending counts each request passed on; when the input ends, the end is passed on only once every
   *     request has been answered (at most {@link #DRAIN} later); null to pass the end on at once
   * @param answers where the errors answering refused lines go: the stream the SDK writes its messages to,
   *     whose monitor the SDK holds while it writes one (so an error line never lands inside a message)
   */
  JsonRpcLines(InputStream in, PrintWriter log, PendingRequests pending, OutputStream answers) {
    this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 65536);
    this.log = log;
    this.pending = pending;
    this.answers = answers;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return line[position++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, line.length - position);
    System.arraycopy(line, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean fill() throws IOException {
    while (position >= line.length) {
      if (ended) {
        drain();
        return false;
      }
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
      boolean tooLong = false;
      long size = 0;
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        size++;
        if (size > MAX_LINE_BYTES) {
          tooLong = true;
        } else {
          buffer.write(c);
        }
      }
      if (c < 0) {
        ended = true;
        if (size == 0) {
          drain();
          return false;
        }
      }
      if (tooLong) {
        refuse(PARSE_ERROR, null, "Parse error: the line is " + size + " bytes; the most accepted is " + MAX_LINE_BYTES
            + " (one JSON-RPC message per line)");
        continue;
      }
      byte[] bytes = buffer.toByteArray();
      if (isBlank(bytes)) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(bytes);
      } catch (IOException e) {
        refuse(PARSE_ERROR, null, "Parse error: the line (" + bytes.length + " bytes) is not JSON; send one JSON-RPC"
            + " message per line, such as {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        continue;
      }
      if (isMessage(node)) {
        line = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        line[bytes.length] = '\n';
        position = 0;
      } else {
        refuse(INVALID_REQUEST, node.isObject() ? usableId(node.get("id")) : null, "Invalid Request: the line is JSON"
            + " but not a JSON-RPC 2.0 message (an object with \"jsonrpc\": \"2.0\" and a method, result or error)");
      }
    }
    return true;
  }

  /** Returns an id that may be echoed in an answer (a string or a number), else null. */
  private static JsonNode usableId(JsonNode id) {
    return id != null && (id.isTextual() || id.isNumber()) ? id : null;
  }

  /**
   * Answers a line that goes no further with a JSON-RPC error, and notes it on stderr. The answer is counted as
   * the answer to a request read, so that it does not stand in for the answer to another one.
   */
  private void refuse(int code, JsonNode id, String message) throws IOException {
    note("answered " + code + " to a line: " + message);
    ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
    answer.set("id", id == null ? NullNode.getInstance() : id);
    answer.putObject("error").put("code", code).put("message", message);
    byte[] bytes = JSON.writeValueAsBytes(answer);
    if (pending != null) {
      pending.requestRead();
    }
    synchronized (answers) {
      answers.write(bytes);
      answers.write('\n');
      answers.flush();
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private boolean isMessage(JsonNode node) {
    boolean message = node != null && node.isObject() && node.has("jsonrpc")
        && (node.has("method") || node.has("result") || node.has("error"));
    if (message && node.has("method") && "notifications/initialized".equals(node.get("method").asText())) {
      initialized = true;
    }
    if (message && pending != null && PendingRequests.isRequest(node)) {
      // the SDK answers nothing before the client's initialize request, so only requests from it on are awaited
      initializing |= "initialize".equals(node.get("method").asText());
      if (initializing) {
        pending.requestRead();
      }
    }
    return message;
  }

  /** Holds the end of the input back until the requests read have been answered. */
  private void drain() throws IOException {
    if (drained || pending == null) {
      return;
    }
    drained = true;
    try {
      if (!pending.awaitNone(DRAIN)) {
        note("stdin ended with " + pending.pending() + " request(s) still unanswered after " + DRAIN.toSeconds()
            + " s; ending anyway" + (initialized ? "" : ". The client never sent notifications/initialized, and until it"
            + " does the server answers nothing but initialize (send {\"jsonrpc\":\"2.0\",\"method\":"
            + "\"notifications/initialized\"} after the initialize answer)"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while answering the last requests");
    }
  }

  private void note(String message) {
    log.println("switchboard mcp: " + message);
    log.flush();
  }
}
