package dev.switchboard.workspace.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the database round trips this instance's coordination costs, split by whether a tool call waits for them (the
 * hot path) or not (background work), and the tool calls made, so that a benchmark or a test can read round trips per
 * call. Only what issue 15 adds is counted: a call's run record and its access-key check are issue 12's. Thread-safe.
 */
public final class RoundTrips {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong bucketGrants = new AtomicLong();
  private final AtomicLong bucketReports = new AtomicLong();
  private final AtomicLong bucketWaits = new AtomicLong();
  private final AtomicLong bucketBackground = new AtomicLong();
  private final AtomicLong heartbeats = new AtomicLong();

  /** Counts a tool call (or a test) that ran. */
  public void call() {
    calls.incrementAndGet();
  }

  /** Counts an update asking a shared bucket for a permit (hot path). */
  void bucketGrant() {
    bucketGrants.incrementAndGet();
  }

  /** Counts an update reporting a response's window to a shared bucket, made before the call goes on (hot path). */
  void bucketReport() {
    bucketReports.incrementAndGet();
  }

  /** Counts an update asking again after waiting for a window or a probe (a call that waits is not on the hot path); a lease
   * taken from memory costs none. */
  void bucketWait() {
    bucketWaits.incrementAndGet();
  }

  /**
   * Counts an update to a shared bucket made in the background (a lease's unused requests given back, a lowered count):
   * no call waits for it.
   */
  void bucketBackground() {
    bucketBackground.incrementAndGet();
  }

  /** Counts one heartbeat (with its sweep and notifications) in the background. */
  void heartbeat() {
    heartbeats.incrementAndGet();
  }

  /** {@return the round trips a call waited for, per call made (0 when no call was made)} */
  public double hotPathPerCall() {
    long n = calls.get();
    return n == 0 ? 0 : (double) (bucketGrants.get() + bucketReports.get()) / n;
  }

  /**
   * {@return the counters by name: calls, bucket_grants, bucket_reports (both on the hot path), bucket_waits,
   * bucket_background, heartbeats (background)}
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("calls", calls.get());
    out.put("bucket_grants", bucketGrants.get());
    out.put("bucket_reports", bucketReports.get());
    out.put("bucket_waits", bucketWaits.get());
    out.put("bucket_background", bucketBackground.get());
    out.put("heartbeats", heartbeats.get());
    return out;
  }
}
