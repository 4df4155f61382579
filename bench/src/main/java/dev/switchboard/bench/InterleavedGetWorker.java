package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Get one user with the three clients (and HttpClient asking for gzip) in one JVM, interleaved: each round runs a batch of calls with each client
 * in turn (the order rotating from round to round), so that a change in the machine's load hits all three alike.
 * This complements the JMH benchmark, whose clients run one after the other and so can land in quieter or
 * busier minutes of a shared machine. Prints one {@code RESULT {json}} line: per client, the median over rounds
 * of the mean time per call, every call's p50 and p99, and the median over rounds of the per-round ratio to
 * HttpClient.
 *
 * <p>Arguments, {@code name=value}: {@code url}, {@code token}, {@code ids} (comma-separated),
 * {@code warmupCalls} (per client, default 5000), {@code rounds} (default 40), {@code batch} (calls per client
 * per round, default 250).
 */
public final class InterleavedGetWorker {
  private InterleavedGetWorker() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = Fork.arguments(args);
    URI url = URI.create(a.get("url"));
    String[] ids = a.get("ids").split(",");
    int warmup = Integer.parseInt(a.getOrDefault("warmupCalls", "5000"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "40"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "250"));
    OktaClient.Kind[] kinds = OktaClient.Kind.values();
    Map<OktaClient.Kind, OktaClient> clients = new EnumMap<>(OktaClient.Kind.class);
    for (OktaClient.Kind kind : kinds) {
      clients.put(kind, kind.create(url, a.get("token")));
    }
    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      for (OktaClient.Kind kind : kinds) {
        sink += clients.get(kind).getUser(ids[i % ids.length]);
      }
    }
    Map<OktaClient.Kind, double[]> roundMeans = new EnumMap<>(OktaClient.Kind.class);
    Map<OktaClient.Kind, long[]> calls = new EnumMap<>(OktaClient.Kind.class);
    for (OktaClient.Kind kind : kinds) {
      roundMeans.put(kind, new double[rounds]);
      calls.put(kind, new long[rounds * batch]);
    }
    int next = 0;
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < kinds.length; k++) {
        OktaClient.Kind kind = kinds[(r + k) % kinds.length];
        OktaClient client = clients.get(kind);
        long[] times = calls.get(kind);
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          long t0 = System.nanoTime();
          sink += client.getUser(ids[next++ % ids.length]);
          times[r * batch + i] = System.nanoTime() - t0;
        }
        roundMeans.get(kind)[r] = (System.nanoTime() - start) / 1e3 / batch;
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("rounds", rounds);
    out.put("batch", batch);
    double[] base = roundMeans.get(OktaClient.Kind.HTTPCLIENT);
    for (OktaClient.Kind kind : kinds) {
      double[] means = roundMeans.get(kind);
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = means[r] / base[r];
      }
      long[] sorted = calls.get(kind).clone();
      Arrays.sort(sorted);
      ObjectNode c = out.putObject(kind.id());
      c.put("medianRoundMeanUs", Stats.median(means));
      c.put("p50Us", ConcurrencyWorker.percentile(sorted, 0.50) / 1e3);
      c.put("p99Us", ConcurrencyWorker.percentile(sorted, 0.99) / 1e3);
      c.put("medianRatioToHttpClient", Stats.median(ratios));
      double[] sortedRatios = ratios.clone();
      Arrays.sort(sortedRatios);
      c.put("ratioQ1", sortedRatios[rounds / 4]);
      c.put("ratioQ3", sortedRatios[(3 * rounds) / 4]);
    }
    out.put("checksum", sink);
    out.put("jvm", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    for (OktaClient client : clients.values()) {
      client.close();
    }
    Fork.result(out);
  }
}
