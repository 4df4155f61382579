package dev.switchboard.core.transport;

import java.time.Duration;

/**
 * What the links of a call's chain know about the call: which action, whether it may be retried, and its
 * deadline. One per call (all pages of a listing share it); thread-confined to the call.
 *
 * @param bucket what the call's rate-limit bucket is keyed by: the action's path template, such as
 *     {@code /api/v1/users/{{id}}}, so actions on the same resource share what they learn of the server's bucket
 * @param retryable whether the request may be sent again after a failure (idempotent methods, or an action
 *     annotated {@code idempotent: true})
 * @param deadlineNanos the {@link System#nanoTime()} value after which no further request is sent
 * @param stats counters of what happened, reported in the run record
 * @param observer sees each exchange of the call as it ends ({@link ExchangeObserver#NONE} when nobody records)
 */
public record CallContext(String bucket, boolean retryable, long deadlineNanos, CallStats stats, ExchangeObserver observer) {
  /**
   * Creates a context nobody observes.
   *
   * @param bucket the rate-limit bucket key
   * @param retryable whether retries are allowed
   * @param deadlineNanos the {@link System#nanoTime()} value after which no further request is sent
   * @param stats the call's counters
   */
  public CallContext(String bucket, boolean retryable, long deadlineNanos, CallStats stats) {
    this(bucket, retryable, deadlineNanos, stats, ExchangeObserver.NONE);
  }

  /**
   * Returns the time left before the deadline.
   *
   * @return the remaining time, zero or negative when past the deadline
   */
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  /**
   * Creates a context whose deadline is {@code budget} from now.
   *
   * @param bucket the rate-limit bucket key (the action's path template)
   * @param retryable whether retries are allowed
   * @param budget the whole call's time budget
   * @return the context, with fresh stats
   */
  public static CallContext start(String bucket, boolean retryable, Duration budget) {
    return start(bucket, retryable, budget, ExchangeObserver.NONE);
  }

  /**
   * Creates a context whose deadline is {@code budget} from now, with an observer of its exchanges.
   *
   * @param bucket the rate-limit bucket key (the action's path template)
   * @param retryable whether retries are allowed
   * @param budget the whole call's time budget
   * @param observer sees each exchange as it ends
   * @return the context, with fresh stats
   */
  public static CallContext start(String bucket, boolean retryable, Duration budget, ExchangeObserver observer) {
    return new CallContext(bucket, retryable, System.nanoTime() + budget.toNanos(), new CallStats(), observer);
  }
}
