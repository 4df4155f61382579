package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One client listing every user of an org, in a JVM of its own (started by {@link Fork}), so that its heap is
 * its own. Warm-up listings first (optionally against another org, so a rate-limited org's bucket is not
 * spent), then a collection, then the measured listings with a {@link HeapMeter} running. Prints one
 * {@code RESULT {json}} line on stdout.
 *
 * <p>Arguments, {@code name=value}: {@code client}, {@code url}, {@code token}, {@code expect} (users a
 * listing must return), {@code reps}, {@code warmupPages} (whole listings are repeated until at least this many
 * pages were read; 0 for none), {@code warmupUrl} and {@code warmupToken} (default: the measured org),
 * {@code settleMs} (a pause before each measured listing, so a rate-limit window opened earlier has ended; with it,
 * each measured listing also starts {@value #AFTER_WHOLE_SECOND_MS} ms after a whole second of the wall clock, the
 * sandbox's, since it runs on this machine: its rate-limit windows start on whole seconds, so the listing's first
 * window is then a full one, as the harness's minimum assumes).
 */
public final class ListWorker {
  /** How long after a whole second a listing under a rate limit starts, in ms. */
  static final long AFTER_WHOLE_SECOND_MS = 5;

  private ListWorker() {}

  /** Sleeps until {@value #AFTER_WHOLE_SECOND_MS} ms after the next whole second of the wall clock. */
  private static void sleepToWholeSecond() throws InterruptedException {
    long now = System.currentTimeMillis();
    Thread.sleep(1000 - Math.floorMod(now, 1000) + AFTER_WHOLE_SECOND_MS);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = Fork.arguments(args);
    OktaClient.Kind kind = OktaClient.Kind.of(a.get("client"));
    URI url = URI.create(a.get("url"));
    String token = a.get("token");
    long expect = Long.parseLong(a.get("expect"));
    int reps = Integer.parseInt(a.getOrDefault("reps", "3"));
    long warmupPages = Long.parseLong(a.getOrDefault("warmupPages", "500"));
    URI warmupUrl = URI.create(a.getOrDefault("warmupUrl", url.toString()));
    String warmupToken = a.getOrDefault("warmupToken", token);
    long settleMs = Long.parseLong(a.getOrDefault("settleMs", "0"));

    if (warmupPages > 0) {
      try (OktaClient warm = kind.create(warmupUrl, warmupToken)) {
        long pages = 0;
        while (pages < warmupPages) {
          pages += warm.listAll().pages();
        }
      }
    }
    try (OktaClient client = kind.create(url, token)) {
      if (settleMs > 0) {
        // under a rate limit there is one listing per JVM, so its client would pay its first use (the connection,
        // the engine's connector setup) where the unthrottled minimum, a median over warm listings, does not: one
        // get of an unknown user first, counted in the single-user bucket, not the listing's
        try {
          client.getUser("00uwarmupNotAUser");
        } catch (Exception expected) { // NOPMD: a 404, whatever each client makes of it
          // the connection is open and the client set up, which is all this call is for
        }
      }
      System.gc();
      Thread.sleep(Math.max(200, settleMs));
      List<Long> nanos = new ArrayList<>();
      List<OktaClient.Listing> listings = new ArrayList<>();
      long peakAfterGc;
      long peakUsed;
      long collections;
      long allocated;
      try (HeapMeter heap = new HeapMeter()) {
        for (int i = 0; i < reps; i++) {
          if (i > 0 && settleMs > 0) { // the first pause is above, before the meter started
            Thread.sleep(settleMs);
          }
          if (settleMs > 0) {
            sleepToWholeSecond();
          }
          long start = System.nanoTime();
          OktaClient.Listing listing = client.listAll();
          nanos.add(System.nanoTime() - start);
          if (listing.users() != expect) {
            throw new IllegalStateException(kind.id() + " listed " + listing.users() + " users, expected " + expect);
          }
          listings.add(listing);
        }
        Thread.sleep(300); // let the last collection notifications arrive
        peakAfterGc = heap.peakAfterGc();
        peakUsed = heap.peakUsed();
        collections = heap.collections();
        allocated = heap.allocated();
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("client", kind.id());
      out.put("users", expect);
      out.put("pages", listings.get(0).pages());
      ArrayNode ms = out.putArray("ms");
      nanos.forEach(n -> ms.add(n / 1e6));
      ArrayNode limited = out.putArray("rateLimited");
      listings.forEach(l -> limited.add(l.rateLimited()));
      out.put("peakHeapAfterGcBytes", peakAfterGc);
      out.put("peakHeapUsedBytes", peakUsed);
      out.put("collections", collections);
      out.put("allocatedBytesPerListing", allocated / reps);
      out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
      out.put("jvm", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
      Fork.result(out);
    }
  }
}
