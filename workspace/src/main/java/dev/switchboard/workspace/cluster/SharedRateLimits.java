package dev.switchboard.workspace.cluster;

import dev.switchboard.core.ratelimit.RateLimitHeaders;
import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.core.ratelimit.ServerClock;
import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Rate-limit buckets kept in PostgreSQL (the unlogged table {@code rate_bucket}), so that every server instance
 * calling the same service paces as one client. Each request asks for a permit with one atomic
 * {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} (a single round trip; the row lock lasts that statement):
 *
 * <ul>
 *   <li>while the window is known and open (its reset, in the service's time as this instance's {@link ServerClock}
 *       surely reached, is still ahead) and {@code remaining} is above the reserve, {@code remaining} is counted down
 *       and the request goes: a request in flight is counted before it is sent, whichever instance sends it;
 *   <li>when the window is not known (first use, or its reset has passed), one request, the probe, goes alone: the
 *       grant that holds it is written in {@code probe_by} for {@value #PROBE_LEASE_MS} ms (so a probe whose
 *       instance died is given to another after that); the others ask again every {@value #POLL_MS} ms;
 *   <li>when the window is used up, requests wait until its reset, then ask again.
 * </ul>
 *
 * <p>Responses report back: the probe's response opens the window (its remaining and reset) before the probe's call
 * goes on, as does a 429 (the window used up) or a response from a newer window; a response that shows fewer
 * requests left than counted here (another client of the same service) lowers {@code remaining} in the background.
 * Any other response costs nothing, so a call of one request costs one round trip (counted by {@link RoundTrips}). A
 * bucket whose service sends no rate-limit headers is marked unpaced and then asked no more. Thread-safe.
 */
public final class SharedRateLimits implements RateLimitStore {
  /** How long a probe of an unknown window is held for its grant, in milliseconds. */
  public static final long PROBE_LEASE_MS = 5_000;
  /** How often a request waiting for another instance's probe asks again, in milliseconds. */
  public static final long POLL_MS = 5;

  private static final String GRANT = "INSERT INTO rate_bucket AS b (scope, bucket, probe_by, probe_until, granted_to)"
      + " VALUES (:scope, :bucket, :grant, :leaseUntil, :grant) ON CONFLICT (scope, bucket) DO UPDATE SET"
      + " remaining = CASE WHEN b.paced = 1 AND b.reset_at * 1000 > :serverNow AND b.remaining > :reserve"
      + "   THEN b.remaining - 1 ELSE b.remaining END,"
      + " probe_by = CASE WHEN b.paced = 1 AND b.reset_at * 1000 <= :serverNow AND (b.probe_by IS NULL OR b.probe_until < :now)"
      + "   THEN :grant ELSE b.probe_by END,"
      + " probe_until = CASE WHEN b.paced = 1 AND b.reset_at * 1000 <= :serverNow AND (b.probe_by IS NULL OR b.probe_until < :now)"
      + "   THEN :leaseUntil ELSE b.probe_until END,"
      + " granted_to = CASE WHEN b.paced = 0 OR (b.reset_at * 1000 > :serverNow AND b.remaining > :reserve)"
      + "   OR (b.reset_at * 1000 <= :serverNow AND (b.probe_by IS NULL OR b.probe_until < :now)) THEN :grant ELSE b.granted_to END"
      + " RETURNING b.paced, b.remaining, b.reset_at, b.probe_by, b.granted_to";
  private static final String REPORT = "UPDATE rate_bucket SET"
      + " paced = CASE WHEN :present THEN 1 WHEN :unpaced THEN 0 ELSE paced END,"
      + " remaining = CASE WHEN NOT :present THEN remaining WHEN :reset > reset_at THEN :remaining"
      + "   WHEN :reset = reset_at THEN LEAST(remaining, :remaining) ELSE remaining END,"
      + " reset_at = CASE WHEN :present AND :reset > reset_at THEN :reset ELSE reset_at END,"
      + " probe_until = CASE WHEN probe_by = :grant THEN 0 ELSE probe_until END,"
      + " probe_by = CASE WHEN probe_by = :grant THEN NULL ELSE probe_by END"
      + " WHERE scope = :scope AND bucket = :bucket";

  private final Jdbi jdbi;
  private final String instance;
  private final RoundTrips trips;
  private final PrintWriter log;
  private final AtomicLong grants = new AtomicLong();
  private final Map<String, Report> lowering = new ConcurrentHashMap<>();
  private final ExecutorService background;

  /**
   * Creates the store.
   *
   * @param jdbi the workspace's PostgreSQL database
   * @param instance this instance's id, which prefixes its grants
   * @param trips where round trips are counted
   * @param log where a failed background report is told
   */
  public SharedRateLimits(Jdbi jdbi, String instance, RoundTrips trips, PrintWriter log) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.instance = Objects.requireNonNull(instance);
    this.trips = Objects.requireNonNull(trips);
    this.log = Objects.requireNonNull(log);
    this.background = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "switchboard-rate-limit-reports");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public Bucket bucket(String scope, String bucket, ServerClock clock, long reserve, TimeSource time) {
    return new SharedBucket(scope, bucket, clock, reserve, time);
  }

  /** Stops the background reports (those queued are dropped: the next responses tell the same). */
  public void close() {
    background.shutdownNow();
  }

  /** The row after a grant: what this instance was given, and what the bucket says. */
  private record Granted(boolean paced, long remaining, long resetAt, boolean probe, boolean granted) {}

  /** A report of one response, for the statement {@link #REPORT}. */
  private record Report(String scope, String bucket, String grant, boolean present, boolean unpaced, long remaining, long reset) {}

  private final class SharedBucket implements Bucket {
    private final String scope;
    private final String bucket;
    private final ServerClock clock;
    private final long reserve;
    private final TimeSource time;
    private volatile boolean unpaced;

    SharedBucket(String scope, String bucket, ServerClock clock, long reserve, TimeSource time) {
      this.scope = scope;
      this.bucket = bucket;
      this.clock = clock;
      this.reserve = reserve;
      this.time = time;
    }

    @Override
    public Permit acquire(CallContext call) throws CallTimeoutException, InterruptedException {
      if (unpaced) {
        return new UnpacedPermit();
      }
      long start = time.nanoTime();
      try {
        for (int attempt = 0; ; attempt++) {
          String grant = instance + "/" + grants.incrementAndGet();
          long now = time.epochMillis();
          long serverNow = clock.serverMillis(now);
          Granted g = grant(grant, now, serverNow, attempt == 0);
          if (!g.paced()) {
            unpaced = true;
            return new UnpacedPermit();
          }
          if (g.granted()) {
            return g.probe() ? new ProbePermit(grant) : new WindowPermit(grant, g.remaining(), g.resetAt());
          }
          boolean windowUsedUp = g.resetAt() * 1000 > serverNow;
          long waitMillis = windowUsedUp ? Math.max(1, clock.millisUntil(g.resetAt() * 1000, now)) : POLL_MS;
          long left = call.remaining().toMillis();
          if (left <= 0 || (windowUsedUp && waitMillis > left)) {
            throw new CallTimeoutException("the call's time budget ends before the rate limit resets at "
                + Instant.ofEpochSecond(g.resetAt()));
          }
          time.sleep(Math.min(waitMillis, left));
        }
      } finally {
        long waited = time.nanoTime() - start;
        if (waited > 1_000_000) {
          call.stats().waitedForRateLimit(waited);
        }
      }
    }

    private Granted grant(String grant, long now, long serverNow, boolean first) {
      if (first) {
        trips.bucketGrant();
      } else {
        trips.bucketWait();
      }
      return jdbi.withHandle(h -> h.createQuery(GRANT).bind("scope", scope).bind("bucket", bucket).bind("grant", grant)
          .bind("now", now).bind("leaseUntil", now + PROBE_LEASE_MS).bind("serverNow", serverNow).bind("reserve", reserve)
          .map((rs, ctx) -> new Granted(rs.getInt("paced") == 1, rs.getLong("remaining"), rs.getLong("reset_at"),
              grant.equals(rs.getString("probe_by")), grant.equals(rs.getString("granted_to"))))
          .one());
    }

    private void report(Report r) {
      trips.bucketReport();
      jdbi.useHandle(h -> h.createUpdate(REPORT).bind("scope", r.scope()).bind("bucket", r.bucket()).bind("grant", r.grant())
          .bind("present", r.present()).bind("unpaced", r.unpaced()).bind("remaining", r.remaining()).bind("reset", r.reset())
          .execute());
    }

    private void observe(RateLimitHeaders headers) {
      if (headers != null && headers.serverDateMillis() > 0) {
        clock.observe(headers.serverDateMillis(), System.currentTimeMillis());
      }
    }

    private static long reported(RateLimitHeaders headers, int status) {
      return status == 429 ? 0 : headers.remaining();
    }

    /** The permit of the one request that probes an unknown window: its response opens the window for everyone. */
    private final class ProbePermit implements Permit {
      private final String grant;

      ProbePermit(String grant) {
        this.grant = grant;
      }

      @Override
      public void release(RateLimitHeaders headers, int status) {
        observe(headers);
        boolean concurrency = headers != null && status == 429 && headers.concurrencyLimited();
        boolean present = headers != null && headers.present() && !concurrency;
        boolean noHeaders = headers != null && !headers.present() && status != 429;
        if (noHeaders) {
          unpaced = true;
        }
        report(new Report(scope, bucket, grant, present, noHeaders, present ? reported(headers, status) : 0,
            present ? headers.resetEpochSeconds() : 0));
      }
    }

    /** The permit of a request counted in a known window. */
    private final class WindowPermit implements Permit {
      private final String grant;
      private final long remaining;
      private final long resetAt;

      WindowPermit(String grant, long remaining, long resetAt) {
        this.grant = grant;
        this.remaining = remaining;
        this.resetAt = resetAt;
      }

      @Override
      public void release(RateLimitHeaders headers, int status) {
        observe(headers);
        if (headers == null || !headers.present() || (status == 429 && headers.concurrencyLimited())) {
          return;
        }
        long left = reported(headers, status);
        Report r = new Report(scope, bucket, grant, true, false, left, headers.resetEpochSeconds());
        if (status == 429 || headers.resetEpochSeconds() > resetAt) {
          report(r);
        } else if (headers.resetEpochSeconds() == resetAt && left < remaining) {
          String key = scope + " " + bucket;
          if (lowering.merge(key, r, (a, b) -> a.remaining() <= b.remaining() ? a : b) == r) {
            background.execute(() -> {
              Report lowest = lowering.remove(key);
              if (lowest != null) {
                try {
                  report(lowest);
                } catch (RuntimeException e) {
                  log.println("switchboard serve: a rate-limit report to the database failed: " + e.getClass().getSimpleName());
                  log.flush();
                }
              }
            });
          }
        }
      }
    }

    /** The permit of a bucket whose service sends no rate-limit headers: nothing to count, unless headers appear. */
    private final class UnpacedPermit implements Permit {
      @Override
      public void release(RateLimitHeaders headers, int status) {
        observe(headers);
        if (headers != null && headers.present()) {
          unpaced = false;
          report(new Report(scope, bucket, "", true, false, reported(headers, status), headers.resetEpochSeconds()));
        }
      }
    }
  }
}
