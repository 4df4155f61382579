package dev.switchboard.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server session over a pair of streams (stdio): it ends when the client closes its end of the input.
 */
public final class StdioConnection implements AutoCloseable {
  private final McpSyncServer server;
  private final CountDownLatch ended;

  StdioConnection(McpSyncServer server, CountDownLatch ended) {
    this.server = server;
    this.ended = ended;
  }

  /**
   * Waits until the client closes the input.
   *
   * @throws InterruptedException when interrupted
   */
  public void awaitEnd() throws InterruptedException {
    ended.await();
  }

  /**
   * Waits at most a while for the client to close the input.
   *
   * @param timeout how long to wait
   * @return true when the input ended
   * @throws InterruptedException when interrupted
   */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.closeGracefully();
  }

  /** An input stream that counts a latch down when it ends or fails. */
  static final class EndSignallingInput extends FilterInputStream {
    private final CountDownLatch ended;

    EndSignallingInput(InputStream in, CountDownLatch ended) {
      super(in);
      this.ended = ended;
    }

    @Override
    public int read() throws IOException {
      return check(() -> super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return check(() -> super.read(b, off, len));
    }

    private interface Read {
      int run() throws IOException;
    }

    private int check(Read read) throws IOException {
      try {
        int n = read.run();
        if (n < 0) {
          ended.countDown();
        }
        return n;
      } catch (IOException | RuntimeException e) {
        ended.countDown();
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      ended.countDown();
      super.close();
    }
  }
}
