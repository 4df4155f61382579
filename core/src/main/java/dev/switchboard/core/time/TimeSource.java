package dev.switchboard.core.time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * Where the engine's waiting code reads the time and waits: retry backoffs, rate-limit resets, {@code Retry-After}.
 * Injected per engine (as Feign's {@code Retryer.Default} reads its clock through one method) so that tests of
 * waiting advance a clock instead of sleeping; {@link #SYSTEM} is the real one.
 */
public interface TimeSource {
  /** The real clock: {@link System#currentTimeMillis()}, {@link System#nanoTime()}, real sleeps and waits. */
  TimeSource SYSTEM = new TimeSource() {
    @Override
    public long epochMillis() {
      return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }

    @Override
    public void await(Condition condition, long millis) throws InterruptedException {
      condition.await(millis, TimeUnit.MILLISECONDS);
    }
  };

  /** Returns the wall-clock time in epoch milliseconds (compared with servers' {@code Date} and reset times). */
  long epochMillis();

  /** Returns a monotonic time in nanoseconds, for measuring how long something waited. */
  long nanoTime();

  /**
   * Waits this long.
   *
   * @param millis milliseconds, at least 0
   * @throws InterruptedException when interrupted
   */
  void sleep(long millis) throws InterruptedException;

  /**
   * Waits on a condition whose lock the caller holds, at most this long or until it is signalled.
   *
   * @param condition the condition
   * @param millis the longest wait, in milliseconds
   * @throws InterruptedException when interrupted
   */
  void await(Condition condition, long millis) throws InterruptedException;
}
