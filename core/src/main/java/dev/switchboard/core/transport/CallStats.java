package dev.switchboard.core.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one call, kept by the links of its chain and reported with each page as the run record:
 * requests sent, retries, 429 answers received, and time spent waiting for rate limits and backoff.
 * Thread-safe.
 */
public final class CallStats {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong rateLimitWaitNanos = new AtomicLong();
  private final AtomicLong backoffWaitNanos = new AtomicLong();

  /** Counts one request sent on the wire. */
  public void requestSent() {
    requests.incrementAndGet();
  }

  /** Counts one retry. */
  public void retried() {
    retries.incrementAndGet();
  }

  /** Counts one 429 answer. */
  public void rateLimited() {
    rateLimited.incrementAndGet();
  }

  /**
   * Adds time spent waiting for a rate-limit window to reset (or for a concurrency slot).
   *
   * @param nanos the wait, in nanoseconds
   */
  public void waitedForRateLimit(long nanos) {
    rateLimitWaitNanos.addAndGet(nanos);
  }

  /**
   * Adds time spent in retry backoff.
   *
   * @param nanos the wait, in nanoseconds
   */
  public void waitedForBackoff(long nanos) {
    backoffWaitNanos.addAndGet(nanos);
  }

  /** Returns a snapshot of the counters. */
  public Snapshot snapshot() {
    return new Snapshot(requests.get(), retries.get(), rateLimited.get(),
        rateLimitWaitNanos.get() / 1_000_000, backoffWaitNanos.get() / 1_000_000);
  }

  /**
   * The counters at one moment.
   *
   * @param requests requests sent on the wire, retries included
   * @param retries requests sent again after a failure
   * @param rateLimited 429 answers received (each was waited out and retried, or surfaced as an error)
   * @param rateLimitWaitMs time spent waiting for rate-limit resets and concurrency slots, in milliseconds
   * @param backoffWaitMs time spent in retry backoff, in milliseconds
   */
  public record Snapshot(long requests, long retries, long rateLimited, long rateLimitWaitMs, long backoffWaitMs) {}
}
