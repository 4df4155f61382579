package dev.switchboard.core.retry;

import dev.switchboard.core.ratelimit.RateLimitHeaders;
import dev.switchboard.core.ratelimit.ServerClock;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import dev.switchboard.core.transport.Interceptor;
import dev.switchboard.core.transport.MalformedResponseException;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import dev.switchboard.core.transport.ResponseTooLargeException;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;

/**
 * Sends a request again after a failure that another attempt can fix.
 *
 * <ul>
 *   <li>429: always retried (the server refused the request before acting on it), after waiting until
 *       {@code X-Rate-Limit-Reset} measured against the server's {@code Date} (never before it), or
 *       {@code Retry-After}, or a backoff. Okta's concurrency 429 (limit and remaining 0) backs off.
 *   <li>503, 504, and failures to get any response: retried only when the call is retryable (an idempotent
 *       method, or an action annotated {@code idempotent: true}); a refused connection is always retried,
 *       as nothing was sent. An exchange that timed out waiting for its answer is sent once more at most
 *       ({@value #MAX_TIMED_OUT_ATTEMPTS} attempts): a server that did not answer in the request timeout
 *       rarely answers the third time, and the user waits for every attempt.
 *   <li>Backoff: exponential from the policy's initial value, doubling, ±50% random jitter, capped
 *       (resilience4j's {@link IntervalFunction#ofExponentialRandomBackoff}).
 *   <li>No wait goes past the call's deadline: when the next attempt cannot start in time, the last
 *       response (or failure) is returned as it is.
 * </ul>
 */
public final class RetryInterceptor implements Interceptor {
  private static final Set<Integer> RETRY_STATUSES = Set.of(429, 503, 504);
  /** The most exchanges of one call that may end in a read timeout before the call gives up. */
  public static final int MAX_TIMED_OUT_ATTEMPTS = 2;

  private final RetryPolicy policy;
  private final ServerClock clock;
  private final IntervalFunction backoff;

  /**
   * Creates the link.
   *
   * @param policy the connector's retry policy
   * @param clock the server clock to measure rate-limit resets against
   */
  public RetryInterceptor(RetryPolicy policy, ServerClock clock) {
    this.policy = policy;
    this.clock = clock;
    this.backoff = IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff().toMillis(), 2.0, 0.5,
        policy.maxBackoff().toMillis());
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    CallContext call = chain.call();
    Request original = chain.request();
    String firstRequestId = null;
    int timedOut = 0;
    for (int attempt = 1; ; attempt++) {
      Request request = original;
      if (attempt > 1 && policy.oktaRetryHeaders()) {
        if (firstRequestId != null) {
          request = request.withHeader("X-Okta-Retry-For", firstRequestId);
        }
        request = request.withHeader("X-Okta-Retry-Count", Integer.toString(attempt - 1));
      }
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException) && !(e instanceof CallTimeoutException)) {
          timedOut++;
        }
        if (attempt >= policy.maxAttempts() || !retryable(e, call) || timedOut >= MAX_TIMED_OUT_ATTEMPTS) {
          throw e;
        }
        long delay = backoff.apply(attempt);
        if (!sleep(delay, call, false)) {
          throw e;
        }
        call.stats().retried();
        continue;
      }
      if (firstRequestId == null) {
        firstRequestId = response.header("x-okta-request-id").orElse(null);
      }
      int status = response.status();
      if (status == 429) {
        call.stats().rateLimited();
      }
      if (!RETRY_STATUSES.contains(status) || attempt >= policy.maxAttempts() || (status != 429 && !call.retryable())) {
        return response;
      }
      long delay = status == 429 ? rateLimitDelay(response, attempt) : retryAfter(response).orElse(backoff.apply(attempt));
      if (!sleep(delay, call, status == 429)) {
        return response;
      }
      call.stats().retried();
    }
  }

  private long rateLimitDelay(Response response, int attempt) {
    RateLimitHeaders headers = RateLimitHeaders.of(response);
    if (headers.serverDateMillis() > 0) {
      clock.observe(headers.serverDateMillis(), System.currentTimeMillis());
    }
    if (headers.resetEpochSeconds() > 0 && !headers.concurrencyLimited()) {
      return clock.millisUntil(headers.resetEpochSeconds() * 1000, System.currentTimeMillis());
    }
    return retryAfter(response).orElse(backoff.apply(attempt));
  }

  private static java.util.Optional<Long> retryAfter(Response response) {
    return response.header("retry-after").flatMap(v -> {
      try {
        return java.util.Optional.of(Math.max(0, Long.parseLong(v.strip())) * 1000);
      } catch (NumberFormatException e) {
        return java.util.Optional.empty();
      }
    });
  }

  private static boolean retryable(IOException e, CallContext call) {
    if (e instanceof CallTimeoutException || e instanceof ResponseTooLargeException || e instanceof MalformedResponseException) {
      return false;
    }
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return true;
    }
    if (e instanceof HttpTimeoutException) {
      return call.retryable();
    }
    return call.retryable();
  }

  private static boolean sleep(long millis, CallContext call, boolean rateLimit) throws InterruptedException {
    if (millis >= call.remaining().toMillis()) {
      return false;
    }
    if (millis > 0) {
      long start = System.nanoTime();
      Thread.sleep(millis);
      long waited = System.nanoTime() - start;
      if (rateLimit) {
        call.stats().waitedForRateLimit(waited);
      } else {
        call.stats().waitedForBackoff(waited);
      }
    }
    return true;
  }
}
