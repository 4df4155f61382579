package dev.switchboard.cli;

import dev.switchboard.server.FirstStart;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.studio.Studio;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.MasterKey;
import dev.switchboard.workspace.Workspace;
import dev.switchboard.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switchboard serve}: the workspace server (REST API under /api/, described at /api/openapi.json) on
 * 127.0.0.1:8080 by default, its state in an embedded SQLite file in the Switchboard home or in PostgreSQL
 * ({@code --database} or {@value Database#URL_VARIABLE}). On first start it prints the admin key once (or takes
 * {@value FirstStart#ADMIN_KEY_VARIABLE}) and holds an Okta connector bound to the embedded sandbox.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
    "Serves the workspace: connectors, actions, credentials, runs and audit, over a REST API (/api/, described at"
        + " /api/openapi.json).",
    "State lives in $SWITCHBOARD_HOME/workspace.db (SQLite) unless --database or " + Database.URL_VARIABLE + " names a PostgreSQL database.",
    "The first start prints an admin key once (or takes " + FirstStart.ADMIN_KEY_VARIABLE + ")."})
final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_PORT,
      description = "The TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerOptions.LOOPBACK,
      description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--database", paramLabel = "URL",
      description = "postgresql://user:password@host:5432/db, or sqlite:/path/file.db (default: " + Database.URL_VARIABLE
          + ", else $SWITCHBOARD_HOME/workspace.db).")
  String database;

  @Option(names = "--allow-origin", paramLabel = "ORIGIN",
      description = "A browser origin to allow besides the server's own, such as https://app.example.com; repeatable.")
  List<String> allowOrigins = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ServerOptions options;
    Database db;
    try {
      options = new ServerOptions(host, port, allowOrigins);
      String url = database != null ? database : main.env.get(Database.URL_VARIABLE);
      db = url != null && !url.isBlank() ? Database.parse(url) : Database.sqlite(home(main.env).resolve("workspace.db"));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
    Workspace workspace;
    FirstStart.Outcome first;
    try {
      MasterKey key = MasterKey.load(main.env, home(main.env).resolve("master.key"), new SecureRandom());
      workspace = Workspace.builder(db, key).open();
      first = FirstStart.prepare(workspace, main.env);
    } catch (WorkspaceException e) {
      throw new Main.ConfigurationException(e.getMessage());
    }
    SwitchboardServer server;
    try {
      server = SwitchboardServer.builder(workspace, options).log(err).extension(new Studio()).build().start();
    } catch (IllegalStateException e) {
      workspace.close();
      throw new Main.UsageException(e.getMessage() + " (is the port in use? --port 0 picks a free one)");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      workspace.close();
      stopped.countDown();
    }));
    if (!isLoopback(options.host())) {
      err.println("switchboard serve: listening on " + options.host() + ", reachable from other machines: anyone with a key"
          + " can use the workspace, and plain HTTP does not protect keys in transit; put TLS in front");
    }
    err.println("switchboard serve: workspace in " + db.display());
    err.println("switchboard serve: serving at " + server.uri() + " (the studio: open it in a browser and sign in with an admin key;"
        + " REST API under /api/, described at " + server.uri() + "/api/openapi.json; Ctrl+C stops)");
    if (first.seeded()) {
      err.println("switchboard serve: new workspace: connector 'okta' from the built-in pack, bound to the embedded Okta"
          + " sandbox until you set its org_url setting and okta_api_token credential");
    }
    first.generatedKey().ifPresent(k -> err.println("switchboard serve: admin key (shown once; send 'Authorization: Bearer <key>';"
        + " set " + FirstStart.ADMIN_KEY_VARIABLE + " to choose your own): " + k));
    err.flush();
    stopped.await();
    return 0;
  }

  /** The Switchboard home: {@code $SWITCHBOARD_HOME}, else {@code $HOME/.switchboard} ({@link LocalSetup#home}). */
  static Path home(Map<String, String> env) {
    return LocalSetup.home(env);
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("::1") || host.equals("[::1]");
  }
}
