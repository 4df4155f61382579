package dev.switchboard.core.retry;

import dev.switchboard.core.ratelimit.HttpDate;
import dev.switchboard.core.ratelimit.RateLimitFields;
import dev.switchboard.core.ratelimit.RateLimitHeaders;
import dev.switchboard.core.ratelimit.ServerClock;
import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import dev.switchboard.core.transport.MalformedResponseException;
import dev.switchboard.core.transport.Response;
import dev.switchboard.core.transport.ResponseTooLargeException;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.OptionalLong;

/**
 * The engine's {@link Retryer}:
 *
 * <ul>
 *   <li>429: always retried (the server refused the request before acting on it), after the window's reset as the
 *       connector's {@link RateLimitFields} read it, measured against the server's {@code Date} (never before it);
 *       else after {@code Retry-After} (seconds or an HTTP-date, RFC 9110 section 10.2.3); else after a backoff. A
 *       429 marked as the concurrency limit backs off.
 *   <li>503 and 504: retried only when the call is retryable (an idempotent method, or an action annotated
 *       {@code idempotent: true}), after {@code Retry-After} or a backoff.
 *   <li>Failures to get any response: retried when the call is retryable; a refused connection always, as nothing
 *       was sent; never a timeout of the whole call, a body over the cap or a malformed response.
 *   <li>Backoff: exponential from the policy's initial value, doubling, ±50% random jitter, capped
 *       (resilience4j's {@link IntervalFunction#ofExponentialRandomBackoff}).
 * </ul>
 */
public final class StandardRetryer implements Retryer {
  private final RetryPolicy policy;
  private final ServerClock clock;
  private final RateLimitFields rateLimit;
  private final TimeSource time;
  private final IntervalFunction backoff;

  /**
   * Creates the retryer of one connector.
   *
   * @param policy the connector's retry policy
   * @param clock the server clock resets are measured against
   * @param rateLimit how the connector's rate-limit headers read
   * @param time the engine's clock
   */
  public StandardRetryer(RetryPolicy policy, ServerClock clock, RateLimitFields rateLimit, TimeSource time) {
    this.policy = policy;
    this.clock = clock;
    this.rateLimit = rateLimit;
    this.time = time;
    this.backoff = IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff().toMillis(), 2.0, 0.5,
        policy.maxBackoff().toMillis());
  }

  @Override
  public OptionalLong afterResponse(int attempt, Response response, CallContext call) {
    int status = response.status();
    boolean retried = status == 429 || ((status == 503 || status == 504) && call.retryable());
    if (!retried || attempt >= policy.maxAttempts()) {
      return OptionalLong.empty();
    }
    if (status == 429) {
      RateLimitHeaders headers = rateLimit.read(response, time.epochMillis());
      if (headers.serverDateMillis() > 0) {
        clock.observe(headers.serverDateMillis(), time.epochMillis());
      }
      if (headers.resetEpochSeconds() > 0 && !headers.concurrencyLimited()) {
        return OptionalLong.of(clock.millisUntil(headers.resetEpochSeconds() * 1000, time.epochMillis()));
      }
    }
    OptionalLong retryAfter = retryAfter(response);
    return retryAfter.isPresent() ? retryAfter : OptionalLong.of(backoff.apply(attempt));
  }

  @Override
  public OptionalLong afterFailure(int attempt, IOException failure, CallContext call) {
    if (attempt >= policy.maxAttempts() || !retryable(failure, call)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(backoff.apply(attempt));
  }

  /** Reads {@code Retry-After}: delay seconds, or an HTTP-date measured against the server's clock. */
  private OptionalLong retryAfter(Response response) {
    return response.header("retry-after").map(v -> {
      String value = v.strip();
      try {
        return OptionalLong.of(Math.max(0, Long.parseLong(value)) * 1000);
      } catch (NumberFormatException e) {
        long at = HttpDate.parseMillis(value);
        return at > 0 ? OptionalLong.of(clock.millisUntil(at, time.epochMillis())) : OptionalLong.empty();
      }
    }).orElse(OptionalLong.empty());
  }

  private static boolean retryable(IOException e, CallContext call) {
    if (e instanceof CallTimeoutException || e instanceof ResponseTooLargeException || e instanceof MalformedResponseException) {
      return false;
    }
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return true;
    }
    return call.retryable();
  }
}
