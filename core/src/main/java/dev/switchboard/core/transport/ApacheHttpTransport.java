package dev.switchboard.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.UnsupportedHttpVersionException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The transport on Apache HttpClient 5's classic (blocking) client: HTTP/1.1 over a pool of kept-alive
 * connections, no redirects followed (so credentials never travel to a host the connector did not name), no
 * automatic retries (the {@code RetryInterceptor} decides), no cookies, no content decoding (the
 * {@link DecompressionInterceptor} does it, under the size cap), a connect timeout, one deadline for the whole
 * exchange and a cap on the body size. A connection with bytes left over after a response is closed, never reused
 * ({@link InSyncConnectionFactory}). Proxies come from Java's default {@link ProxySelector}, so the standard
 * {@code https.proxyHost}/{@code https.proxyPort}/{@code http.nonProxyHosts} system properties apply, as they
 * did for {@code java.net.http.HttpClient}.
 *
 * <p>Why this client and not {@code java.net.http.HttpClient}: the JDK client hands every exchange between the
 * caller, its selector thread and its executor, and on a two-core machine a call to a loopback server took about
 * 1.8 times as long as with this client's blocking read on the caller's thread (docs/benchmarks.md, "Why the
 * engine's transport is Apache HttpClient").
 *
 * <p>The exchange's deadline (the request timeout, or less when the call's time budget has less left) covers
 * waiting for a connection from the pool, connecting, sending, the headers and the whole body; it is watched
 * by {@link ExchangeDeadlines}, which also ends the exchange within {@value ExchangeDeadlines#SWEEP_MS} ms of its
 * caller being interrupted (a blocking socket read does not see an interrupt). Errors keep the types the engine
 * maps: {@link HttpConnectTimeoutException} when connecting timed out, {@link HttpTimeoutException} when the
 * deadline passed, {@link ResponseTooLargeException} over the cap, {@link InterruptedException} when the caller
 * was interrupted, {@link java.net.ConnectException} when the connection was refused,
 * {@link ResponseCutShortException} when the body broke off, other
 * {@link IOException}s for everything else on the wire. Thread-safe; one instance per connector.
 */
public final class ApacheHttpTransport implements Transport {
  /** Default connect timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time for one request, from sending to the last byte of its body: 20 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
  /** Default cap on one response body: 10 MB (10,485,760 bytes). */
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

  /** Connections kept per host and in all: far above any connector's concurrency limit (they open on demand). */
  private static final int MAX_CONNECTIONS = 256;
  /** A pooled connection idle for longer than this is checked before reuse, in ms. */
  private static final long VALIDATE_AFTER_IDLE_MS = 2000;
  /** Methods that always carry a body, so an empty one is sent as {@code Content-Length: 0}. */
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
  private static final int READ_CHUNK = 16 * 1024;
  /** The longest response header line accepted, in chars (Apache's default is 8,192; large Link or CSP headers exist). */
  private static final int MAX_HEADER_LINE_CHARS = 64 * 1024;
  /** The most response header fields accepted (Apache's default is 100). */
  private static final int MAX_HEADER_FIELDS = 1000;
  /** Blank or unparsable lines tolerated before a status line; more is a malformed response, not a long wait. */
  private static final int MAX_LINES_BEFORE_STATUS = 3;

  /** Returns how many exchange deadlines are being watched: those of exchanges in flight now (for tests). */
  static int pendingDeadlines() {
    return ExchangeDeadlines.instance().size();
  }

  private final CloseableHttpClient client;
  private final Duration requestTimeout;
  private final long maxBodyBytes;

  /** Creates a transport with the default timeouts and body cap. */
  public ApacheHttpTransport() {
    this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Creates a transport.
   *
   * @param connectTimeout the TCP and TLS connect timeout
   * @param requestTimeout the time allowed for one exchange, from sending the request to the last byte of the body
   * @param maxBodyBytes the largest body read, in bytes (at most {@code Integer.MAX_VALUE - 8}); a larger one
   *     fails with {@link ResponseTooLargeException} without being read to its end
   */
  public ApacheHttpTransport(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes) {
    ConnectionConfig connections = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.ofMilliseconds(Math.max(1, connectTimeout.toMillis())))
        .setValidateAfterInactivity(TimeValue.ofMilliseconds(VALIDATE_AFTER_IDLE_MS))
        .build();
    this.client = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(connections)
            .setConnectionFactory(new InSyncConnectionFactory(Http1Config.custom()
                .setMaxLineLength(MAX_HEADER_LINE_CHARS)
                .setMaxHeaderCount(MAX_HEADER_FIELDS)
                .setMaxEmptyLineCount(MAX_LINES_BEFORE_STATUS)
                .build()))
            .setMaxConnPerRoute(MAX_CONNECTIONS)
            .setMaxConnTotal(MAX_CONNECTIONS)
            .build())
        .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableDefaultUserAgent()
        .build();
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = Math.min(maxBodyBytes, Integer.MAX_VALUE - 8);
  }

  @Override
  public Response send(Request request, Duration timeout) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sending " + request.method() + " " + request.uri().getRawPath());
    }
    Duration effective = timeout.compareTo(requestTimeout) < 0 ? timeout : requestTimeout;
    if (effective.isNegative() || effective.isZero()) {
      throw new CallTimeoutException("the call's time budget ran out before " + request.method() + " " + request.uri().getRawPath()
          + " could be sent");
    }
    HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      if (!HeaderFields.validName(header.getKey())) {
        throw new IllegalArgumentException("'" + header.getKey() + "' is not a valid header name (RFC 9110 token characters only)");
      }
      if (HeaderFields.restricted(header.getKey())) {
        throw new IllegalArgumentException("the header '" + header.getKey() + "' is set by the HTTP client itself and cannot be sent");
      }
      for (String value : header.getValue()) {
        int bad = HeaderFields.unsafeCharAt(value);
        if (bad >= 0) {
          throw new IllegalArgumentException("the value of header '" + header.getKey() + "' holds a character HTTP cannot carry (U+"
              + String.format(Locale.ROOT, "%04X", (int) value.charAt(bad)) + " at " + bad
              + "); control characters and characters outside Latin-1 are refused");
        }
        message.addHeader(header.getKey(), value);
      }
    }
    if (request.body().length > 0 || BODY_METHODS.contains(request.method())) {
      message.setEntity(new ByteArrayEntity(request.body(), (ContentType) null));
    }
    Timeout limit = Timeout.ofMilliseconds(Math.max(1, effective.toMillis()));
    message.setConfig(RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build());
    long start = System.nanoTime();
    Exchange exchange = new Exchange(message, Thread.currentThread(), start + effective.toNanos());
    ExchangeDeadlines.instance().watch(exchange);
    try {
      ClassicHttpResponse response = client.executeOpen(null, message, null);
      boolean whole = false;
      try {
        byte[] body;
        try {
          body = read(response.getEntity());
        } catch (ResponseTooLargeException e) {
          throw e;
        } catch (IOException e) {
          throw new ResponseCutShortException(response.getCode(), e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
          headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        whole = true;
        return new Response(request.uri(), response.getCode(), headers, body, System.nanoTime() - start);
      } finally {
        if (!whole) {
          message.cancel(); // closes the connection, so that closing the response does not read the rest of the body
        }
        try {
          response.close();
        } catch (IOException e) {
          if (whole) {
            throw e;
          } // the failure already being thrown says more
        }
      }
    } catch (IOException e) {
      throw exchange.explain(e, effective);
    } catch (RuntimeException e) {
      if (exchange.ended()) { // a cancel from the deadline or an interrupt can surface as an unchecked exception
        throw exchange.explain(new IOException("the exchange was ended: " + e, e), effective);
      }
      throw e;
    } finally {
      ExchangeDeadlines.instance().leave(exchange);
    }
  }

  /**
   * Closes every pooled connection and the client; a request sent afterwards fails with an
   * {@link IllegalStateException}. Call it once no request is in flight: one still reading is cut off.
   */
  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  /**
   * Reads a body whole, refusing more than the cap; an absent body is empty. The stream is read to its end (which
   * gives the connection back to the pool) and not closed here: closing it early would read the rest.
   */
  private byte[] read(HttpEntity entity) throws IOException {
    InputStream in = entity == null ? null : entity.getContent();
    if (in == null) {
      return new byte[0];
    }
    long declared = entity.getContentLength();
    if (declared > maxBodyBytes) {
      throw new ResponseTooLargeException(maxBodyBytes);
    }
    if (declared >= 0) {
      byte[] body = in.readNBytes((int) declared);
      if (body.length < declared) {
        throw new IOException("the body ended after " + body.length + " of its " + declared + " bytes (Content-Length)");
      }
      return body;
    }
    byte[] buffer = new byte[(int) Math.min(READ_CHUNK, maxBodyBytes + 1)];
    int total = 0;
    while (true) {
      if (total == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(maxBodyBytes + 1, 2L * buffer.length));
      }
      int n = in.read(buffer, total, buffer.length - total);
      if (n < 0) {
        return total == buffer.length ? buffer : Arrays.copyOf(buffer, total);
      }
      total += n;
      if (total > maxBodyBytes) {
        throw new ResponseTooLargeException(maxBodyBytes);
      }
    }
  }

  /** One exchange as {@link ExchangeDeadlines} sees it: ended by cancelling the request, which closes its socket. */
  private static final class Exchange implements ExchangeDeadlines.Watched {
    private final HttpUriRequestBase message;
    private final Thread caller;
    private final long deadlineNanos;
    private volatile boolean expired;
    private volatile boolean interrupted;

    Exchange(HttpUriRequestBase message, Thread caller, long deadlineNanos) {
      this.message = message;
      this.caller = caller;
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public long deadlineNanos() {
      return deadlineNanos;
    }

    /** Returns whether the deadline or an interrupt ended this exchange. */
    boolean ended() {
      return expired || interrupted;
    }

    @Override
    public boolean callerInterrupted() {
      return caller.isInterrupted();
    }

    @Override
    public void expire() {
      if (caller.isInterrupted()) {
        interrupted = true;
      } else {
        expired = true;
      }
      message.cancel();
    }

    /**
     * Returns the failure in the engine's terms, to be thrown.
     *
     * @throws InterruptedException when the caller was interrupted
     */
    IOException explain(IOException e, Duration effective) throws InterruptedException {
      if (interrupted || Thread.currentThread().isInterrupted()) {
        Thread.interrupted();
        InterruptedException stop = new InterruptedException("interrupted while waiting for " + message.getMethod() + " "
            + message.getPath());
        stop.initCause(e);
        throw stop;
      }
      if (e instanceof ResponseTooLargeException) {
        return e;
      }
      if (e instanceof MessageConstraintException
          || e.getCause() instanceof UnsupportedHttpVersionException) { // a response head that is not HTTP/1.x
        MalformedResponseException m = new MalformedResponseException(
            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 0);
        m.initCause(e);
        return m;
      }
      if (e instanceof ConnectTimeoutException) {
        HttpConnectTimeoutException t = new HttpConnectTimeoutException("connecting timed out: " + e.getMessage());
        t.initCause(e);
        return t;
      }
      if (expired || e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException
          || (e instanceof InterruptedIOException && System.nanoTime() - deadlineNanos >= 0)) {
        HttpTimeoutException t = new HttpTimeoutException("the exchange did not complete in time (" + effective.toMillis()
            + " ms for the request and its whole body)");
        t.initCause(e);
        return t;
      }
      return e;
    }
  }
}
