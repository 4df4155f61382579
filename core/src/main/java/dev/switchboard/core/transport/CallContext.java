package dev.switchboard.core.transport;

import java.time.Duration;

/**
 * What the links of a call's chain know about the call: which action, whether it may be retried, and its
 * deadline. One per call (all pages of a listing share it); thread-confined to the call.
 *
 * @param action the action reference, such as {@code okta.list_users}
 * @param retryable whether the request may be sent again after a failure (idempotent methods, or an action
 *     annotated {@code idempotent: true})
 * @param deadlineNanos the {@link System#nanoTime()} value after which no further request is sent
 * @param stats counters of what happened, reported in the run record
 */
public record CallContext(String action, boolean retryable, long deadlineNanos, CallStats stats) {
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
   * @param action the action reference
   * @param retryable whether retries are allowed
   * @param budget the whole call's time budget
   * @return the context, with fresh stats
   */
  public static CallContext start(String action, boolean retryable, Duration budget) {
    return new CallContext(action, retryable, System.nanoTime() + budget.toNanos(), new CallStats());
  }
}
