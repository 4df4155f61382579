package dev.switchboard.server;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;

/**
 * A request body read already, given again to the MCP transport (which reads the request itself) as a blocking
 * stream over the same bytes. Not thread-safe, as a servlet input stream is not.
 */
final class ReplayedInputStream extends ServletInputStream {
  private final ByteArrayInputStream in;

  /** @param body the bytes of the body */
  ReplayedInputStream(byte[] body) {
    this.in = new ByteArrayInputStream(body);
  }

  @Override
  public boolean isFinished() {
    return false;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public void setReadListener(ReadListener listener) {
    throw new UnsupportedOperationException("read synchronously");
  }

  @Override
  public int read() {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    return in.read(b, off, len);
  }
}
