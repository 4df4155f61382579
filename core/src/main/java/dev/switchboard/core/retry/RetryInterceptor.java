package dev.switchboard.core.retry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.template.Escaper;
import dev.switchboard.core.template.Template;
import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import dev.switchboard.core.transport.Interceptor;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Sends a request again when the connector's {@link Retryer} says so: after each attempt it asks the retryer, waits
 * the delay by the engine's clock, and sends the request again with the policy's retry headers. No wait goes past
 * the call's deadline: when the next attempt cannot start in time, the last response (or failure) is handed back as
 * it is. An exchange that timed out waiting for its answer is sent once more at most
 * ({@value #MAX_TIMED_OUT_ATTEMPTS} attempts), whatever the retryer says: a server that did not answer in the
 * request timeout rarely answers the third time, and the user waits for every attempt.
 */
public final class RetryInterceptor implements Interceptor {
  /** The most exchanges of one call that may end in a read timeout before the call gives up. */
  public static final int MAX_TIMED_OUT_ATTEMPTS = 2;

  private final Retryer retryer;
  private final Map<String, Template> retryHeaders;
  private final Function<Response, Optional<String>> requestId;
  private final TimeSource time;

  /**
   * Creates the link.
   *
   * @param retryer decides whether and when to retry
   * @param retryHeaders the headers to add to retries ({@link RetryPolicy#headers()})
   * @param requestId reads the request id a response carries, for {@code first_request_id}
   * @param time the clock to wait by
   */
  public RetryInterceptor(Retryer retryer, Map<String, Template> retryHeaders, Function<Response, Optional<String>> requestId,
      TimeSource time) {
    this.retryer = retryer;
    this.retryHeaders = retryHeaders;
    this.requestId = requestId;
    this.time = time;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    CallContext call = chain.call();
    Request original = chain.request();
    String firstRequestId = null;
    int timedOut = 0;
    for (int attempt = 1; ; attempt++) {
      Request request = attempt == 1 ? original : withRetryHeaders(original, firstRequestId, attempt - 1);
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException) && !(e instanceof CallTimeoutException)) {
          timedOut++;
        }
        if (timedOut >= MAX_TIMED_OUT_ATTEMPTS) {
          throw e;
        }
        OptionalLong delay = retryer.afterFailure(attempt, e, call);
        if (delay.isEmpty() || !pause(delay.getAsLong(), call, false)) {
          throw e;
        }
        call.stats().retried();
        continue;
      }
      if (firstRequestId == null) {
        firstRequestId = requestId.apply(response).orElse(null);
      }
      if (response.status() == 429) {
        call.stats().rateLimited();
      }
      OptionalLong delay = retryer.afterResponse(attempt, response, call);
      if (delay.isEmpty() || !pause(delay.getAsLong(), call, response.status() == 429)) {
        return response;
      }
      call.stats().retried();
    }
  }

  private Request withRetryHeaders(Request request, String firstRequestId, int retryCount) {
    if (retryHeaders.isEmpty()) {
      return request;
    }
    ObjectNode scope = JsonNodeFactory.instance.objectNode();
    if (firstRequestId != null) {
      scope.put("first_request_id", firstRequestId);
    }
    scope.put("retry_count", retryCount);
    Request out = request;
    for (Map.Entry<String, Template> header : retryHeaders.entrySet()) {
      String value = header.getValue().render(scope, Escaper.HEADER_VALUE);
      if (!value.isEmpty()) {
        out = out.withHeader(header.getKey(), value);
      }
    }
    return out;
  }

  /** Waits before the next attempt; false (without waiting) when it would end past the call's deadline. */
  private boolean pause(long millis, CallContext call, boolean rateLimit) throws InterruptedException {
    if (millis >= call.remaining().toMillis()) {
      return false;
    }
    if (millis > 0) {
      long start = time.nanoTime();
      time.sleep(millis);
      long waited = time.nanoTime() - start;
      if (rateLimit) {
        call.stats().waitedForRateLimit(waited);
      } else {
        call.stats().waitedForBackoff(waited);
      }
    }
    return true;
  }
}
