package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * The benchmark harness of issue 6 (docs/benchmarks.md): Switchboard, {@code HttpClient} by hand and Okta's
 * Java SDK side by side, in one run, against Okta sandboxes served from this JVM. Each client runs in JVMs of
 * its own (JMH forks and worker forks), so the sandbox's work and heap never mix with a client's.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar [--quick] [--only get,list,ratelimit,concurrent,coldstart]
 *     [--sizes 1000,5000,10000,25000,50000] [--rounds 2] [--out bench/target/results] [--root .]
 * java -jar bench/target/benchmarks.jar jmh [JMH options]      # the JMH benchmarks alone, JMH's own command line
 * </pre>
 *
 * <p>Prints a table per section and a summary of ratios against the targets; writes {@code results.json},
 * {@code summary.md}, JMH's {@code jmh-get-user.json}, the plots and the workers' GC logs under the output
 * directory.
 */
public final class Main {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> SECTIONS = List.of("get", "list", "ratelimit", "concurrent", "coldstart");
  private static final List<OktaClient.Kind> KINDS = OktaClient.Kind.MAIN;
  /** The listing adds HttpClient asking for gzip, as Switchboard and the SDK do (the sandbox answers plain bytes to all). */
  private static final List<OktaClient.Kind> LISTING_KINDS = OktaClient.Kind.LISTING;
  /** The get section has every client, Apache HttpClient used bare included. */
  private static final List<OktaClient.Kind> GET_KINDS = List.of(OktaClient.Kind.values());
  /** The rate-limit bucket of the issue: 100 requests per 2 s. */
  private static final int BUCKET_LIMIT = 100;
  private static final Duration BUCKET_WINDOW = Duration.ofSeconds(2);
  private static final Duration LONG_BUCKET_WINDOW = Duration.ofSeconds(10);
  /** JVM options of every listing worker: a small heap, and a GC log next to the results. */
  private static final String LIST_HEAP = "-Xmx256m";

  private final Settings settings;
  private final ObjectNode results = JsonNodeFactory.instance.objectNode();
  private final List<Table> tables = new ArrayList<>();

  private Main(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("plot")) {
      if (args.length != 2) {
        System.err.println("benchmarks: plot takes one argument, a results.json written by an earlier run");
        System.exit(2);
      }
      Path results = Path.of(args[1]).toAbsolutePath();
      JsonNode sizes;
      try {
        sizes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(results.toFile()).path("listing").path("sizes");
      } catch (IOException e) {
        System.err.println("benchmarks: cannot read " + results + " as a results.json: " + e.getMessage().lines().findFirst().orElse(""));
        System.exit(2);
        return;
      }
      if (!sizes.isArray() || sizes.isEmpty()) {
        System.err.println("benchmarks: " + results + " holds no listing section to plot");
        System.exit(2);
      }
      Plot.listing(sizes, results.resolveSibling("listing-time.png"), results.resolveSibling("listing-heap.png"));
      System.out.println("wrote " + results.resolveSibling("listing-time.png") + " and listing-heap.png");
      return;
    }
    if (args.length > 0 && args[0].equals("serve")) {
      serve(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("benchmarks: " + e.getMessage());
      System.err.println(Settings.USAGE);
      System.exit(2);
      return;
    }
    if (settings.help) {
      System.out.println(Settings.USAGE);
      return;
    }
    new Main(settings).run();
    System.exit(0); // sandbox and HttpClient threads
  }

  /** Serves one benchmark org until killed: {@code serve USERS [LIMIT WINDOW_MS]}, all users ACTIVE. */
  private static void serve(String[] args) throws InterruptedException {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    Org.Handle org = args.length > 2
        ? Org.start(users, Integer.parseInt(args[1]), Duration.ofMillis(Long.parseLong(args[2])))
        : Org.startUnlimited(users);
    System.out.println("export OKTA_ORG_URL=" + org.url());
    System.out.println("export OKTA_API_TOKEN=" + org.token());
    System.out.flush();
    Thread.currentThread().join();
  }

  private void run() throws Exception {
    Files.createDirectories(settings.out);
    results.set("machine", Machine.describe(settings.root));
    results.put("command", settings.command);
    results.put("quick", settings.quick);
    int mainSize = settings.sizes.get(settings.sizes.size() - 1);
    log("starting the main sandbox: " + String.format(Locale.ROOT, "%,d", mainSize) + " users, no rate limit");
    try (Org.Handle main = Org.startUnlimited(mainSize)) {
      ObjectNode org = results.putObject("org");
      org.put("users", mainSize);
      org.put("seed", Org.SEED);
      org.put("statuses", "all ACTIVE (so a plain listing returns every user)");
      if (settings.sections.contains("get")) {
        getOneUser(main);
      }
      if (settings.sections.contains("list")) {
        listing(main, mainSize);
      }
      if (settings.sections.contains("ratelimit")) {
        int limitedSize = settings.rateLimitUsers > 0 ? settings.rateLimitUsers : mainSize;
        rateLimited(main, limitedSize, BUCKET_WINDOW, "rateLimited", settings.quick ? 1 : Math.max(1, settings.rounds));
        // context for the target: the same bucket with a longer window shows what each window costs a client
        // that waits for the Reset header (whole epoch seconds), independent of the window's length
        rateLimited(main, limitedSize, LONG_BUCKET_WINDOW, "rateLimitedLongWindow", 1);
      }
      if (settings.sections.contains("concurrent")) {
        concurrent(main);
      }
      if (settings.sections.contains("coldstart")) {
        coldStart(main);
      }
    }
    summary(mainSize);
    Files.writeString(settings.out.resolve("results.json"), JSON.writeValueAsString(results), StandardCharsets.UTF_8);
    StringBuilder md = new StringBuilder();
    JsonNode machine = results.get("machine");
    md.append("Measured ").append(machine.get("date").asText()).append(" on ").append(machine.get("cpu").asText())
        .append(" (").append(machine.get("cpus").asInt()).append(" CPUs, ").append(machine.get("memory").asText())
        .append("), ").append(machine.get("os").asText()).append(", ").append(machine.get("java").asText())
        .append(", commit ").append(machine.get("commit").asText()).append(".\n\nCommand: `")
        .append(settings.command).append("`\n\n");
    for (Table table : tables) {
      md.append(table.markdown()).append('\n');
    }
    Files.writeString(settings.out.resolve("summary.md"), md, StandardCharsets.UTF_8);
    log("results: " + settings.out.resolve("results.json") + ", " + settings.out.resolve("summary.md"));
  }

  // ---------------------------------------------------------------------------------------------- get one user

  private void getOneUser(Org.Handle org) throws Exception {
    log("get one user: JMH, " + (settings.quick ? 1 : 2) + " forks per client");
    Path json = settings.out.resolve("jmh-get-user.json");
    Path orgFile = settings.out.resolve("jmh-org.properties");
    Path jmhLog = logFile("jmh-get-user");
    Org.writeProperties(org, orgFile);
    log("get one user: JMH's own output goes to " + settings.out.relativize(jmhLog));
    Collection<RunResult> runs;
    try {
      runs = new Runner(new OptionsBuilder()
          .include(GetUserBenchmark.class.getName() + ".getUser")
          .forks(settings.quick ? 1 : 2)
          .warmupIterations(settings.quick ? 2 : 5)
          .warmupTime(TimeValue.seconds(settings.quick ? 1 : 2))
          .measurementIterations(settings.quick ? 3 : 5)
          .measurementTime(TimeValue.seconds(settings.quick ? 1 : 2))
          .jvmArgs("-Xmx512m", "-Dbench.org=" + orgFile)
          .addProfiler(GCProfiler.class)
          .resultFormat(ResultFormatType.JSON)
          .result(json.toString())
          .output(jmhLog.toString())
          .build()).run();
    } finally {
      java.nio.file.Files.deleteIfExists(orgFile);
    }
    ObjectNode section = results.putObject("getOneUser");
    section.put("jmhResults", settings.out.relativize(json).toString());
    section.put("mode", "JMH SampleTime, one caller, microseconds per call");
    Map<String, Double> means = new LinkedHashMap<>();
    for (RunResult run : runs) {
      String client = run.getParams().getParam("client");
      Result<?> primary = run.getPrimaryResult();
      Statistics stats = primary.getStatistics();
      ObjectNode r = section.putObject(client);
      r.put("meanUs", primary.getScore());
      r.put("errorUs", primary.getScoreError());
      r.put("p50Us", stats.getPercentile(50));
      r.put("p99Us", stats.getPercentile(99));
      r.put("samples", stats.getN());
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      r.put("allocatedBytesPerCall", alloc == null ? Double.NaN : alloc.getScore());
      means.put(client, primary.getScore());
    }
    double base = means.getOrDefault("httpclient", Double.NaN);
    Table table = new Table("Get one user (one caller; JMH, µs per call)", "client", "mean µs", "± (99.9%)", "p50 µs",
        "p99 µs", "KB allocated per call", "vs HttpClient");
    for (OktaClient.Kind kind : GET_KINDS) {
      JsonNode r = section.get(kind.id());
      if (r != null) {
        table.row(kind.label(), f1(r.get("meanUs").asDouble()), f1(r.get("errorUs").asDouble()), f1(r.get("p50Us").asDouble()),
            f1(r.get("p99Us").asDouble()), f1(r.get("allocatedBytesPerCall").asDouble() / 1024), ratio(r.get("meanUs").asDouble() / base));
      }
    }
    show(table);

    log("get one user: the clients interleaved in one JVM");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("url", org.url());
    args.put("token", org.token());
    args.put("ids", String.join(",", org.ids()));
    args.put("rounds", settings.quick ? "10" : "60");
    args.put("warmupCalls", settings.quick ? "2000" : "6000");
    ObjectNode interleaved = Fork.run(InterleavedGetWorker.class, List.of("-Xmx512m"), args, logFile("get-interleaved"), 1800);
    section.set("interleaved", interleaved);
    Table t2 = new Table("Get one user, clients interleaved in one JVM (" + interleaved.get("rounds").asInt() + " rounds of "
        + interleaved.get("batch").asInt() + " calls each)", "client", "µs per call", "p50 µs", "p99 µs",
        "vs HttpClient (median of rounds)", "interquartile");
    for (OktaClient.Kind kind : GET_KINDS) {
      JsonNode r = interleaved.get(kind.id());
      t2.row(kind.label(), f1(r.get("medianRoundMeanUs").asDouble()), f1(r.get("p50Us").asDouble()), f1(r.get("p99Us").asDouble()),
          ratio(r.get("medianRatioToHttpClient").asDouble()),
          ratio(r.get("ratioQ1").asDouble()) + " - " + ratio(r.get("ratioQ3").asDouble()));
    }
    show(t2);
  }

  // ---------------------------------------------------------------------------------------------- listing

  private void listing(Org.Handle main, int mainSize) throws Exception {
    ObjectNode section = results.putObject("listing");
    section.put("jvm", LIST_HEAP + " (default collector), one JVM per client and round");
    section.put("heap", "peakAfterGc: the largest heap occupancy right after any collection during the measured "
        + "listings (GC notifications); peakUsed: the sum of the heap pools' peak usage, garbage included");
    ArrayNode sizes = section.putArray("sizes");
    for (int size : settings.sizes) {
      log("listing: " + String.format(Locale.ROOT, "%,d", size) + " users, " + settings.rounds + " round(s) of each client");
      Org.Handle org = size == mainSize ? main : Org.startUnlimited(size);
      try {
        ObjectNode bySize = sizes.addObject();
        bySize.put("users", size);
        int pages = (size + 199) / 200;
        int reps = Math.max(3, (int) Math.ceil(250.0 / pages));
        if (settings.quick) {
          reps = Math.max(2, reps / 3);
        }
        Map<OktaClient.Kind, List<ObjectNode>> runs = new LinkedHashMap<>();
        for (int round = 0; round < settings.rounds; round++) {
          for (OktaClient.Kind kind : LISTING_KINDS) {
            Map<String, String> args = new LinkedHashMap<>();
            args.put("client", kind.id());
            args.put("url", org.url());
            args.put("token", org.token());
            args.put("expect", Integer.toString(size));
            args.put("reps", Integer.toString(reps));
            args.put("warmupPages", settings.quick ? "100" : "500");
            String name = "list-" + kind.id() + "-" + size + "-" + round;
            ObjectNode r = Fork.run(ListWorker.class, List.of(LIST_HEAP, gcLog(name)), args, logFile(name), 1800);
            runs.computeIfAbsent(kind, k -> new ArrayList<>()).add(r);
          }
        }
        for (Map.Entry<OktaClient.Kind, List<ObjectNode>> e : runs.entrySet()) {
          bySize.set(e.getKey().id(), combineListing(e.getValue()));
        }
      } finally {
        if (org != main) {
          org.close();
        }
      }
    }
    Table time = new Table("List every user (median wall time of a full listing, 200 per page)", "users", "Switchboard s",
        "HttpClient s", "HttpClient+gzip s", "Okta SDK s", "Switchboard / SDK", "Switchboard / HttpClient",
        "Switchboard / HttpClient+gzip");
    Table heap = new Table("Peak heap while listing (MB after GC / MB used, garbage included; -Xmx256m)", "users",
        "Switchboard", "HttpClient", "HttpClient+gzip", "Okta SDK");
    for (JsonNode s : sizes) {
      double sb = s.get("switchboard").get("medianMs").asDouble();
      double http = s.get("httpclient").get("medianMs").asDouble();
      double gz = s.get("httpclient-gzip").get("medianMs").asDouble();
      double sdk = s.get("sdk").get("medianMs").asDouble();
      time.row(String.format(Locale.ROOT, "%,d", s.get("users").asInt()), f3(sb / 1000), f3(http / 1000), f3(gz / 1000),
          f3(sdk / 1000), ratio(sb / sdk), ratio(sb / http), ratio(sb / gz));
      heap.row(String.format(Locale.ROOT, "%,d", s.get("users").asInt()), heapCell(s.get("switchboard")),
          heapCell(s.get("httpclient")), heapCell(s.get("httpclient-gzip")), heapCell(s.get("sdk")));
    }
    show(time);
    show(heap);
    Plot.listing(sizes, settings.out.resolve("listing-time.png"), settings.out.resolve("listing-heap.png"));

    log("listing: the three clients interleaved in one JVM, " + String.format(Locale.ROOT, "%,d", mainSize) + " users");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("url", main.url());
    args.put("token", main.token());
    args.put("expect", Integer.toString(mainSize));
    args.put("rounds", settings.quick ? "2" : "7");
    args.put("warmupPages", settings.quick ? "100" : "500");
    ObjectNode interleaved = Fork.run(InterleavedListWorker.class, List.of("-Xmx512m"), args, logFile("list-interleaved"), 3600);
    section.set("interleaved", interleaved);
    Table t2 = new Table("List " + String.format(Locale.ROOT, "%,d", mainSize) + " users, clients interleaved in one JVM ("
        + interleaved.get("rounds").asInt() + " rounds)", "client", "median s", "vs Okta SDK (median of rounds)",
        "vs HttpClient (median of rounds)");
    for (OktaClient.Kind kind : LISTING_KINDS) {
      JsonNode r = interleaved.get(kind.id());
      t2.row(kind.label(), f3(r.get("medianMs").asDouble() / 1000), ratio(r.get("medianRatioToSdk").asDouble()),
          ratio(r.get("medianRatioToHttpClient").asDouble()));
    }
    show(t2);
  }

  private static String heapCell(JsonNode r) {
    return f1(r.get("peakHeapAfterGcBytes").asDouble() / 1048576) + " / " + f1(r.get("peakHeapUsedBytes").asDouble() / 1048576);
  }

  /** Pools the rounds of one client: the median of every listing, the largest heap figures, the 429s. */
  private static ObjectNode combineListing(List<ObjectNode> rounds) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    List<Double> ms = new ArrayList<>();
    long peakAfter = 0;
    long peakUsed = 0;
    long limited = 0;
    long allocated = 0;
    ArrayNode raw = out.putArray("rounds");
    for (ObjectNode r : rounds) {
      r.get("ms").forEach(v -> ms.add(v.asDouble()));
      peakAfter = Math.max(peakAfter, r.get("peakHeapAfterGcBytes").asLong());
      peakUsed = Math.max(peakUsed, r.get("peakHeapUsedBytes").asLong());
      for (JsonNode l : r.get("rateLimited")) {
        limited += l.asLong();
      }
      allocated += r.get("allocatedBytesPerListing").asLong();
      raw.add(r);
    }
    double[] all = ms.stream().mapToDouble(Double::doubleValue).toArray();
    out.put("medianMs", Stats.median(all));
    out.put("minMs", Arrays.stream(all).min().orElse(0));
    out.put("maxMs", Arrays.stream(all).max().orElse(0));
    out.put("listings", all.length);
    out.put("pages", rounds.get(0).get("pages").asLong());
    out.put("peakHeapAfterGcBytes", peakAfter);
    out.put("peakHeapUsedBytes", peakUsed);
    out.put("allocatedBytesPerListing", allocated / rounds.size());
    out.put("rateLimited", limited);
    return out;
  }

  // ---------------------------------------------------------------------------------------------- rate limit

  private void rateLimited(Org.Handle main, int users, Duration window, String key, int rounds) throws Exception {
    log("rate-limited listing: " + String.format(Locale.ROOT, "%,d", users) + " users, a bucket of " + BUCKET_LIMIT
        + " per " + window.toSeconds() + " s");
    ObjectNode section = results.putObject(key);
    int pages = (users + 199) / 200;
    int windows = (pages + BUCKET_LIMIT - 1) / BUCKET_LIMIT;
    long floorMs = (windows - 1) * window.toMillis();
    int tailPages = pages - (windows - 1) * BUCKET_LIMIT;
    section.put("users", users);
    section.put("pages", pages);
    section.put("bucket", BUCKET_LIMIT + " requests per " + window.toMillis() + " ms, window opened by the first request after the last one ended, from that request's whole second; each listing starts " + ListWorker.AFTER_WHOLE_SECOND_MS + " ms after a whole second");
    section.put("floorMs", floorMs);
    section.put("minimum", "floorMs (the " + (windows - 1) + " full windows that must pass before the last "
        + tailPages + " pages may be sent) + the client's own unthrottled time for those " + tailPages
        + " pages (its median listing time without a limit x " + tailPages + "/" + pages + ")");
    try (Org.Handle limited = Org.start(users, BUCKET_LIMIT, window)) {
      // one listing first, so the new sandbox has rendered its users' JSON (it keeps it per user version) and
      // the first client measured does not pay for that; each worker then waits for the window to end
      try (DirectHttpClient warm = new DirectHttpClient(java.net.URI.create(limited.url()), limited.token(), false)) {
        warm.listAll();
      }
      Map<OktaClient.Kind, List<ObjectNode>> runs = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (OktaClient.Kind kind : KINDS) {
          Map<String, String> args = new LinkedHashMap<>();
          args.put("client", kind.id());
          args.put("url", limited.url());
          args.put("token", limited.token());
          args.put("expect", Integer.toString(users));
          args.put("reps", "1");
          args.put("warmupUrl", main.url());
          args.put("warmupToken", main.token());
          args.put("warmupPages", settings.quick ? "100" : "500");
          args.put("settleMs", Long.toString(window.toMillis() + 1000));
          String name = "ratelimit-" + window.toSeconds() + "s-" + kind.id() + "-" + round;
          ObjectNode r = Fork.run(ListWorker.class, List.of(LIST_HEAP, gcLog(name)), args, logFile(name), 1800);
          runs.computeIfAbsent(kind, k -> new ArrayList<>()).add(r);
        }
      }
      Table table = new Table("List " + String.format(Locale.ROOT, "%,d", users) + " users under a rate limit of "
          + BUCKET_LIMIT + " per " + window.toSeconds() + " s (" + pages + " requests)", "client", "wall s",
          "minimum s", "wall / minimum", "over minimum per wait s", "429s received", "429s surfaced");
      for (Map.Entry<OktaClient.Kind, List<ObjectNode>> e : runs.entrySet()) {
        ObjectNode combined = combineListing(e.getValue());
        double unthrottledMs = unthrottledMedianMs(e.getKey(), users);
        double minimum = floorMs + (Double.isNaN(unthrottledMs) ? 0 : unthrottledMs * tailPages / pages);
        combined.put("minimumMs", minimum);
        combined.put("ratio", combined.get("medianMs").asDouble() / minimum);
        combined.put("surfaced429", 0); // a 429 that reaches the caller fails the worker, and the run with it
        section.set(e.getKey().id(), combined);
        table.row(e.getKey().label(), f3(combined.get("medianMs").asDouble() / 1000), f3(minimum / 1000),
            ratio(combined.get("ratio").asDouble()),
            f3((combined.get("medianMs").asDouble() - minimum) / 1000 / Math.max(1, windows - 1)),
            combined.get("rateLimited").asLong() / e.getValue().size(), 0);
      }
      show(table);
    }
  }

  private double unthrottledMedianMs(OktaClient.Kind kind, int users) {
    JsonNode listing = results.get("listing");
    if (listing == null) {
      return Double.NaN;
    }
    for (JsonNode s : listing.get("sizes")) {
      if (s.get("users").asInt() == users) {
        return s.get(kind.id()).get("medianMs").asDouble();
      }
    }
    return Double.NaN;
  }

  // ---------------------------------------------------------------------------------------------- concurrency

  private void concurrent(Org.Handle org) throws Exception {
    log("concurrent callers: " + settings.threads + " threads sharing one client, the clients in turn in one JVM");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("url", org.url());
    args.put("token", org.token());
    args.put("ids", String.join(",", org.ids()));
    args.put("threads", Integer.toString(settings.threads));
    args.put("warmupSeconds", settings.quick ? "3" : "8");
    args.put("windows", settings.quick ? "3" : "12");
    args.put("windowSeconds", "1.5");
    ObjectNode section = Fork.run(ConcurrencyWorker.class, List.of("-Xmx1g"), args, logFile("concurrent"), 1800);
    section.put("jvm", "-Xmx1g, the three clients in one JVM, measured in alternating windows");
    results.set("concurrent", section);
    Table table = new Table(settings.threads + " concurrent callers getting users (closed loop; " + section.get("windows").asInt()
        + " windows of " + section.get("windowSeconds").asDouble() + " s per client, in turn)", "client", "calls/s",
        "p50 ms", "p99 ms", "p99.9 ms", "throughput vs HttpClient", "p99 vs HttpClient");
    JsonNode base = section.get(OktaClient.Kind.HTTPCLIENT.id());
    for (OktaClient.Kind kind : KINDS) {
      JsonNode r = section.get(kind.id());
      table.row(kind.label(), f0(r.get("throughputPerSecond").asDouble()), f2(r.get("p50Ms").asDouble()),
          f2(r.get("p99Ms").asDouble()), f2(r.get("p999Ms").asDouble()),
          ratio(r.get("throughputPerSecond").asDouble() / base.get("throughputPerSecond").asDouble()),
          ratio(r.get("p99Ms").asDouble() / base.get("p99Ms").asDouble()));
    }
    show(table);
  }

  // ---------------------------------------------------------------------------------------------- cold start

  private void coldStart(Org.Handle org) throws Exception {
    log("CLI cold start: " + settings.coldRuns + " runs of each command, in turn");
    ObjectNode r = ColdStart.run(settings.root, org, org.ids()[0], settings.coldRuns);
    results.set("coldStart", r);
    Table table = new Table("CLI cold start: get one user from a running sandbox (" + settings.coldRuns + " runs each)",
        "command", "median ms", "mean ms", "min ms", "p90 ms", "vs curl (median)");
    double curl = r.get("commands").get("curl").get("medianMs").asDouble();
    r.get("commands").fields().forEachRemaining(e -> table.row(e.getKey(), f0(e.getValue().get("medianMs").asDouble()),
        f0(e.getValue().get("meanMs").asDouble()), f0(e.getValue().get("minMs").asDouble()),
        f0(e.getValue().get("p90Ms").asDouble()), ratio(e.getValue().get("medianMs").asDouble() / curl)));
    show(table);
  }

  // ---------------------------------------------------------------------------------------------- summary

  private void summary(int mainSize) {
    ArrayNode targets = results.putArray("targets");
    Table table = new Table("Targets (issue 6)", "measure", "measured", "target", "met");
    JsonNode get = results.get("getOneUser");
    if (get != null && get.has("switchboard") && get.has("httpclient")) {
      double r = get.get("switchboard").get("meanUs").asDouble() / get.get("httpclient").get("meanUs").asDouble();
      target(targets, table, "get one user: Switchboard / HttpClient (JMH mean per call)", ratio(r), "≤ 1.10x", r <= 1.10);
      double i = get.get("interleaved").get("switchboard").get("medianRatioToHttpClient").asDouble();
      target(targets, table, "get one user: Switchboard / HttpClient (interleaved, median of rounds)", ratio(i), "≤ 1.10x", i <= 1.10);
    }
    JsonNode listing = results.get("listing");
    if (listing != null) {
      JsonNode sizes = listing.get("sizes");
      JsonNode last = sizes.get(sizes.size() - 1);
      double r = last.get("switchboard").get("medianMs").asDouble() / last.get("sdk").get("medianMs").asDouble();
      target(targets, table, "list " + String.format(Locale.ROOT, "%,d", mainSize) + " users: Switchboard / Okta SDK (time, own JVMs)",
          ratio(r), "≤ 0.80x", r <= 0.80);
      if (listing.has("interleaved")) {
        double i = listing.get("interleaved").get("switchboard").get("medianRatioToSdk").asDouble();
        target(targets, table, "list " + String.format(Locale.ROOT, "%,d", mainSize) + " users: Switchboard / Okta SDK (time, interleaved)",
            ratio(i), "≤ 0.80x", i <= 0.80);
      }
      if (sizes.size() > 1) {
        JsonNode first = sizes.get(0);
        double h = last.get("switchboard").get("peakHeapAfterGcBytes").asDouble()
            / first.get("switchboard").get("peakHeapAfterGcBytes").asDouble();
        target(targets, table, "Switchboard peak heap after GC, " + String.format(Locale.ROOT, "%,d", last.get("users").asInt())
            + " vs " + String.format(Locale.ROOT, "%,d", first.get("users").asInt()) + " users", ratio(h),
            "flat: ≤ 1.25x", h <= 1.25);
      }
    }
    JsonNode limited = results.get("rateLimited");
    if (limited != null && limited.has("switchboard")) {
      double r = limited.get("switchboard").get("ratio").asDouble();
      long received = limited.get("switchboard").get("rateLimited").asLong();
      target(targets, table, "rate-limited listing: Switchboard wall / bucket minimum", ratio(r), "≤ 1.05x", r <= 1.05);
      target(targets, table, "rate-limited listing: 429s surfaced (received) by Switchboard", "0 (" + received + ")", "0", true);
    }
    JsonNode cold = results.get("coldStart");
    if (cold != null) {
      double m = cold.get("commands").get("./switchboard run okta.get_user").get("medianMs").asDouble();
      double curl = cold.get("commands").get("curl").get("medianMs").asDouble();
      target(targets, table, "CLI cold start, ./switchboard run okta.get_user (median; curl " + f0(curl) + " ms)",
          f0(m) + " ms", "< 1000 ms", m < 1000);
    }
    show(table);
  }

  private static void target(ArrayNode targets, Table table, String measure, String measured, String target, boolean met) {
    ObjectNode t = targets.addObject();
    t.put("measure", measure);
    t.put("measured", measured);
    t.put("target", target);
    t.put("met", met);
    table.row(measure, measured, target, met ? "yes" : "NO");
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private String gcLog(String name) {
    return "-Xlog:gc:file=" + settings.out.resolve("gc").resolve(name + ".log") + ":uptime";
  }

  private Path logFile(String name) throws IOException {
    Files.createDirectories(settings.out.resolve("logs"));
    Files.createDirectories(settings.out.resolve("gc"));
    return settings.out.resolve("logs").resolve(name + ".log");
  }

  private void show(Table table) {
    tables.add(table);
    System.out.print(table.text());
    System.out.flush();
  }

  private static void log(String message) {
    System.out.println("\n>>> " + DateTimeFormatter.ofPattern("HH:mm:ss").format(ZonedDateTime.now()) + " " + message);
    System.out.flush();
  }

  static String f0(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String ratio(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
  }

  /** The command line. */
  static final class Settings {
    static final String USAGE = """
        usage: java -jar bench/target/benchmarks.jar [options]        (or bench/run.sh [options])
          --quick                 a short run to check the harness (smaller org, fewer runs): figures are not for the docs
          --only LIST             sections, comma-separated: get,list,ratelimit,concurrent,coldstart (default: all)
          --sizes LIST            org sizes for the listing and its plot (default 1000,5000,10000,25000,50000);
                                  the largest is the main org of every section
          --rounds N              worker JVMs per client and size for the listings (default 2)
          --ratelimit-users N     the rate-limited org's size (default: the largest of --sizes; list it in --sizes too,
                                  so the listing section gives each client's unthrottled time for the minimum)
          --threads N             concurrent callers (default 32)
          --cold-runs N           timed runs of each cold-start command (default 20)
          --out DIR               results directory (default bench/target/results)
          --root DIR              the repository root, where ./switchboard is (default .)
        java -jar bench/target/benchmarks.jar jmh [JMH options]   runs JMH alone (e.g. jmh -l, jmh GetUser -p client=sdk)
        java -jar bench/target/benchmarks.jar serve [USERS [LIMIT WINDOW_MS]]   serves a benchmark org (all users ACTIVE)
        java -jar bench/target/benchmarks.jar plot RESULTS_JSON   redraws the listing plots of an earlier run beside it""";

    boolean help;
    boolean quick;
    Set<String> sections = new LinkedHashSet<>(SECTIONS);
    List<Integer> sizes = List.of(1000, 5000, 10000, 25000, 50000);
    int rounds = 2;
    int rateLimitUsers;
    int threads = 32;
    int coldRuns = 20;
    Path out = Path.of("bench/target/results");
    Path root = Path.of(".");
    String command;

    static Settings parse(String[] args) {
      Settings s = new Settings();
      s.command = "bench/run.sh" + (args.length == 0 ? "" : " " + String.join(" ", args));
      boolean sizesGiven = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> s.help = true;
          case "--quick" -> s.quick = true;
          case "--only" -> {
            s.sections = new LinkedHashSet<>(Arrays.asList(value(args, ++i, arg).split(",")));
            for (String section : s.sections) {
              if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException("unknown section '" + section + "'; one of " + String.join(", ", SECTIONS));
              }
            }
          }
          case "--sizes" -> {
            s.sizes = Arrays.stream(value(args, ++i, arg).split(",")).map(v -> positive(v, arg)).sorted().toList();
            sizesGiven = true;
          }
          case "--rounds" -> s.rounds = positive(value(args, ++i, arg), arg);
          case "--ratelimit-users" -> s.rateLimitUsers = positive(value(args, ++i, arg), arg);
          case "--threads" -> s.threads = positive(value(args, ++i, arg), arg);
          case "--cold-runs" -> s.coldRuns = positive(value(args, ++i, arg), arg);
          case "--out" -> s.out = Path.of(value(args, ++i, arg));
          case "--root" -> s.root = Path.of(value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (s.quick) {
        if (!sizesGiven) {
          s.sizes = List.of(1000, 5000);
        }
        s.rounds = 1;
        s.coldRuns = Math.min(s.coldRuns, 5);
      }
      s.out = s.out.toAbsolutePath().normalize();
      s.root = s.root.toAbsolutePath().normalize();
      return s;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int positive(String value, String option) {
      int n;
      try {
        n = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
      }
      if (n < 1) {
        throw new IllegalArgumentException(option + " must be at least 1");
      }
      return n;
    }
  }
}
