package dev.switchboard.cli;

import dev.switchboard.sandbox.OktaSandbox;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code switchboard sandbox serve}: runs the Okta-compatible sandbox until stopped. */
@Command(name = "sandbox", description = "The Okta-compatible sandbox.", mixinStandardHelpOptions = true,
    subcommands = {SandboxCommand.Serve.class})
final class SandboxCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }

  /** Serves the sandbox on a loopback port, printing its org URL and one API token once. */
  @Command(name = "serve", mixinStandardHelpOptions = true, description = {
      "Serves an Okta-compatible org on 127.0.0.1 until interrupted (Ctrl+C).",
      "Prints the org URL and one API token, once: export them as OKTA_ORG_URL and OKTA_API_TOKEN."})
  static final class Serve implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "The port on 127.0.0.1 (default: 0, a free port).", defaultValue = "0")
    int port;

    @Option(names = "--users", paramLabel = "N", description = "Generated users (default: 1000).", defaultValue = "1000")
    int users;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the generated data (default: 42); the same seed gives the same org.", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
      if (port < 0 || port > 65535) {
        throw new Main.UsageException("--port must be from 0 to 65535; got " + port);
      }
      if (users < 0 || users > 1_000_000) {
        throw new Main.UsageException("--users must be from 0 to 1,000,000; got " + users);
      }
      PrintWriter out = spec.commandLine().getOut();
      OktaSandbox sandbox = OktaSandbox.builder().port(port).users(users).seed(seed).build();
      try {
        sandbox.start();
      } catch (RuntimeException e) {
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
      out.println("Okta sandbox listening at " + sandbox.orgUrl() + " with " + users + " users (seed " + seed + ")");
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
}
