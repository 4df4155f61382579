package dev.switchboard.sandbox.bench;

import dev.switchboard.sandbox.OktaSandbox;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Listing users of a 100,000-user org over loopback HTTP with a plain {@link HttpClient}: a page of 200 (plain,
 * and with a {@code search} on an indexed attribute) and a page of 20. JMH reports the client's view (sample time,
 * so p50 and p99, and throughput); the sandbox's own time per request (from routing to the end of its handlers,
 * through an exchange observer) is printed at the end of each fork as {@code server-side p50/p99}.
 * Targets: a page of 200 under 5 ms p50 in the server; at least 5,000 pages of 20 per second on 2 cores (for the
 * throughput figure with a separate load generator, see docs/benchmarks.md: wrk).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ListingBenchmark {
    private static final String PLAIN_200 = "/api/v1/users?limit=200";
    private static final String SEARCH_200 = "/api/v1/users?limit=200&search=profile.department%20eq%20%22Engineering%22";
    private static final String PLAIN_20 = "/api/v1/users?limit=20";

    private final Map<String, ConcurrentLinkedQueue<Long>> serverNanos = new ConcurrentHashMap<>();
    private volatile boolean recording;
    private OktaSandbox sandbox;
    private HttpClient http;
    private HttpRequest plain200;
    private HttpRequest search200;
    private HttpRequest plain20;

    /** Seeds and starts the org; rate limits are lifted so that only the server's speed counts. */
    @Setup(Level.Trial)
    public void start() {
        sandbox = OktaSandbox.builder().users(100_000).seed(42L).rateLimit(Integer.MAX_VALUE).concurrencyLimit(10_000)
                .observer(exchange -> {
                    if (recording) {
                        serverNanos.computeIfAbsent(exchange.path() + "?" + exchange.query(), key -> new ConcurrentLinkedQueue<>())
                                .add(exchange.serverNanos());
                    }
                }).build();
        sandbox.start();
        String token = sandbox.createApiToken("benchmark");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        plain200 = request(token, PLAIN_200);
        search200 = request(token, SEARCH_200);
        plain20 = request(token, PLAIN_20);
    }

    /** Records server-side times during measurement iterations only. */
    @Setup(Level.Iteration)
    public void measureFromNowOn() {
        recording = true;
    }

    private HttpRequest request(String token, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + pathAndQuery)).header("Authorization", "SSWS " + token).build();
    }

    /** Prints the server-side percentiles and stops the org. */
    @TearDown(Level.Trial)
    public void stop() {
        sandbox.close();
        Map<String, String> report = new TreeMap<>();
        serverNanos.forEach((request, samples) -> {
            List<Long> sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                report.put(request, String.format("server-side p50 %.3f ms, p99 %.3f ms over %d requests",
                        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.size()));
            }
        });
        report.forEach((request, line) -> System.out.println("\n" + request + ": " + line));
    }

    private byte[] get(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body();
    }

    /**
     * A page of 200 users, no filter.
     *
     * @return the body
     * @throws Exception on failure
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] pageOf200() throws Exception {
        return get(plain200);
    }

    /**
     * A page of 200 users matching {@code profile.department eq "Engineering"} (an indexed attribute).
     *
     * @return the body
     * @throws Exception on failure
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] indexedSearchPageOf200() throws Exception {
        return get(search200);
    }

    /**
     * Pages of 20 users from 4 client threads.
     *
     * @return the body
     * @throws Exception on failure
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public byte[] pagesOf20() throws Exception {
        return get(plain20);
    }
}
