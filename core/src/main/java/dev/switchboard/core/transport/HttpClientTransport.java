package dev.switchboard.core.transport;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

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
   * Collects a body into one array. The buffers HttpClient hands over are kept as they come and joined once at
   * the end (one allocation of the body's size, as {@link HttpResponse.BodySubscribers#ofByteArray()} does),
   * unless they turn out to be a flood of tiny ones (a chunked body of 1-byte chunks arrives as one small buffer
   * per chunk, and keeping those held some 70 times the body): past {@value #COMPACT_AFTER_BUFFERS} buffers
   * averaging under {@value #SMALL_BUFFER_BYTES} bytes, what arrived is copied into one growing array and every
   * later buffer is copied into it and let go. More than the cap stops reading, cancels the exchange and fails
   * with {@link ResponseTooLargeException}. The exchange's deadline is watched by {@link BodyDeadlines}.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]>, BodyDeadlines.Watched {
    private static final int COMPACT_AFTER_BUFFERS = 1024;
    private static final int SMALL_BUFFER_BYTES = 256;

    private final long maxBytes;
    private final long deadlineNanos;
    private final Duration timeout;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final List<ByteBuffer> received = new ArrayList<>();
    private Flow.Subscription subscription;
    private byte[] compacted;
    private int total;

    CappedBody(long maxBytes, long deadlineNanos, Duration timeout) {
      this.maxBytes = maxBytes;
      this.deadlineNanos = deadlineNanos;
      this.timeout = timeout;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
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
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      long size = total;
      for (ByteBuffer buffer : buffers) {
        size += buffer.remaining();
      }
      if (size > maxBytes) {
        finished();
        received.clear();
        compacted = null;
        subscription.cancel();
        result.completeExceptionally(new ResponseTooLargeException(maxBytes));
        return;
      }
      if (compacted != null) {
        copy(buffers, size);
        return;
      }
      received.addAll(buffers);
      total = (int) size; // maxBytes is at most Integer.MAX_VALUE - 8 (TransportSettings)
      if (received.size() > COMPACT_AFTER_BUFFERS && total / received.size() < SMALL_BUFFER_BYTES) {
        List<ByteBuffer> kept = new ArrayList<>(received);
        received.clear();
        compacted = new byte[0];
        total = 0;
        copy(kept, size);
      }
    }

    /** Copies buffers into the growing array, which then holds {@code size} bytes. */
    private void copy(List<ByteBuffer> buffers, long size) {
      if (size > compacted.length) {
        compacted = Arrays.copyOf(compacted, (int) Math.min(maxBytes, Math.max(size, 2L * compacted.length)));
      }
      for (ByteBuffer buffer : buffers) {
        int n = buffer.remaining();
        buffer.get(compacted, total, n);
        total += n;
      }
    }

    @Override
    public void onError(Throwable error) {
      finished();
      received.clear();
      compacted = null;
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      finished();
      byte[] body;
      if (compacted != null) {
        body = total == compacted.length ? compacted : Arrays.copyOf(compacted, total);
      } else {
        body = new byte[total];
        int at = 0;
        for (ByteBuffer buffer : received) {
          int n = buffer.remaining();
          buffer.get(body, at, n);
          at += n;
        }
      }
      received.clear();
      compacted = null;
      result.complete(body);
    }
  }
}
