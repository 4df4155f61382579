package dev.switchboard.sandbox.bench;

import dev.switchboard.sandbox.OktaSandbox;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Seeding an org of 100,000 users (with groups and memberships) from nothing: the time {@code OktaSandbox.build()}
 * takes in a fresh JVM, the way {@code switchboard sandbox serve --users 100000} starts. Target: under 5 s.
 * Single shots in fresh forks (no warm-up), so the figure includes class loading and a cold JIT.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class SeedingBenchmark {
    /** The org size. */
    @Param("100000")
    public int users;

    /**
     * Builds (seeds) and closes an org.
     *
     * @return the number of users, so that nothing is optimized away
     */
    @Benchmark
    public int seed() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(users).seed(42L).build()) {
            return sandbox.userCount() + sandbox.groupCount();
        }
    }
}
