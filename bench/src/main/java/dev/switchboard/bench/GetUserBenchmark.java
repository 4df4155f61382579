package dev.switchboard.bench;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Get one user, {@code GET /api/v1/users/{id}}, one call at a time: a Switchboard action
 * ({@code okta.get_user}), {@code HttpClient} directly, and the Okta SDK's {@code UserApi.getUser}. Each call
 * takes the next of the org's first 200 user ids, so the clients do the same work. {@code httpclient-gzip} (HttpClient
 * asking for gzip, as Switchboard and the SDK do) shows what asking costs (the sandbox does not compress).
 *
 * <p>The org is the one named by the system properties {@code bench.url}, {@code bench.token} and
 * {@code bench.ids} (the harness passes them, so every client and fork calls the same sandbox, in another
 * process); without them, each fork starts its own 1,000-user sandbox in-process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class GetUserBenchmark {
  @Param({"switchboard", "httpclient", "httpclient-gzip", "sdk", "apache"})
  public String client;

  private Org.Handle org;
  private OktaClient okta;
  private String[] ids;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    org = Org.fromSystemProperties();
    okta = OktaClient.Kind.of(client).create(URI.create(org.url()), org.token());
    ids = org.ids();
    for (String id : ids) {
      okta.getUser(id); // every client must get every id before timing starts
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    okta.close();
    org.close();
  }

  @Benchmark
  public long getUser() throws Exception {
    String id = ids[next];
    next = next + 1 == ids.length ? 0 : next + 1;
    return okta.getUser(id);
  }
}
