package dev.switchboard.cli;

import dev.switchboard.sandbox.OktaSandbox;
import dev.switchboard.sandbox.faults.Faults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard sandbox serve}: runs the Okta-compatible sandbox until stopped; {@code switchboard sandbox
 * token create}: creates an API token in a sandbox's data directory and shows it once, as Okta's Admin Console
 * does.
 */
@Command(name = "sandbox", description = "The Okta-compatible sandbox.", mixinStandardHelpOptions = true,
    subcommands = {SandboxCommand.Serve.class, SandboxCommand.Token.class})
final class SandboxCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }

  /** Serves the sandbox on a loopback port, printing its org URL and one API token once. */
  @Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, description = {
      "Serves an Okta-compatible org on 127.0.0.1 until interrupted (Ctrl+C).",
      "Prints the org URL and one API token, once: export them as OKTA_ORG_URL and OKTA_API_TOKEN.",
      "Durations are written 500ms, 2s, 5m, 1h, 30d or in ISO-8601 (PT2S)."})
  static final class Serve implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "The port on 127.0.0.1 (default: 0, a free port).", defaultValue = "0")
    int port;

    @Option(names = "--users", paramLabel = "N", description = "Generated users (default: 1000), with groups and memberships; ignored when --data-dir holds an org.", defaultValue = "1000")
    int users;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the generated data (default: 42); the same seed gives the same org.", defaultValue = "42")
    long seed;

    @Option(names = "--all-active", description = "Make every generated user ACTIVE instead of Okta's usual mix of statuses.")
    boolean allActive;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the org in DIR across restarts (users, groups, memberships, hashed tokens, service apps, System Log).")
    Path dataDir;

    @Option(names = "--rate-limit", paramLabel = "N", description = "Requests per window in every rate-limit bucket (default: Okta's typical limits per bucket).")
    Integer rateLimit;

    @Option(names = "--bucket-limit", paramLabel = "BUCKET=N", description = "Requests per window in one bucket, e.g. /api/v1/logs=20; repeatable. Buckets: /api/v1/users, 'GET /api/v1/users/{idOrLogin}', /api/v1/users/{id}, /api/v1/groups, /api/v1/logs, /oauth2/v1/token, /api/v1, /.")
    Map<String, Integer> bucketLimits = new LinkedHashMap<>();

    @Option(names = "--rate-limit-window", paramLabel = "DURATION", description = "Length of a rate-limit window (default: 60s).", defaultValue = "60s", converter = DurationConverter.class)
    Duration rateLimitWindow;

    @Option(names = "--concurrency-limit", paramLabel = "N", description = "Requests in flight at once before 429 (default: 75).", defaultValue = "75")
    int concurrencyLimit;

    @Option(names = "--token-window", paramLabel = "DURATION", description = "How long an API token may go unused before it expires (default: 30d).", defaultValue = "30d", converter = DurationConverter.class)
    Duration tokenWindow;

    @Option(names = "--latency", paramLabel = "DURATION", description = "Fault: added to every API request (default: 0ms).", defaultValue = "0ms", converter = DurationConverter.class)
    Duration latency;

    @Option(names = "--error-rate", paramLabel = "FRACTION", description = "Fault: fraction of API requests answered 500 or 503 (0 to 1; default: 0).", defaultValue = "0")
    double errorRate;

    @Option(names = "--html-errors", description = "Fault: injected errors are HTML pages, as a proxy in front of Okta sends.")
    boolean htmlErrors;

    @Option(names = "--duplicate-rate-limit-headers", description = "Fault: send every X-Rate-Limit-* header twice, the looser value first.")
    boolean duplicateRateLimitHeaders;

    @Option(names = "--gzip", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Gzip JSON answers when the request accepts it, as Okta does (the default; --no-gzip answers plain bytes to every client).")
    boolean gzip;

    @Option(names = "--drop-rate", paramLabel = "FRACTION", description = "Fault: fraction of API requests whose connection is closed without a response (0 to 1; default: 0).", defaultValue = "0")
    double dropRate;

    /** The sandbox these options describe, not started. */
    OktaSandbox sandbox() {
      if (port < 0 || port > 65535) {
        throw new Main.UsageException("--port must be from 0 to 65535; got " + port);
      }
      if (users < 0 || users > 1_000_000) {
        throw new Main.UsageException("--users must be from 0 to 1,000,000; got " + users);
      }
      try {
        OktaSandbox.Builder builder = OktaSandbox.builder().port(port).users(users).seed(seed).mixedStatuses(!allActive)
            .rateLimitWindow(rateLimitWindow).concurrencyLimit(concurrencyLimit).tokenWindow(tokenWindow)
            .compression(gzip)
            .faults(new Faults(latency, errorRate, htmlErrors, duplicateRateLimitHeaders, false, dropRate));
        if (rateLimit != null) {
          builder.rateLimit(rateLimit);
        }
        bucketLimits.forEach(builder::rateLimit);
        if (dataDir != null) {
          builder.dataDir(dataDir);
        }
        return builder.build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new Main.UsageException(e.getMessage());
      } catch (java.io.UncheckedIOException e) {
        throw new Main.ConfigurationException("cannot use the data directory " + dataDir + ": "
            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
            + " (it must be a directory this sandbox created, or an empty or missing one)");
      }
    }

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      OktaSandbox sandbox = sandbox();
      try {
        sandbox.start();
      } catch (RuntimeException e) {
        sandbox.close();
        spec.commandLine().getErr().println("error: cannot start the sandbox on 127.0.0.1:" + port + ": "
            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + " (is the port in use? try --port 0)");
        return Main.EXIT_FAILED;
      }
      String token = sandbox.createApiToken("Switchboard sandbox serve");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        sandbox.close();
        stopped.countDown();
      }));
      out.println("Okta sandbox listening at " + sandbox.orgUrl() + " with " + sandbox.userCount() + " users and "
          + sandbox.groupCount() + " groups" + (dataDir == null ? " (seed " + seed + ")" : " (kept in " + dataDir + ")"));
      out.println("API token (shown once, as Okta does):");
      out.println();
      out.println("  export OKTA_ORG_URL=" + sandbox.orgUrl());
      out.println("  export OKTA_API_TOKEN=" + token);
      out.println();
      out.println("Press Ctrl+C to stop.");
      out.flush();
      stopped.await();
      return 0;
    }
  }

  /** {@code switchboard sandbox token}: API tokens of a sandbox kept in a data directory. */
  @Command(name = "token", mixinStandardHelpOptions = true, description = "API tokens of a sandbox kept in a data directory.",
      subcommands = {Token.Create.class})
  static final class Token implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getErr());
      return Main.EXIT_USAGE;
    }

    /** Creates a token and shows it once. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = {
        "Creates an API token, as Security > API > Tokens > Create Token does in Okta's Admin Console, and shows it once.",
        "Works on the sandbox serving --data-dir if one is running, else on the directory itself."})
    static final class Create implements Callable<Integer> {
      @Spec
      CommandSpec spec;

      @Option(names = "--name", required = true, paramLabel = "NAME", description = "The token's name, e.g. \"Agent Studio Connector\".")
      String name;

      @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The sandbox's data directory (as given to sandbox serve --data-dir).")
      Path dataDir;

      @Override
      public Integer call() {
        OktaSandbox.CreatedToken created;
        try {
          created = OktaSandbox.createApiToken(dataDir, name);
        } catch (IllegalArgumentException e) {
          throw new Main.UsageException(e.getMessage());
        } catch (IllegalStateException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage());
          return Main.EXIT_FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created API token \"" + created.name() + "\" (" + created.id() + ")"
            + created.orgUrl().map(url -> " in the sandbox running at " + url).orElse(" in " + dataDir) + ".");
        out.println("Copy it now: it is shown only this once.");
        out.println();
        out.println("  export OKTA_API_TOKEN=" + created.secret());
        out.flush();
        return 0;
      }
    }
  }

  /** Reads durations written {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 30d} or ISO-8601. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
      Matcher matcher = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      try {
        return Duration.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 2s, 5m, 1h, 30d or PT2S");
      }
    }
  }
}
