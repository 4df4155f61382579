package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * Full listings with the three clients in one JVM, interleaved: each round lists the whole org once with each
 * client, the order rotating from round to round, so that the machine's load hits all three alike. A check on the
 * per-client worker JVMs ({@link ListWorker}), whose listings run minutes apart; it measures time only (the
 * clients share a heap here). Prints one {@code RESULT {json}} line: per client, the median listing time and the
 * median over rounds of its ratio to the Okta SDK and to HttpClient.
 *
 * <p>Arguments, {@code name=value}: {@code url}, {@code token}, {@code expect}, {@code rounds} (default 7),
 * {@code warmupPages} (per client, default 500).
 */
public final class InterleavedListWorker {
  private InterleavedListWorker() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = Fork.arguments(args);
    URI url = URI.create(a.get("url"));
    long expect = Long.parseLong(a.get("expect"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "7"));
    long warmupPages = Long.parseLong(a.getOrDefault("warmupPages", "500"));
    OktaClient.Kind[] kinds = OktaClient.Kind.LISTING.toArray(new OktaClient.Kind[0]);
    Map<OktaClient.Kind, OktaClient> clients = new EnumMap<>(OktaClient.Kind.class);
    for (OktaClient.Kind kind : kinds) {
      clients.put(kind, kind.create(url, a.get("token")));
    }
    for (OktaClient.Kind kind : kinds) {
      long pages = 0;
      while (pages < warmupPages) {
        pages += clients.get(kind).listAll().pages();
      }
    }
    Map<OktaClient.Kind, double[]> ms = new EnumMap<>(OktaClient.Kind.class);
    for (OktaClient.Kind kind : kinds) {
      ms.put(kind, new double[rounds]);
    }
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < kinds.length; k++) {
        OktaClient.Kind kind = kinds[(r + k) % kinds.length];
        long start = System.nanoTime();
        OktaClient.Listing listing = clients.get(kind).listAll();
        ms.get(kind)[r] = (System.nanoTime() - start) / 1e6;
        if (listing.users() != expect) {
          throw new IllegalStateException(kind.id() + " listed " + listing.users() + " users, expected " + expect);
        }
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("rounds", rounds);
    out.put("users", expect);
    for (OktaClient.Kind kind : kinds) {
      double[] mine = ms.get(kind);
      double[] toSdk = new double[rounds];
      double[] toHttp = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        toSdk[r] = mine[r] / ms.get(OktaClient.Kind.SDK)[r];
        toHttp[r] = mine[r] / ms.get(OktaClient.Kind.HTTPCLIENT)[r];
      }
      ObjectNode c = out.putObject(kind.id());
      c.put("medianMs", Stats.median(mine));
      c.put("medianRatioToSdk", Stats.median(toSdk));
      c.put("medianRatioToHttpClient", Stats.median(toHttp));
      var all = c.putArray("ms");
      for (double v : mine) {
        all.add(v);
      }
    }
    out.put("jvm", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    for (OktaClient client : clients.values()) {
      client.close();
    }
    Fork.result(out);
  }
}
