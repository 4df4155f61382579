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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;

/**
 * Rate-limit buckets kept in PostgreSQL (the unlogged table {@code rate_bucket}), so that every server instance
 * calling the same service paces as one client. An instance asks for requests with one atomic
 * {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} (a single round trip; the row lock lasts that statement):
 *
 * <ul>
 *   <li>while the window is known and open (its reset is still ahead in the service's time as surely reached: the
 *       later of this instance's {@link ServerClock} and {@code server_seen}, the latest such time any instance wrote
 *       in the row), no probe of the next window is out and {@code remaining} is above the reserve, the instance is
 *       granted a <em>lease</em>: {@code remaining} is counted down by as many requests as this instance asked for in
 *       the last {@value #LEASE_DEMAND_MS} ms, at least one and at most one in {@value #LEASE_SHARE} of what remains
 *       above the reserve. The lease's requests are spent from memory by this instance's next calls, without a round
 *       trip, for {@value #LEASE_MS} ms at most and never past the window's reset as this instance estimates it; what
 *       is left unused then goes back to the window in the background (unless the window is known to have reset).
 *       Every request is counted before it is sent, whichever instance sends it;
 *   <li>when the window is not known (first use, or its reset has passed), one request, the probe, goes alone: the
 *       grant that holds it is written in {@code probe_by} for {@value #PROBE_LEASE_MS} ms (so a probe whose
 *       instance died is given to another after that); the others ask again every {@value #POLL_MS} ms;
 *   <li>when the window is used up, requests wait until {@value #CLOCK_UNCERTAINTY_MS} ms before its reset as this
 *       instance estimates it (its estimate may lag the service's clock by up to that), then ask every
 *       {@value #POLL_MS} ms, taking only a newer window until the estimate reaches the reset: an instance whose
 *       estimate lags takes its share as soon as another opens the next window (it used to starve).
 * </ul>
 *
 * <p>The calls of one instance waiting on one bucket ask the database once between them per wait: each grant asked
 * for also writes this instance's surely reached service time to {@code server_seen} and takes up the row's, so the
 * instances' estimates of the service's clock converge on the best of them.
 *
 * <p>Responses report back: the probe's response opens the window (its remaining and reset) before the probe's call
 * goes on, as does a 429 (the window used up) or a response from a newer window, and these end this instance's
 * lease; a response that shows fewer requests left than counted here (another client of the same service) lowers
 * {@code remaining} in the background, less what this instance holds unsent. Any other response costs nothing. A
 * call therefore waits for at most one round trip, and under steady load for a fraction of one (counted by
 * {@link RoundTrips}). A bucket whose service sends no rate-limit headers is marked unpaced and then asked no more.
 *
 * <p>Counting stays exact while Switchboard is the service's only client, except around a reset: requests granted
 * from the old window and still on the wire when the new one opens, or sent from a lease by an instance whose
 * estimate still sees the old window, count in the new window, which the first answer from it opens without them (a
 * request or two in the tests; docs/scaling.md). With other clients, the count is corrected by their responses, and
 * what other instances hold unsent in their leases (at most one in {@value #LEASE_SHARE} of the window each) is not
 * known to the instance lowering the count; a reserve would be kept for that, but connectors are built with none
 * (no definition field sets one yet). An instance that dies with a lease loses its requests for the rest of that
 * window only. Thread-safe.
 */
public final class SharedRateLimits implements RateLimitStore {
  /** How long a probe of an unknown window is held for its grant, in milliseconds. */
  public static final long PROBE_LEASE_MS = 5_000;
  /** How often a request waiting for another instance's probe asks again, in milliseconds. */
  public static final long POLL_MS = 5;
  /** How long a lease's requests are kept before those left unused go back to the window, in milliseconds. */
  public static final long LEASE_MS = 500;
  /** A lease is sized for this instance's demand over this many milliseconds (what it asked for in as long before). */
  public static final long LEASE_DEMAND_MS = 100;
  /**
   * How long before its estimated reset a used-up window is asked for again, in milliseconds: a {@code Date} header
   * tells the service's time to the second, so this instance's estimate may lag the service's clock by up to that much.
   */
  public static final long CLOCK_UNCERTAINTY_MS = 1_000;
  /** A lease takes at most one in this many of the requests a window has left above the reserve. */
  public static final long LEASE_SHARE = 10;

  private static final String SERVER_NOW = "GREATEST(b.server_seen, :serverNow)";
  private static final String PROBING = "b.probe_by IS NOT NULL AND b.probe_until >= :now";
  private static final String OPEN = "b.paced = 1 AND b.reset_at > :newerThan AND b.reset_at * 1000 > " + SERVER_NOW
      + " AND b.remaining > :reserve AND NOT (" + PROBING + ")";
  private static final String SIZE = "LEAST(:want, GREATEST(1, (b.remaining - :reserve) / " + LEASE_SHARE + "))";
  private static final String PROBE = "b.paced = 1 AND b.reset_at * 1000 <= " + SERVER_NOW
      + " AND (b.probe_by IS NULL OR b.probe_until < :now)";
  private static final String GRANT = "INSERT INTO rate_bucket AS b (scope, bucket, probe_by, probe_until, granted_to,"
      + " server_seen) VALUES (:scope, :bucket, :grant, :leaseUntil, :grant, :seen) ON CONFLICT (scope, bucket) DO UPDATE SET"
      + " remaining = CASE WHEN " + OPEN + " THEN b.remaining - " + SIZE + " ELSE b.remaining END,"
      + " leased = CASE WHEN " + OPEN + " THEN " + SIZE + " ELSE 0 END,"
      + " probe_by = CASE WHEN " + PROBE + " THEN :grant ELSE b.probe_by END,"
      + " probe_until = CASE WHEN " + PROBE + " THEN :leaseUntil ELSE b.probe_until END,"
      + " granted_to = CASE WHEN b.paced = 0 OR (" + OPEN + ") OR (" + PROBE + ") THEN :grant ELSE b.granted_to END,"
      + " server_seen = GREATEST(b.server_seen, :seen)"
      + " RETURNING b.paced, b.remaining, b.reset_at, b.probe_by, b.granted_to, b.leased, b.server_seen";
  private static final String REPORT = "UPDATE rate_bucket SET"
      + " paced = CASE WHEN :present THEN 1 WHEN :unpaced THEN 0 ELSE paced END,"
      + " remaining = CASE WHEN NOT :present THEN remaining WHEN :reset > reset_at THEN :remaining"
      + "   WHEN :reset = reset_at THEN LEAST(remaining, :remaining) ELSE remaining END,"
      + " reset_at = CASE WHEN :present AND :reset > reset_at THEN :reset ELSE reset_at END,"
      + " probe_until = CASE WHEN probe_by = :grant OR (:present AND :reset > reset_at) THEN 0 ELSE probe_until END,"
      + " probe_by = CASE WHEN probe_by = :grant OR (:present AND :reset > reset_at) THEN NULL ELSE probe_by END"
      + " WHERE scope = :scope AND bucket = :bucket";
  private static final String RETURN = "UPDATE rate_bucket SET remaining = remaining + :unused"
      + " WHERE scope = :scope AND bucket = :bucket AND paced = 1 AND reset_at = :reset AND reset_at * 1000 > server_seen";

  private final Jdbi jdbi;
  private final String instance;
  private final RoundTrips trips;
  private final PrintWriter log;
  private final AtomicLong grants = new AtomicLong();
  private final Map<String, Report> lowering = new ConcurrentHashMap<>();
  private final ScheduledExecutorService background;

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
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "switchboard-rate-limit-reports");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public Bucket bucket(String scope, String bucket, ServerClock clock, long reserve, TimeSource time) {
    return new SharedBucket(scope, bucket, clock, reserve, time);
  }

  /**
   * Stops the background work. Reports queued are dropped (the next responses tell the same), and requests leased and
   * not yet returned stay counted until their window resets.
   */
  public void close() {
    background.shutdownNow();
  }

  /** The row after a grant: what this instance was given, and what the bucket says. */
  private record Granted(boolean paced, long remaining, long resetAt, boolean probe, boolean granted, long leased,
      long serverSeen) {}

  /**
   * A grant refused: when this instance asks again (local epoch ms), whether the window was used up (rather than
   * being probed by another), and its reset (the service's epoch seconds).
   */
  private record Refusal(long askAgainAt, boolean usedUp, long resetAt) {}

  /** A report of one response, for the statement {@link #REPORT}. */
  private record Report(String scope, String bucket, String grant, boolean present, boolean unpaced, long remaining, long reset) {}

  /** Runs background database work, telling the log (not the caller) when it fails. */
  private void inBackground(Runnable work) {
    try {
      background.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          log.println("switchboard serve: a rate-limit report to the database failed: " + e.getClass().getSimpleName());
          log.flush();
        }
      });
    } catch (RejectedExecutionException closed) {
      // closed: nothing more is reported
    }
  }

  /**
   * Requests of one open window granted to this instance at once, spent by its calls from memory.
   *
   * @param resetAt the window's reset, in the service's epoch seconds
   * @param remaining what the window had left in the database once this lease was taken
   * @param until when the lease ends, in local epoch milliseconds
   * @param unsent the lease's requests not yet taken
   * @param held the count of requests all of the bucket's leases on this instance hold unsent
   */
  private record Lease(long resetAt, long remaining, long until, AtomicLong unsent, AtomicLong held) {
    /** Takes one of the lease's requests; false when none is left. */
    boolean take() {
      for (long n = unsent.get(); n > 0; n = unsent.get()) {
        if (unsent.compareAndSet(n, n - 1)) {
          held.decrementAndGet();
          return true;
        }
      }
      return false;
    }

    /** Takes all the lease's requests left, for giving back or dropping; returns how many. */
    long takeAll() {
      long n = unsent.getAndSet(0);
      held.addAndGet(-n);
      return n;
    }
  }

  private final class SharedBucket implements Bucket {
    private final String scope;
    private final String bucket;
    private final ServerClock clock;
    private final long reserve;
    private final TimeSource time;
    /** Held while this instance asks the database for this bucket, so that calls arriving meanwhile share the lease. */
    private final ReentrantLock asking = new ReentrantLock();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private volatile boolean unpaced;
    private volatile Lease lease;
    /** The last refusal: this instance's calls wait until it says to ask again instead of each asking. */
    private volatile Refusal refusal;
    /** Guarded by {@link #asking}: {@link #asked} and the local time (epoch ms) at the last grant. */
    private long askedBefore;
    private long askedAt;

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
      asked.incrementAndGet();
      Permit leased = fromLease(time.epochMillis());
      if (leased != null) {
        return leased;
      }
      long start = time.nanoTime();
      try {
        for (int attempt = 0; ; attempt++) {
          long wait;
          long left = call.remaining().toMillis();
          if (left <= 0 || !asking.tryLock(left, TimeUnit.MILLISECONDS)) {
            throw new CallTimeoutException("the call's time budget ran out waiting for the shared rate limit");
          }
          Refusal refused;
          try {
            long now = time.epochMillis();
            leased = fromLease(now);
            if (leased != null) {
              return leased;
            }
            refused = refusal;
            if (refused == null || now >= refused.askAgainAt()) {
              String grant = instance + "/" + grants.incrementAndGet();
              long serverNow = clock.serverMillis(now);
              // Waiting for a used-up window before this instance's estimate of the service's clock reaches its reset,
              // only a newer window is taken: one that another instance's probe opened. What the used-up window shows
              // as left then (requests given back) may already count in the next window if the reset has come.
              long newerThan = refused != null && refused.usedUp() && refused.resetAt() * 1000 > serverNow ? refused.resetAt() : 0;
              Granted g = grant(grant, now, serverNow, newerThan, demand(now), attempt == 0);
              if (g.serverSeen() > 0) {
                // The service's time another instance was sure of: this instance's estimate takes it up if it lags.
                clock.observe(g.serverSeen(), time.epochMillis());
              }
              if (!g.paced()) {
                unpaced = true;
                return new UnpacedPermit();
              }
              if (g.granted()) {
                refusal = null;
                return g.probe() ? new ProbePermit(grant) : leaseOf(g, now);
              }
              // Used up: ask again from when the reset may have come, as the Date header's resolution allows (another
              // instance whose estimate is closer opens the next window, and this one then takes its share at once).
              boolean usedUp = g.resetAt() * 1000 > serverNow;
              long until = usedUp ? clock.millisUntil(g.resetAt() * 1000, now) - CLOCK_UNCERTAINTY_MS : 0;
              refused = new Refusal(now + Math.max(POLL_MS, until), usedUp, g.resetAt());
              refusal = refused;
            }
            wait = refused.askAgainAt() - now;
          } finally {
            asking.unlock();
          }
          left = call.remaining().toMillis();
          if (left <= 0 || (refused.usedUp() && wait > left)) {
            throw new CallTimeoutException("the call's time budget ends before the rate limit resets at "
                + Instant.ofEpochSecond(refused.resetAt()));
          }
          time.sleep(Math.min(wait, left));
        }
      } finally {
        long waited = time.nanoTime() - start;
        if (waited > 1_000_000) {
          call.stats().waitedForRateLimit(waited);
        }
      }
    }

    /** Takes a granted lease: this call's request, and the rest kept for this instance's next calls. */
    private Permit leaseOf(Granted g, long now) {
      Lease l = new Lease(g.resetAt(), g.remaining(), now + LEASE_MS, new AtomicLong(g.leased() - 1), held);
      if (g.leased() > 1) {
        held.addAndGet(g.leased() - 1);
        lease = l;
        long until = Math.min(LEASE_MS, Math.max(1, clock.millisUntil(g.resetAt() * 1000, now)));
        try {
          background.schedule(() -> giveBack(l), until, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
          // closed: the lease's unused requests stay counted until the window resets
        }
      }
      return new WindowPermit(l);
    }

    /** A permit from this instance's lease, or null when it has none left, has ended, or its window has reset. */
    private Permit fromLease(long now) {
      Lease l = lease;
      if (l == null || now >= l.until() || clock.serverMillis(now) >= l.resetAt() * 1000 || !l.take()) {
        return null;
      }
      return new WindowPermit(l);
    }

    /** How many requests to ask for: as many as were asked of this bucket here in the last {@value #LEASE_DEMAND_MS} ms. */
    private long demand(long now) {
      long n = asked.get();
      long since = Math.max(1, now - askedAt);
      long want = since >= 10 * LEASE_DEMAND_MS ? 1 : Math.max(1, (n - askedBefore) * LEASE_DEMAND_MS / since);
      askedBefore = n;
      askedAt = now;
      return want;
    }

    /** Gives what a lease left unsent back to its window (in the background, once the lease has ended). */
    private void giveBack(Lease l) {
      long unused = l.takeAll();
      if (unused <= 0) {
        return;
      }
      try {
        trips.bucketBackground();
        jdbi.useHandle(h -> h.createUpdate(RETURN).bind("scope", scope).bind("bucket", bucket).bind("unused", unused)
            .bind("reset", l.resetAt()).execute());
      } catch (RuntimeException e) {
        log.println("switchboard serve: returning unused rate-limit requests to the database failed: "
            + e.getClass().getSimpleName());
        log.flush();
      }
    }

    /**
     * Ends this instance's leases on the window of a permit's lease (a 429, or a response from a newer window, says the
     * window no longer holds): the requests they hold unsent are dropped, not sent.
     */
    private void endLeases(Lease of) {
      of.takeAll();
      Lease current = lease;
      if (current != null && current.resetAt() <= of.resetAt()) {
        current.takeAll();
        lease = null;
      }
    }

    private Granted grant(String grant, long now, long serverNow, long newerThan, long want, boolean first) {
      if (first) {
        trips.bucketGrant();
      } else {
        trips.bucketWait();
      }
      return jdbi.withHandle(h -> h.createQuery(GRANT).bind("scope", scope).bind("bucket", bucket).bind("grant", grant)
          .bind("now", now).bind("leaseUntil", now + PROBE_LEASE_MS).bind("serverNow", serverNow).bind("reserve", reserve)
          .bind("newerThan", newerThan).bind("want", want)
          .bind("seen", clock.known() ? serverNow : 0)
          .map((rs, ctx) -> new Granted(rs.getInt("paced") == 1, rs.getLong("remaining"), rs.getLong("reset_at"),
              grant.equals(rs.getString("probe_by")), grant.equals(rs.getString("granted_to")), rs.getLong("leased"),
              rs.getLong("server_seen")))
          .one());
    }

    /**
     * Reports a response before its call goes on. The call's answer does not depend on it: when the database cannot
     * be reached, the log is told and the call keeps its answer (the service did what was asked). A probe's report
     * lost so leaves the probe held until its lease runs out ({@value #PROBE_LEASE_MS} ms), then another instance probes.
     */
    private void report(Report r) {
      trips.bucketReport();
      try {
        update(r);
      } catch (RuntimeException e) {
        log.println("switchboard serve: a rate-limit report to the database failed (" + e.getClass().getSimpleName()
            + "); the call keeps its answer");
        log.flush();
      }
    }

    private void update(Report r) {
      jdbi.useHandle(h -> h.createUpdate(REPORT).bind("scope", r.scope()).bind("bucket", r.bucket()).bind("grant", r.grant())
          .bind("present", r.present()).bind("unpaced", r.unpaced()).bind("remaining", r.remaining()).bind("reset", r.reset())
          .execute());
    }

    private void observe(RateLimitHeaders headers) {
      if (headers != null && headers.serverDateMillis() > 0) {
        clock.observe(headers.serverDateMillis(), time.epochMillis());
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
        refusal = null;
        report(new Report(scope, bucket, grant, present, noHeaders, present ? reported(headers, status) : 0,
            present ? headers.resetEpochSeconds() : 0));
      }
    }

    /** The permit of a request counted in a known window, alone or as one of a lease's. */
    private final class WindowPermit implements Permit {
      private final Lease lease;

      WindowPermit(Lease lease) {
        this.lease = lease;
      }

      @Override
      public void release(RateLimitHeaders headers, int status) {
        observe(headers);
        if (headers == null || !headers.present() || (status == 429 && headers.concurrencyLimited())) {
          return;
        }
        long left = reported(headers, status);
        if (status == 429 || headers.resetEpochSeconds() > lease.resetAt()) {
          endLeases(lease);
          refusal = null;
          report(new Report(scope, bucket, "", true, false, left, headers.resetEpochSeconds()));
        } else if (headers.resetEpochSeconds() == lease.resetAt() && left < lease.remaining()) {
          // What this instance holds unsent is counted in the database but not yet by the service.
          Report r = new Report(scope, bucket, "", true, false, Math.max(0, left - held.get()), lease.resetAt());
          String key = scope + " " + bucket;
          if (lowering.merge(key, r, (a, b) -> a.remaining() <= b.remaining() ? a : b) == r) {
            inBackground(() -> {
              Report lowest = lowering.remove(key);
              if (lowest != null) {
                trips.bucketBackground();
                update(lowest);
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
