package dev.switchboard.core.ratelimit;

/**
 * The server's clock as seen from here, learned from {@code Date} headers, so that a reset given in the
 * server's epoch seconds is waited for against the server's time rather than this machine's (a reset time is the
 * server's; this machine's clock may be off by seconds).
 *
 * <p>A {@code Date} of second resolution received at local time L says the server's clock was at least
 * {@code Date - L} ahead of ours; the largest such bound over all responses is kept. Waiting until
 * {@code reset - bound} of local time is therefore never too early. Thread-safe.
 */
public final class ServerClock {
  private volatile long offsetMillis = Long.MIN_VALUE;

  /**
   * Takes one {@code Date} header into account.
   *
   * @param serverDateMillis the header, in epoch milliseconds
   * @param localMillisAtReceipt this machine's epoch milliseconds when the response arrived
   */
  public synchronized void observe(long serverDateMillis, long localMillisAtReceipt) {
    if (serverDateMillis <= 0) {
      return;
    }
    long bound = serverDateMillis - localMillisAtReceipt;
    if (offsetMillis == Long.MIN_VALUE || bound > offsetMillis || offsetMillis - bound > 60_000) {
      offsetMillis = bound;
    }
  }

  /**
   * Tells whether a {@code Date} has been observed: until then, {@link #serverMillis} is this machine's own time, which
   * is not known to be behind the server's.
   *
   * @return true once the server's time has been learned
   */
  public boolean known() {
    return offsetMillis != Long.MIN_VALUE;
  }

  /**
   * Returns how long to wait, from now, until the server's clock surely reads {@code serverEpochMillis}.
   *
   * @param serverEpochMillis a time on the server's clock, in epoch milliseconds
   * @param localMillisNow this machine's epoch milliseconds now
   * @return the wait in milliseconds, 0 when already past
   */
  public long millisUntil(long serverEpochMillis, long localMillisNow) {
    long offset = offsetMillis == Long.MIN_VALUE ? 0 : offsetMillis;
    return Math.max(0, serverEpochMillis - (localMillisNow + offset));
  }

  /**
   * Returns the server's time as surely reached now: this machine's time plus the learned bound (never ahead of
   * the server's clock), for comparing with a reset given in the server's time elsewhere (a shared bucket).
   *
   * @param localMillisNow this machine's epoch milliseconds now
   * @return the server's epoch milliseconds, at most what its clock reads
   */
  public long serverMillis(long localMillisNow) {
    long offset = offsetMillis == Long.MIN_VALUE ? 0 : offsetMillis;
    return localMillisNow + offset;
  }
}
