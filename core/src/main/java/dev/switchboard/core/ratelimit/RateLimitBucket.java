package dev.switchboard.core.ratelimit;

import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client-side view of one server rate-limit bucket, learned only from response headers, that paces
 * requests so the server's limit is not exceeded.
 *
 * <p>Rules: until a window's figures are known, one request at a time goes out (a probe); once known,
 * requests go out while {@code remaining - inFlight > reserve}; when the window is used up, requests wait
 * until its reset (measured on the {@link ServerClock}), then probe again. A 429 marks the window used up.
 * Figures of an older window (an earlier reset) never overwrite a newer one; within a window the lowest
 * remaining wins. A bucket that answers without rate-limit headers is not paced. Kept in memory
 * ({@link RateLimitStore#IN_MEMORY}): it paces this process's requests only. Thread-safe.
 */
final class RateLimitBucket implements RateLimitStore.Bucket, RateLimitStore.Permit {
  private final ServerClock clock;
  private final long reserve;
  private final TimeSource time;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  private int inFlight;
  private boolean paced = true;
  private boolean known;
  private long remaining;
  private long resetEpochSeconds;

  RateLimitBucket(ServerClock clock, long reserve, TimeSource time) {
    this.clock = clock;
    this.reserve = reserve;
    this.time = time;
  }

  /**
   * Waits until a request may go out, then counts it in flight.
   *
   * @param call the call, whose deadline bounds the wait and whose stats record it
   * @return this bucket, which is its own permit
   * @throws CallTimeoutException when the call's deadline comes first
   * @throws InterruptedException when interrupted
   */
  @Override
  public RateLimitStore.Permit acquire(CallContext call) throws CallTimeoutException, InterruptedException {
    long start = time.nanoTime();
    lock.lock();
    try {
      while (true) {
        if (!paced) {
          break;
        }
        long waitMillis;
        if (known) {
          long untilReset = clock.millisUntil(resetEpochSeconds * 1000, time.epochMillis());
          if (untilReset <= 0) {
            known = false;
            continue;
          }
          if (remaining - inFlight > reserve) {
            break;
          }
          waitMillis = untilReset;
        } else {
          if (inFlight == 0) {
            break;
          }
          waitMillis = 1000;
        }
        long left = call.remaining().toMillis();
        if (left <= 0 || (known && waitMillis > left)) {
          throw new CallTimeoutException("the call's time budget ends before the rate limit resets at "
              + Instant.ofEpochSecond(resetEpochSeconds));
        }
        time.await(changed, Math.min(waitMillis, left));
      }
      inFlight++;
      return this;
    } finally {
      lock.unlock();
      long waited = time.nanoTime() - start;
      if (waited > 1_000_000) {
        call.stats().waitedForRateLimit(waited);
      }
    }
  }

  /**
   * Counts a request as done and learns from its response's headers.
   *
   * @param headers the response's rate-limit headers, or null when no response arrived
   * @param status the response's status (429 marks the window used up), or 0 when none arrived
   */
  @Override
  public void release(RateLimitHeaders headers, int status) {
    lock.lock();
    try {
      inFlight--;
      if (headers != null) {
        learn(headers, status);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void learn(RateLimitHeaders headers, int status) {
    if (headers.serverDateMillis() > 0) {
      clock.observe(headers.serverDateMillis(), time.epochMillis());
    }
    if (status == 429 && headers.concurrencyLimited()) {
      return;
    }
    if (!headers.present()) {
      if (status != 429 && !known) {
        paced = false;
      }
      return;
    }
    paced = true;
    long reportedRemaining = status == 429 ? 0 : headers.remaining();
    if (!known || headers.resetEpochSeconds() > resetEpochSeconds) {
      known = true;
      resetEpochSeconds = headers.resetEpochSeconds();
      remaining = reportedRemaining;
    } else if (headers.resetEpochSeconds() == resetEpochSeconds) {
      remaining = Math.min(remaining, reportedRemaining);
    }
  }
}
