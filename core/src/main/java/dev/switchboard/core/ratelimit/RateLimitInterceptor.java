package dev.switchboard.core.ratelimit;

import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import dev.switchboard.core.transport.Interceptor;
import dev.switchboard.core.transport.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Paces one connector's requests by the rate-limit headers its server sends (read by the connector's
 * {@link RateLimitFields}), one bucket per resource path (so actions on the same resource share one) kept in a
 * {@link RateLimitStore}, and caps how many of its requests are in flight at once. One instance per connector;
 * thread-safe.
 */
public final class RateLimitInterceptor implements Interceptor {
  private final ServerClock clock = new ServerClock();
  private final Map<String, RateLimitStore.Bucket> buckets = new ConcurrentHashMap<>();
  private final Semaphore concurrency;
  private final RateLimitFields fields;
  private final long reserve;
  private final TimeSource time;
  private final RateLimitStore store;
  private final String scope;

  /**
   * Creates the link with its buckets in memory ({@link RateLimitStore#IN_MEMORY}).
   *
   * @param maxConcurrent the most requests of this connector in flight at once
   * @param fields which headers tell the window ({@link RateLimitFields#NONE}: only the concurrency cap)
   * @param reserve requests of each window left unused (for other clients of the same service), usually 0
   * @param time the clock waits are measured and made by
   */
  public RateLimitInterceptor(int maxConcurrent, RateLimitFields fields, long reserve, TimeSource time) {
    this(maxConcurrent, fields, reserve, time, RateLimitStore.IN_MEMORY, "");
  }

  /**
   * Creates the link.
   *
   * @param maxConcurrent the most requests of this connector in flight at once
   * @param fields which headers tell the window ({@link RateLimitFields#NONE}: only the concurrency cap)
   * @param reserve requests of each window left unused (for other clients of the same service), usually 0
   * @param time the clock waits are measured and made by
   * @param store where the buckets' state lives
   * @param scope whose limits these are, for the store: the origin of the connector's base URL
   */
  public RateLimitInterceptor(int maxConcurrent, RateLimitFields fields, long reserve, TimeSource time,
      RateLimitStore store, String scope) {
    this.concurrency = new Semaphore(maxConcurrent, true);
    this.fields = fields;
    this.reserve = reserve;
    this.time = time;
    this.store = store;
    this.scope = scope;
  }

  /**
   * Returns the scope of a base URL's rate limits: its origin (RFC 6454 section 4), scheme and host in lower case and
   * the port only when it is not the scheme's default, so that {@code https://Acme.okta.com:443/api} and
   * {@code https://acme.okta.com} are paced as the one org they are.
   *
   * @param baseUrl an absolute URL
   * @return the origin, such as {@code https://acme.okta.com} or {@code http://127.0.0.1:8080}
   */
  public static String scopeOf(URI baseUrl) {
    String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
    String host = baseUrl.getHost() == null ? String.valueOf(baseUrl.getRawAuthority()) : baseUrl.getHost();
    int port = baseUrl.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** Returns the server clock learned from this connector's {@code Date} headers. */
  public ServerClock clock() {
    return clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    CallContext call = chain.call();
    long start = System.nanoTime();
    long left = call.remaining().toMillis();
    if (left <= 0 || !concurrency.tryAcquire(left, TimeUnit.MILLISECONDS)) {
      throw new CallTimeoutException("the call's time budget ran out waiting for one of the connector's "
          + "concurrent request slots");
    }
    long waited = System.nanoTime() - start;
    if (waited > 1_000_000) {
      call.stats().waitedForRateLimit(waited);
    }
    try {
      if (!fields.paces()) {
        return chain.proceed(chain.request());
      }
      RateLimitStore.Bucket bucket = buckets.computeIfAbsent(call.bucket(), k -> store.bucket(scope, k, clock, reserve, time));
      RateLimitStore.Permit permit = bucket.acquire(call);
      Response response = null;
      try {
        response = chain.proceed(chain.request());
        return response;
      } finally {
        permit.release(response == null ? null : fields.read(response, time.epochMillis()), response == null ? 0 : response.status());
      }
    } finally {
      concurrency.release();
    }
  }
}
