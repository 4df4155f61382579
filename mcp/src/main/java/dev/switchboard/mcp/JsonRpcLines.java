package dev.switchboard.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * The stdio transport's input, filtered to lines that are JSON-RPC messages (MCP specification, "stdio":
 * messages are delimited by newlines and must not contain embedded newlines). A blank line, a line that is not a
 * JSON object with {@code "jsonrpc"}, and a line longer than {@value #MAX_LINE_BYTES} bytes are dropped with one
 * note on stderr, so a malformed line can never stop the server from reading the next one (the SDK's reader
 * gives up on the first line it cannot parse).
 */
final class JsonRpcLines extends InputStream {
  /** The longest message accepted, in bytes: 16 MiB. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The longest wait, once stdin has ended, for the answers to the requests already read: 60 s. */
  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(60);

  private final InputStream in;
  private final PrintWriter log;
  private final PendingRequests pending;
  private boolean drained;
  private boolean initializing;
  private boolean initialized;
  private byte[] line = new byte[0];
  private int position;
  private boolean ended;

  JsonRpcLines(InputStream in, PrintWriter log) {
    this(in, log, null);
  }

  /**
   * Filters an input.
   *
   * @param in the client's input
   * @param log where notes on dropped lines go
   * @param pending counts each request passed on; when the input ends, the end is passed on only once every
   *     request has been answered (at most {@link #DRAIN} later); null to pass the end on at once
   */
  JsonRpcLines(InputStream in, PrintWriter log, PendingRequests pending) {
    this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 65536);
    this.log = log;
    this.pending = pending;
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
        note("dropped a message of " + size + " bytes; the most accepted is " + MAX_LINE_BYTES);
        continue;
      }
      byte[] bytes = buffer.toByteArray();
      if (isMessage(bytes)) {
        line = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        line[bytes.length] = '\n';
        position = 0;
      } else if (!isBlank(bytes)) {
        note("dropped a line that is not a JSON-RPC message (" + bytes.length + " bytes)");
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private boolean isMessage(byte[] bytes) {
    if (isBlank(bytes)) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(bytes);
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
    } catch (IOException e) {
      return false;
    }
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
