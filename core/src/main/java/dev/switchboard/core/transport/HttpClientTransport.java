package dev.switchboard.core.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-body-deadline");
        t.setDaemon(true);
        return t;
      });

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
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Response send(Request request, Duration timeout) throws IOException, InterruptedException {
    Duration effective = timeout.compareTo(requestTimeout) < 0 ? timeout : requestTimeout;
    if (effective.isNegative() || effective.isZero()) {
      throw new java.net.http.HttpTimeoutException("no time left in the call's time budget");
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(effective);
    request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    builder.method(request.method(), request.body().length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    long start = System.nanoTime();
    HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    long left = effective.toNanos() - (System.nanoTime() - start);
    InputStream in = response.body();
    java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      expired.set(true);
      try {
        in.close();
      } catch (IOException e) {
        // closing is how the read is stopped; nothing else to do
      }
    }, Math.max(1, left), java.util.concurrent.TimeUnit.NANOSECONDS);
    try (in) {
      body = readCapped(in);
    } catch (IOException e) {
      if (expired.get()) {
        throw new java.net.http.HttpTimeoutException("the response body did not arrive in time (" + effective.toMillis() + " ms for the whole exchange)");
      }
      throw e;
    } finally {
      watchdog.cancel(false);
    }
    if (expired.get()) {
      throw new java.net.http.HttpTimeoutException("the response body did not arrive in time (" + effective.toMillis() + " ms for the whole exchange)");
    }
    long elapsed = System.nanoTime() - start;
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return new Response(request.uri(), response.statusCode(), headers, body, elapsed);
  }

  private byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[16384];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxBodyBytes) {
        throw new ResponseTooLargeException(maxBodyBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
