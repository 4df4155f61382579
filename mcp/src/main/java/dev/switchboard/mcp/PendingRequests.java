package dev.switchboard.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The client's requests read from stdin that the server has not answered yet, so that the end of stdin does not
 * end the session before they are answered. The SDK's stdio transport stops writing as soon as its input ends,
 * which dropped the answers to requests a script had piped in and closed at once. A request is a message with a
 * {@code method} and an {@code id}; its answer, a message with an {@code id} and no {@code method}
 * (JSON-RPC 2.0, section 5). Thread-safe.
 */
final class PendingRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private long pending;

  /** Counts a request read from the client. */
  synchronized void requestRead() {
    pending++;
  }

  /** Counts an answer written to the client. */
  synchronized void answerWritten() {
    if (pending > 0) {
      pending--;
    }
    if (pending == 0) {
      notifyAll();
    }
  }

  /** Returns how many requests are waiting for their answer. */
  synchronized long pending() {
    return pending;
  }

  /**
   * Waits until every request read has been answered.
   *
   * @param timeout the longest wait
   * @return true when none is pending, false when the time ran out first
   * @throws InterruptedException when interrupted
   */
  synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Tells whether a message is a request that expects an answer. */
  static boolean isRequest(JsonNode message) {
    return message.has("method") && message.has("id") && !message.get("id").isNull();
  }

  /**
   * Tells whether a serialized message is an answer to a request, reading only its top-level field names (every
   * message the server sends passes here, tool results of many kilobytes included).
   */
  static boolean isAnswer(byte[] bytes, int length) {
    try (JsonParser parser = JSON.getFactory().createParser(bytes, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean id = false;
      boolean method = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        id |= name.equals("id");
        method |= name.equals("method");
        parser.nextToken();
        parser.skipChildren();
      }
      return id && !method;
    } catch (IOException e) {
      return false; // not a message of ours to count
    }
  }

  /**
   * Wraps the stdout of the transport: each newline-delimited message written through it that is an answer is
   * counted. Bytes pass through unchanged.
   */
  OutputStream counting(OutputStream out) {
    return new FilterOutputStream(out) {
      private final LineBuffer line = new LineBuffer();

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        take(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        take(b, off, len);
      }

      private void take(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
          if (b[i] == '\n') {
            line.write(b, start, i - start);
            if (isAnswer(line.bytes(), line.size())) {
              answerWritten();
            }
            line.reset();
            start = i + 1;
          }
        }
        line.write(b, start, off + len - start);
      }
    };
  }

  /** A line being written, read in place. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(1024);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
