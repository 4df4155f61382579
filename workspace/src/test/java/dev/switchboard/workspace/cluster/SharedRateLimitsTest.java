package dev.switchboard.workspace.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.ratelimit.RateLimitHeaders;
import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.core.ratelimit.ServerClock;
import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared buckets in PostgreSQL, driven directly as three instances would (three stores, each with its own server
 * clock), with the service's answers made up: what one instance's probe learns paces the others; a window is never
 * granted past its remaining requests, whichever instance asks; a bucket without rate-limit headers costs nothing.
 */
class SharedRateLimitsTest {
  private static final String SCOPE = "https://acme.okta.com";
  private static final PrintWriter NO_LOG = new PrintWriter(Writer.nullWriter());

  @TempDir
  Path dir;

  private Workspace workspace;
  private final List<SharedRateLimits> stores = new ArrayList<>();
  private final List<RoundTrips> trips = new ArrayList<>();

  @BeforeEach
  void open() {
    workspace = Workspace.builder(TestDatabases.fresh(Database.Kind.POSTGRESQL, dir), TestDatabases.key()).open();
    for (int i = 0; i < 3; i++) {
      RoundTrips t = new RoundTrips();
      trips.add(t);
      stores.add(new SharedRateLimits(Jdbi.create(workspace.dataSource()), "inst_" + i, t, NO_LOG));
    }
  }

  @AfterEach
  void close() {
    stores.forEach(SharedRateLimits::close);
    workspace.close();
  }

  private static CallContext call(Duration budget) {
    return CallContext.start("/api/v1/users", true, budget);
  }

  /** Headers of a window: remaining requests and a reset a minute ahead; Date now. */
  private static RateLimitHeaders window(long remaining, long resetEpochSeconds) {
    return new RateLimitHeaders(10, remaining, resetEpochSeconds, System.currentTimeMillis(), false);
  }

  @Test
  void threeInstancesAreGrantedNoMoreThanTheWindowHolds() throws Exception {
    List<RateLimitStore.Bucket> buckets = new ArrayList<>();
    for (SharedRateLimits s : stores) {
      buckets.add(s.bucket(SCOPE, "/api/v1/users", new ServerClock(), 0, TimeSource.SYSTEM));
    }
    long reset = System.currentTimeMillis() / 1000 + 120;
    RateLimitStore.Permit probe = buckets.get(0).acquire(call(Duration.ofSeconds(5)));
    // While the probe is out, the window is unknown: nobody else goes.
    assertThatThrownBy(() -> buckets.get(1).acquire(call(Duration.ofMillis(60)))).isInstanceOf(CallTimeoutException.class);
    probe.release(window(6, reset), 200);
    int granted = 0;
    for (int i = 0; i < 6; i++) {
      buckets.get(i % 3).acquire(call(Duration.ofSeconds(5)));
      granted++;
    }
    assertThat(granted).isEqualTo(6);
    for (RateLimitStore.Bucket b : buckets) {
      assertThatThrownBy(() -> b.acquire(call(Duration.ofSeconds(2))))
          .as("the window is used up until its reset, two minutes away").isInstanceOf(CallTimeoutException.class)
          .hasMessageContaining("before the rate limit resets");
    }
    assertThat(trips.get(0).snapshot().get("bucket_grants")).as("one statement per acquire: the probe, two grants, one refusal")
        .isEqualTo(4);
    assertThat(trips.get(0).snapshot().get("bucket_reports")).as("only the probe reported").isEqualTo(1);
  }

  @Test
  void aResponseShowingFewerLeftLowersTheCountAndA429UsesTheWindowUp() throws Exception {
    RateLimitStore.Bucket a = stores.get(0).bucket(SCOPE, "/api/v1/groups", new ServerClock(), 0, TimeSource.SYSTEM);
    RateLimitStore.Bucket b = stores.get(1).bucket(SCOPE, "/api/v1/groups", new ServerClock(), 0, TimeSource.SYSTEM);
    long reset = System.currentTimeMillis() / 1000 + 120;
    a.acquire(call(Duration.ofSeconds(5))).release(window(50, reset), 200);
    RateLimitStore.Permit p = b.acquire(call(Duration.ofSeconds(5)));
    p.release(window(0, reset), 429);
    assertThatThrownBy(() -> a.acquire(call(Duration.ofSeconds(2)))).isInstanceOf(CallTimeoutException.class);
  }

  @Test
  void aServiceWithoutRateLimitHeadersIsNotPacedNorAskedAgain() throws Exception {
    RateLimitStore.Bucket a = stores.get(0).bucket(SCOPE, "/api/v1/apps", new ServerClock(), 0, TimeSource.SYSTEM);
    a.acquire(call(Duration.ofSeconds(5))).release(RateLimitHeaders.none(-1), 200);
    long before = trips.get(0).snapshot().get("bucket_grants");
    for (int i = 0; i < 20; i++) {
      a.acquire(call(Duration.ofSeconds(5))).release(RateLimitHeaders.none(-1), 200);
    }
    assertThat(trips.get(0).snapshot().get("bucket_grants")).as("no round trip once known unpaced").isEqualTo(before);
    RateLimitStore.Bucket other = stores.get(1).bucket(SCOPE, "/api/v1/apps", new ServerClock(), 0, TimeSource.SYSTEM);
    other.acquire(call(Duration.ofMillis(500)));
    assertThat(trips.get(1).snapshot().get("bucket_grants")).as("another instance learns it from the row").isEqualTo(1);
  }

  @Test
  void aProbeWhoseInstanceDiedIsGivenToAnotherWhenItsLeaseRunsOut() throws Exception {
    RateLimitStore.Bucket dead = stores.get(0).bucket(SCOPE, "/api/v1/logs", new ServerClock(), 0, TimeSource.SYSTEM);
    RateLimitStore.Bucket alive = stores.get(1).bucket(SCOPE, "/api/v1/logs", new ServerClock(), 0, TimeSource.SYSTEM);
    dead.acquire(call(Duration.ofSeconds(5)));
    assertThatThrownBy(() -> alive.acquire(call(Duration.ofMillis(60)))).isInstanceOf(CallTimeoutException.class);
    // The lease (PROBE_LEASE_MS) runs out: made to have run out here instead of waiting for it.
    Jdbi.create(workspace.dataSource()).useHandle(h -> h.execute("UPDATE rate_bucket SET probe_until = 0"));
    RateLimitStore.Permit p = alive.acquire(call(Duration.ofSeconds(5)));
    p.release(window(5, System.currentTimeMillis() / 1000 + 60), 200);
    alive.acquire(call(Duration.ofSeconds(5)));
  }

  /** The window's remaining in the database. */
  private long remainingInDatabase(String bucket) {
    return Jdbi.create(workspace.dataSource()).withHandle(h -> h.createQuery(
        "SELECT remaining FROM rate_bucket WHERE bucket = :b").bind("b", bucket).mapTo(Long.class).one());
  }

  /** Polls the database until the leases have ended and given back what they did not use (at most 5 s). */
  private long remainingOnceLeasesEnded(String bucket, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long r = remainingInDatabase(bucket);
    while (r != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      r = remainingInDatabase(bucket);
    }
    return r;
  }

  /**
   * Eight threads per instance, three instances, a window of 300 made up by a counter standing for the service: no more
   * than 300 requests are ever granted; most calls are served from a lease without a round trip; once the leases end,
   * what they did not use is back in the window, so the database counts exactly what was sent.
   */
  @Test
  void leasesNeverGrantPastTheWindowAndGiveBackWhatTheyDidNotUse() throws Exception {
    String path = "/api/v1/users/lease";
    long reset = System.currentTimeMillis() / 1000 + 120;
    java.util.concurrent.atomic.AtomicLong serviceLeft = new java.util.concurrent.atomic.AtomicLong(300);
    RateLimitStore.Bucket first = stores.get(0).bucket(SCOPE, path, new ServerClock(), 0, TimeSource.SYSTEM);
    first.acquire(call(Duration.ofSeconds(5))).release(window(serviceLeft.decrementAndGet(), reset), 200);
    java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger(1);
    java.util.concurrent.atomic.AtomicInteger overdrawn = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      RateLimitStore.Bucket b = i % 3 == 0 ? first : stores.get(i % 3).bucket(SCOPE, path, new ServerClock(), 0, TimeSource.SYSTEM);
      running.add(pool.submit(() -> {
        while (true) {
          RateLimitStore.Permit p;
          try {
            p = b.acquire(call(Duration.ofSeconds(2)));
          } catch (CallTimeoutException usedUp) {
            return null;
          }
          sent.incrementAndGet();
          long left = serviceLeft.decrementAndGet();
          if (left < 0) {
            overdrawn.incrementAndGet();
            p.release(window(0, reset), 429);
          } else {
            p.release(window(left, reset), 200);
          }
        }
      }));
    }
    for (java.util.concurrent.Future<?> f : running) {
      f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(overdrawn.get()).as("requests sent past the window (429s)").isZero();
    assertThat(sent.get()).as("requests sent").isLessThanOrEqualTo(300).isGreaterThan(200);
    assertThat(remainingOnceLeasesEnded(path, 300 - sent.get())).as("the window counts exactly what was sent")
        .isEqualTo(300L - sent.get());
    long grants = trips.stream().mapToLong(t -> t.snapshot().get("bucket_grants")).sum();
    assertThat(grants).as("round trips asking for requests, against " + sent.get() + " requests").isLessThan(sent.get() / 2);
  }

  @Test
  void aLeaseEndsWithA429AndItsRequestsAreNotSpent() throws Exception {
    String path = "/api/v1/groups/lease";
    long reset = System.currentTimeMillis() / 1000 + 120;
    RateLimitStore.Bucket a = stores.get(0).bucket(SCOPE, path, new ServerClock(), 0, TimeSource.SYSTEM);
    a.acquire(call(Duration.ofSeconds(5))).release(window(1000, reset), 200);
    // Calls in quick succession ask for a lease of several requests.
    List<RateLimitStore.Permit> permits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      permits.add(a.acquire(call(Duration.ofSeconds(5))));
    }
    long grants = trips.get(0).snapshot().get("bucket_grants");
    assertThat(grants).as("grants for 41 calls: the probe and a few leases").isLessThan(30);
    assertThat(remainingInDatabase(path)).as("the leases are counted in the window").isLessThan(1000 - 40);
    permits.get(0).release(window(0, reset), 429);
    assertThatThrownBy(() -> a.acquire(call(Duration.ofSeconds(2)))).as("the lease ended with the 429")
        .isInstanceOf(CallTimeoutException.class);
    assertThat(remainingInDatabase(path)).isZero();
  }

  /**
   * Time that moves only by the waits made, and runs something once when it passes a given moment (another instance
   * acting then), so that waits are measured without sleeping.
   */
  private static final class SteppedTime implements TimeSource {
    private final java.util.concurrent.atomic.AtomicLong millis;
    private long eventAt = Long.MAX_VALUE;
    private Runnable event;

    SteppedTime(long epochMillis) {
      millis = new java.util.concurrent.atomic.AtomicLong(epochMillis);
    }

    void at(long epochMillis, Runnable what) {
      eventAt = epochMillis;
      event = what;
    }

    @Override
    public long epochMillis() {
      return millis.get();
    }

    @Override
    public long nanoTime() {
      return millis.get() * 1_000_000;
    }

    @Override
    public void sleep(long ms) {
      long target = millis.get() + ms;
      if (event != null && target >= eventAt) {
        Runnable e = event;
        event = null;
        millis.set(eventAt);
        e.run();
      }
      millis.set(target);
    }

    @Override
    public void await(java.util.concurrent.locks.Condition condition, long ms) {
      sleep(ms);
    }
  }

  /**
   * A Date header tells the service's time to the second, so an instance whose responses came late in their second
   * estimates the service's clock up to a second behind. Such an instance, waiting for a used-up window, still takes
   * its share of the next window as soon as another instance's probe opens it; it used to wake only when its own
   * estimate reached the reset, by when the instance with the closer estimate had spent the window (three instances on
   * a window of 20 a second: one served 283 calls, the others 10 and 25, waiting up to 15 s each).
   */
  @Test
  void anInstanceWhoseClockEstimateLagsTakesTheNextWindowOnceAnotherOpensIt() throws Exception {
    String path = "/api/v1/users/lagging";
    long resetMillis = (System.currentTimeMillis() / 1000 + 30) * 1000;
    SteppedTime time = new SteppedTime(resetMillis - 100);
    ServerClock close = new ServerClock();
    close.observe(time.epochMillis(), time.epochMillis());
    ServerClock behind = new ServerClock();
    behind.observe(time.epochMillis() - 900, time.epochMillis());
    RateLimitStore.Bucket a = stores.get(0).bucket(SCOPE, path, close, 0, time);
    RateLimitStore.Bucket b = stores.get(1).bucket(SCOPE, path, behind, 0, time);
    a.acquire(call(Duration.ofSeconds(5))).release(new RateLimitHeaders(10, 0, resetMillis / 1000, time.epochMillis(), false), 200);
    time.at(resetMillis, () -> {
      try {
        a.acquire(call(Duration.ofSeconds(5)))
            .release(new RateLimitHeaders(10, 9, resetMillis / 1000 + 1, time.epochMillis(), false), 200);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    b.acquire(call(Duration.ofSeconds(5)));
    assertThat(time.epochMillis() - resetMillis).as("ms after the next window opened that the lagging instance got its request")
        .isLessThanOrEqualTo(SharedRateLimits.POLL_MS);
  }

  /** Calls of one instance waiting for a probe held by another do not each ask the database: one asks for them all. */
  @Test
  void callsWaitingOnOneInstanceAskTheDatabaseOnceAPollBetweenThem() throws Exception {
    String path = "/api/v1/users/waiting";
    RateLimitStore.Bucket prober = stores.get(0).bucket(SCOPE, path, new ServerClock(), 0, TimeSource.SYSTEM);
    RateLimitStore.Permit probe = prober.acquire(call(Duration.ofSeconds(5)));
    RateLimitStore.Bucket waiting = stores.get(1).bucket(SCOPE, path, new ServerClock(), 0, TimeSource.SYSTEM);
    int threads = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<java.util.concurrent.Future<?>> waits = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      waits.add(pool.submit(() -> {
        assertThatThrownBy(() -> waiting.acquire(call(Duration.ofMillis(300)))).isInstanceOf(CallTimeoutException.class);
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> w : waits) {
      w.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    long polls = Duration.ofNanos(System.nanoTime() - start).toMillis() / SharedRateLimits.POLL_MS;
    pool.shutdown();
    probe.release(window(5, System.currentTimeMillis() / 1000 + 60), 200);
    long asked = trips.get(1).snapshot().get("bucket_waits");
    assertThat(asked).as("statements asking again, against " + polls + " polls of " + threads + " calls").isLessThanOrEqualTo(polls + threads);
  }

  /**
   * Once one instance is sure a window has reset (it asked for the probe of the next), an instance whose own estimate
   * of the service's clock lags is no longer granted that window's requests: sent now, they would count in the next
   * window, which the probe's answer opens without them. It takes up the other's time from the row instead.
   */
  @Test
  void anInstanceWhoseClockEstimateLagsIsNotGrantedAWindowAnotherKnowsHasReset() throws Exception {
    String path = "/api/v1/users/reset";
    long resetMillis = (System.currentTimeMillis() / 1000 + 30) * 1000;
    SteppedTime time = new SteppedTime(resetMillis - 300);
    ServerClock close = new ServerClock();
    close.observe(time.epochMillis(), time.epochMillis());
    ServerClock behind = new ServerClock();
    behind.observe(time.epochMillis() - 900, time.epochMillis());
    RateLimitStore.Bucket a = stores.get(0).bucket(SCOPE, path, close, 0, time);
    RateLimitStore.Bucket b = stores.get(1).bucket(SCOPE, path, behind, 0, time);
    a.acquire(call(Duration.ofSeconds(5))).release(new RateLimitHeaders(10, 5, resetMillis / 1000, time.epochMillis(), false), 200);
    time.sleep(400);
    a.acquire(call(Duration.ofSeconds(5)));
    assertThatThrownBy(() -> b.acquire(call(Duration.ofMillis(100)))).as("no request of the window that has reset")
        .isInstanceOf(CallTimeoutException.class);
    assertThat(remainingInDatabase(path)).isEqualTo(5);
    assertThat(behind.serverMillis(time.epochMillis())).as("the lagging estimate took up the other's").isGreaterThanOrEqualTo(resetMillis + 100);
  }

  /**
   * A response that arrives while the database cannot be reached (PostgreSQL restarting) is still the call's answer:
   * the service did what was asked (a user created, a group deleted), so failing the call would make a client repeat
   * it. Its report to the shared bucket is lost and the log says so; a probe's report lost so is taken over by another
   * instance once the probe's lease runs out.
   */
  @Test
  void aResponseWhoseReportCannotReachTheDatabaseStillAnswersTheCall() throws Exception {
    String path = "/api/v1/users/unreachable";
    javax.sql.DataSource real = workspace.dataSource();
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    javax.sql.DataSource flaky = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
          if (down.get() && method.getName().equals("getConnection")) {
            throw new java.sql.SQLException("the database is restarting", "57P01");
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    java.io.StringWriter logged = new java.io.StringWriter();
    SharedRateLimits store = new SharedRateLimits(Jdbi.create(flaky), "inst_flaky", new RoundTrips(), new PrintWriter(logged, true));
    try {
      RateLimitStore.Bucket b = store.bucket(SCOPE, path, new ServerClock(), 0, TimeSource.SYSTEM);
      RateLimitStore.Permit probe = b.acquire(call(Duration.ofSeconds(5)));
      down.set(true);
      long reset = System.currentTimeMillis() / 1000 + 60;
      probe.release(window(5, reset), 200);
      down.set(false);
      assertThat(logged.toString()).contains("a rate-limit report to the database failed").contains("keeps its answer")
          .doesNotContain("the database is restarting");
      // The probe's lease runs out (made to have run out here): another instance probes and opens the window.
      Jdbi.create(real).useHandle(h -> h.execute("UPDATE rate_bucket SET probe_until = 0 WHERE bucket = ?", path));
      RateLimitStore.Bucket other = stores.get(0).bucket(SCOPE, path, new ServerClock(), 0, TimeSource.SYSTEM);
      other.acquire(call(Duration.ofSeconds(5))).release(window(5, reset), 200);
      assertThat(remainingInDatabase(path)).as("another instance probed once the lost probe's lease ran out").isEqualTo(5);
      RateLimitStore.Permit permit = b.acquire(call(Duration.ofSeconds(5)));
      down.set(true);
      permit.release(window(0, reset), 429);
      down.set(false);
      assertThat(logged.toString().lines().filter(l -> l.contains("report to the database failed")).count())
          .as("the 429's report was lost too, and the call kept its answer").isEqualTo(2);
    } finally {
      store.close();
    }
  }
}
