package dev.switchboard.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriterFactory;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * Makes the transport's connections: Apache HttpClient's own ({@link DefaultManagedHttpClientConnection}), with one
 * check added. A connection holding bytes after a whole response (a body longer than its {@code Content-Length},
 * bytes after a 204 or after the last chunk) is out of step with the server: kept alive, it would hand those bytes to
 * the next call as that call's response (response smuggling). Such a connection is not given back to the pool: it
 * reports itself inconsistent when it is released, and stale when it is leased after being idle (for bytes that
 * arrived while it waited), so Apache closes it and the next call opens a new one.
 *
 * <p>Each response head is also capped in all ({@value #MAX_HEAD_CHARS} characters), beside Apache's limits per line
 * and per number of fields.
 *
 * <p>The bytes are looked for where they can be without waiting: the connection's input buffer (what Apache read
 * beyond the response) and what the socket has received but not yet been read ({@link InputStream#available()}).
 */
final class InSyncConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
  private static final AtomicLong COUNTER = new AtomicLong();
  /** The most characters of one response head (status line and header fields), as browsers cap it: 256 KB. */
  static final int MAX_HEAD_CHARS = 256 * 1024;

  private final Http1Config config;

  /**
   * Creates the factory.
   *
   * @param config the HTTP/1.1 limits (line length, header count) of every connection
   */
  InSyncConnectionFactory(Http1Config config) {
    this.config = config;
  }

  @Override
  public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
    Input input = new Input();
    HttpMessageParser<ClassicHttpResponse> parser = new DefaultHttpResponseParserFactory(config).create();
    HttpMessageParser<ClassicHttpResponse> watched = (buffer, in) -> {
      input.seen(buffer, in);
      return parser.parse(new HeadBuffer(buffer), in);
    };
    Connection connection = new Connection("switchboard-" + COUNTER.getAndIncrement(), config, new HttpMessageParserFactory<>() {
      @Override
      public HttpMessageParser<ClassicHttpResponse> create() {
        return watched;
      }

      @Override
      @Deprecated
      public HttpMessageParser<ClassicHttpResponse> create(Http1Config ignored) {
        return watched;
      }
    }, input);
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  }

  /**
   * The connection's input buffer as the parser of one response head sees it: every line read counts against
   * {@value #MAX_HEAD_CHARS} characters for the status line and all header fields together, so a server cannot make
   * the client hold tens of megabytes of headers (a thousand fields of 64 KB each pass the per-line and per-field
   * limits). Past it, the head is refused as malformed.
   */
  private static final class HeadBuffer implements SessionInputBuffer {
    private final SessionInputBuffer buffer;
    private long chars;

    HeadBuffer(SessionInputBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int readLine(CharArrayBuffer line, InputStream in) throws IOException {
      int n = buffer.readLine(line, in);
      if (n > 0) {
        chars += n;
        if (chars > MAX_HEAD_CHARS) {
          throw new MessageConstraintException("the response head is larger than " + MAX_HEAD_CHARS / 1024 + " KB");
        }
      }
      return n;
    }

    @Override
    public int length() {
      return buffer.length();
    }

    @Override
    public int capacity() {
      return buffer.capacity();
    }

    @Override
    public int available() {
      return buffer.available();
    }

    @Override
    public int read(byte[] b, int off, int len, InputStream in) throws IOException {
      return buffer.read(b, off, len, in);
    }

    @Override
    public int read(byte[] b, InputStream in) throws IOException {
      return buffer.read(b, in);
    }

    @Override
    public int read(InputStream in) throws IOException {
      return buffer.read(in);
    }

    @Override
    public HttpTransportMetrics getMetrics() {
      return buffer.getMetrics();
    }
  }

  /** Where a connection's response bytes come from, as its parser last saw them. */
  private static final class Input {
    private volatile SessionInputBuffer buffer;
    private volatile InputStream stream;

    void seen(SessionInputBuffer buffer, InputStream stream) {
      this.buffer = buffer;
      this.stream = stream;
    }

    /** Tells whether any byte is waiting to be read; a socket that cannot tell counts as having some. */
    boolean bytesLeft() {
      SessionInputBuffer b = buffer;
      InputStream s = stream;
      if (b != null && b.length() > 0) {
        return true;
      }
      try {
        return s != null && s.available() > 0;
      } catch (IOException e) {
        return true;
      }
    }
  }

  /** Apache's connection, kept alive only while nothing is left over after a response. */
  private static final class Connection extends DefaultManagedHttpClientConnection {
    private final Input input;

    Connection(String id, Http1Config config, HttpMessageParserFactory<ClassicHttpResponse> parsers,
        Input input) {
      super(id, null, null, config, null, null, null, new DefaultHttpRequestWriterFactory(config), parsers);
      this.input = input;
    }

    @Override
    public boolean isConsistent() {
      return super.isConsistent() && !input.bytesLeft();
    }

    @Override
    public boolean isStale() throws IOException {
      return input.bytesLeft() || super.isStale() || input.bytesLeft();
    }
  }
}
