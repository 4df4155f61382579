package dev.switchboard.mcp;

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

  /** Tells whether a message is an answer to a request. */
  static boolean isAnswer(JsonNode message) {
    return message.has("id") && !message.has("method");
  }

  /**
   * Wraps the stdout of the transport: each newline-delimited message written through it that is an answer is
   * counted. Bytes pass through unchanged.
   */
  OutputStream counting(OutputStream out) {
    return new FilterOutputStream(out) {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        take(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) {
          take(b[i]);
        }
      }

      private void take(int b) {
        if (b != '\n') {
          line.write(b);
          return;
        }
        try {
          JsonNode message = JSON.readTree(line.toByteArray());
          if (message != null && message.isObject() && isAnswer(message)) {
            answerWritten();
          }
        } catch (IOException e) {
          // not a message of ours to count
        }
        line.reset();
      }
    };
  }
}
