package dev.switchboard.core.retry;

import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.Response;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Decides whether an attempt is tried again and after how long, as Feign's {@code Retryer} does: one small
 * decision per connector, which {@link RetryInterceptor} asks after each attempt and carries out (waiting by the
 * engine's clock, never past the call's deadline). {@link StandardRetryer} is the engine's.
 */
public interface Retryer {
  /**
   * Decides after a response.
   *
   * @param attempt the attempt that got it, 1 for the first
   * @param response the response
   * @param call the call (whether it may be retried, its stats)
   * @return the wait in milliseconds before the next attempt, or empty to hand the response back as it is
   */
  OptionalLong afterResponse(int attempt, Response response, CallContext call);

  /**
   * Decides after a failure to get any response.
   *
   * @param attempt the attempt that failed, 1 for the first
   * @param failure the failure
   * @param call the call
   * @return the wait in milliseconds before the next attempt, or empty to throw the failure
   */
  OptionalLong afterFailure(int attempt, IOException failure, CallContext call);
}
