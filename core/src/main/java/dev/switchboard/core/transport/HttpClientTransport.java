package dev.switchboard.core.transport;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transport on {@link java.net.http.HttpClient}: HTTP/1.1, no redirects followed (so credentials never
 * travel to a host the connector did not name), a connect timeout, a per-request timeout and a cap on the
 * body size.
 */
public final class HttpClientTransport implements Transport {
  /** Default connect timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time for one request, from sending to the last byte of its body: 60 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** Default cap on one response body: 10 MB (10,485,760 bytes). */
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

  /** Returns how many body deadlines are waiting: those of bodies being read now (for tests). */
  static int pendingDeadlines() {
    return BodyDeadlines.instance().size();
  }

  /** Returns the client (for tests). */
  HttpClient client() {
    return client;
  }

  private final HttpClient client;
  private final Duration requestTimeout;
  private final long maxBodyBytes;

  /** Creates a transport with the default timeouts and body cap. */
  public HttpClientTransport() {
    this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Creates a transport.
   *
   * @param connectTimeout the TCP and TLS connect timeout
   * @param requestTimeout the time allowed for one request until its response headers arrive
   * @param maxBodyBytes the largest body read, in bytes; a larger one fails with {@link ResponseTooLargeException}
   */
  public HttpClientTransport(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes) {
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
    HttpClientsAtExit.register(client);
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Response send(Request request, Duration timeout) throws IOException, InterruptedException {
    Duration effective = timeout.compareTo(requestTimeout) < 0 ? timeout : requestTimeout;
    if (effective.isNegative() || effective.isZero()) {
      throw new HttpTimeoutException("no time left in the call's time budget");
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(effective);
    request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    builder.method(request.method(), request.body().length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    long start = System.nanoTime();
    long deadline = start + effective.toNanos();
    // the request's own timeout covers the wait for the headers, the body's deadline the rest
    HttpResponse<byte[]> response;
    try {
      response = client.send(builder.build(), info -> new CappedBody(maxBodyBytes, deadline, effective));
    } catch (IOException e) {
      if (e.getCause() instanceof ResponseTooLargeException tooLarge) {
        throw tooLarge; // HttpClient wraps the exceptions it does not know
      }
      throw e;
    }
    long elapsed = System.nanoTime() - start;
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return new Response(request.uri(), response.statusCode(), headers, response.body(), elapsed);
  }

  /**
   * Collects a body into one array as it arrives: each buffer HttpClient hands over is copied into a growing array
   * and let go at once, so the heap held is about the body's size whatever its framing (a chunked body of 1-byte
   * chunks arrives as one tiny buffer per chunk, and keeping those held some 70 times the body). More than the cap
   * stops reading, cancels the exchange and fails with {@link ResponseTooLargeException}. The exchange's deadline
   * is watched by {@link BodyDeadlines}.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]>, BodyDeadlines.Watched {
    private final long maxBytes;
    private final long deadlineNanos;
    private final Duration timeout;
    private final java.util.concurrent.CompletableFuture<byte[]> result = new java.util.concurrent.CompletableFuture<>();
    private java.util.concurrent.Flow.Subscription subscription;
    private byte[] bytes = new byte[8192];
    private int total;

    CappedBody(long maxBytes, long deadlineNanos, Duration timeout) {
      this.maxBytes = maxBytes;
      this.deadlineNanos = deadlineNanos;
      this.timeout = timeout;
    }

    @Override
    public java.util.concurrent.CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
      this.subscription = subscription;
      BodyDeadlines.instance().watch(this);
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public long deadlineNanos() {
      return deadlineNanos;
    }

    @Override
    public void expire() {
      if (result.completeExceptionally(new HttpTimeoutException("the response body did not arrive in time ("
          + timeout.toMillis() + " ms for the whole exchange)"))) {
        subscription.cancel(); // the array is let go with this subscriber; onNext may be copying into it now
      }
    }

    private void finished() {
      BodyDeadlines.instance().leave(this);
    }

    @Override
    public void onNext(List<java.nio.ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      long size = total;
      for (java.nio.ByteBuffer buffer : buffers) {
        size += buffer.remaining();
      }
      if (size > maxBytes) {
        finished();
        bytes = null;
        subscription.cancel();
        result.completeExceptionally(new ResponseTooLargeException(maxBytes));
        return;
      }
      if (size > bytes.length) {
        // maxBytes is at most Integer.MAX_VALUE - 8 (TransportSettings), so the size fits one array
        bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(size, 2L * bytes.length)));
      }
      for (java.nio.ByteBuffer buffer : buffers) {
        int n = buffer.remaining();
        buffer.get(bytes, total, n);
        total += n;
      }
    }

    @Override
    public void onError(Throwable error) {
      finished();
      bytes = null;
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      finished();
      byte[] body = bytes == null ? new byte[0] : total == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, total);
      bytes = null;
      result.complete(body);
    }
  }
}
