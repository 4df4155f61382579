package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many callers sharing one client, each getting users in a closed loop (the next call as soon as the last one
 * returns), for the three clients in one JVM. After a warm-up of each client, the measurement alternates short
 * windows between the clients, the order rotating, so that the machine's load hits all three alike (the
 * machines these run on are shared). Every call that starts within a window is timed; throughput is those calls
 * over the windows' total time. Prints one {@code RESULT {json}} line.
 *
 * <p>Arguments, {@code name=value}: {@code url}, {@code token}, {@code ids} (comma-separated user ids, taken in
 * turn), {@code threads} (default 32), {@code warmupSeconds} (per client, default 5), {@code windows} (per
 * client, default 10), {@code windowSeconds} (default 1.5).
 */
public final class ConcurrencyWorker {
  private ConcurrencyWorker() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = Fork.arguments(args);
    String[] ids = a.get("ids").split(",");
    int threads = Integer.parseInt(a.getOrDefault("threads", "32"));
    double warmupSeconds = Double.parseDouble(a.getOrDefault("warmupSeconds", "5"));
    int windows = Integer.parseInt(a.getOrDefault("windows", "10"));
    double windowSeconds = Double.parseDouble(a.getOrDefault("windowSeconds", "1.5"));
    List<OktaClient.Kind> kinds = OktaClient.Kind.MAIN;
    Map<OktaClient.Kind, OktaClient> clients = new EnumMap<>(OktaClient.Kind.class);
    Map<OktaClient.Kind, Samples> samples = new EnumMap<>(OktaClient.Kind.class);
    for (OktaClient.Kind kind : kinds) {
      clients.put(kind, kind.create(URI.create(a.get("url")), a.get("token")));
      samples.put(kind, new Samples());
    }
    for (OktaClient.Kind kind : kinds) {
      window(clients.get(kind), ids, threads, warmupSeconds, null);
    }
    for (int w = 0; w < windows; w++) {
      for (int k = 0; k < kinds.size(); k++) {
        OktaClient.Kind kind = kinds.get((w + k) % kinds.size());
        window(clients.get(kind), ids, threads, windowSeconds, samples.get(kind));
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("threads", threads);
    out.put("windows", windows);
    out.put("windowSeconds", windowSeconds);
    for (OktaClient.Kind kind : kinds) {
      Samples s = samples.get(kind);
      long[] all = Arrays.copyOf(s.nanos, s.count);
      Arrays.sort(all);
      ObjectNode c = out.putObject(kind.id());
      c.put("calls", s.count);
      c.put("seconds", s.seconds);
      c.put("throughputPerSecond", s.count / s.seconds);
      c.put("p50Ms", percentile(all, 0.50) / 1e6);
      c.put("p90Ms", percentile(all, 0.90) / 1e6);
      c.put("p99Ms", percentile(all, 0.99) / 1e6);
      c.put("p999Ms", percentile(all, 0.999) / 1e6);
      c.put("maxMs", all.length == 0 ? 0 : all[all.length - 1] / 1e6);
      c.put("meanMs", Arrays.stream(all).average().orElse(0) / 1e6);
    }
    out.put("jvm", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    for (OktaClient client : clients.values()) {
      client.close();
    }
    Fork.result(out);
  }

  /** Every call's time of one client, over all its windows. */
  private static final class Samples {
    long[] nanos = new long[1 << 16];
    int count;
    double seconds;

    synchronized void add(long[] times, int n) {
      if (count + n > nanos.length) {
        nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, count + n));
      }
      System.arraycopy(times, 0, nanos, count, n);
      count += n;
    }
  }

  /** Runs the callers for one window; records into {@code samples} unless null (a warm-up). */
  private static void window(OktaClient client, String[] ids, int threads, double seconds, Samples samples) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    long[] window = new long[1];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      final int me = t;
      workers[t] = new Thread(() -> {
        long[] mine = new long[1 << 12];
        int n = 0;
        int next = me * 7;
        ready.countDown();
        try {
          go.await();
          long end = window[0];
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
              break;
            }
            client.getUser(ids[next++ % ids.length]);
            if (n == mine.length) {
              mine = Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = System.nanoTime() - t0;
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        if (samples != null) {
          samples.add(mine, n);
        }
      }, "caller-" + t);
      workers[t].start();
    }
    ready.await();
    long start = System.nanoTime();
    window[0] = start + (long) (seconds * 1e9);
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a caller failed", failure.get());
    }
    if (samples != null) {
      synchronized (samples) {
        samples.seconds += (System.nanoTime() - start) / 1e9; // until the last call in flight returned
      }
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
