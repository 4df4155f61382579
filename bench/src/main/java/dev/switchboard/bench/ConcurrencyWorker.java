package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many callers sharing one client, each getting users in a closed loop (the next call as soon as the last one
 * returns), in a JVM of its own. After a warm-up, every call that starts within the measured period is timed;
 * throughput is those calls over the period. Prints one {@code RESULT {json}} line.
 *
 * <p>Arguments, {@code name=value}: {@code client}, {@code url}, {@code token}, {@code ids} (comma-separated
 * user ids, taken in turn), {@code threads} (default 32), {@code warmupSeconds} (default 5),
 * {@code seconds} (default 10).
 */
public final class ConcurrencyWorker {
  private ConcurrencyWorker() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = Fork.arguments(args);
    OktaClient.Kind kind = OktaClient.Kind.of(a.get("client"));
    String[] ids = a.get("ids").split(",");
    int threads = Integer.parseInt(a.getOrDefault("threads", "32"));
    long warmupNanos = (long) (Double.parseDouble(a.getOrDefault("warmupSeconds", "5")) * 1e9);
    long measureNanos = (long) (Double.parseDouble(a.getOrDefault("seconds", "10")) * 1e9);
    try (OktaClient client = kind.create(URI.create(a.get("url")), a.get("token"))) {
      long[][] samples = new long[threads][];
      int[] counts = new int[threads];
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      long[] window = new long[2];
      Thread[] workers = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        final int me = t;
        workers[t] = new Thread(() -> {
          long[] mine = new long[1 << 16];
          int n = 0;
          int next = me * 7;
          ready.countDown();
          try {
            go.await();
            long start = window[0];
            long end = window[1];
            while (true) {
              long t0 = System.nanoTime();
              if (t0 >= end) {
                break;
              }
              client.getUser(ids[next++ % ids.length]);
              long t1 = System.nanoTime();
              if (t0 >= start) {
                if (n == mine.length) {
                  mine = Arrays.copyOf(mine, n * 2);
                }
                mine[n++] = t1 - t0;
              }
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
          samples[me] = mine;
          counts[me] = n;
        }, "caller-" + t);
        workers[t].start();
      }
      ready.await();
      long now = System.nanoTime();
      window[0] = now + warmupNanos;
      window[1] = now + warmupNanos + measureNanos;
      go.countDown();
      for (Thread w : workers) {
        w.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException(kind.id() + " failed", failure.get());
      }
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int at = 0;
      for (int t = 0; t < threads; t++) {
        System.arraycopy(samples[t], 0, all, at, counts[t]);
        at += counts[t];
      }
      Arrays.sort(all);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("client", kind.id());
      out.put("threads", threads);
      out.put("calls", total);
      out.put("seconds", measureNanos / 1e9);
      out.put("throughputPerSecond", total / (measureNanos / 1e9));
      out.put("p50Ms", percentile(all, 0.50) / 1e6);
      out.put("p90Ms", percentile(all, 0.90) / 1e6);
      out.put("p99Ms", percentile(all, 0.99) / 1e6);
      out.put("p999Ms", percentile(all, 0.999) / 1e6);
      out.put("maxMs", all.length == 0 ? 0 : all[all.length - 1] / 1e6);
      out.put("meanMs", Arrays.stream(all).average().orElse(0) / 1e6);
      out.put("jvm", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
      Fork.result(out);
    }
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
