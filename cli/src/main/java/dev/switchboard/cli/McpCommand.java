package dev.switchboard.cli;

import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.mcp.StdioConnection;
import dev.switchboard.mcp.SwitchboardMcpServer;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.http.ApiKey;
import dev.switchboard.mcp.http.HttpEndpoint;
import dev.switchboard.mcp.http.HttpOptions;
import dev.switchboard.mcp.tool.ActionTool;
import dev.switchboard.mcp.tool.ToolCatalog;
import dev.switchboard.mcp.tool.ToolSelection;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switchboard mcp}: serves the catalog's actions as MCP tools, over stdio (the default; stdout carries
 * nothing but MCP messages, notes and logs go to stderr) or Streamable HTTP ({@code --http PORT}, loopback
 * unless {@code --host} says otherwise, bearer API key from {@value ApiKey#ENV} or generated and printed once on
 * stderr). Without OKTA_ORG_URL and OKTA_API_TOKEN, okta tools run against the embedded sandbox, and the
 * server's instructions say so.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, description = {
    "Serves the actions as Model Context Protocol tools, over stdio (default) or Streamable HTTP (--http PORT).",
    "Without OKTA_ORG_URL and OKTA_API_TOKEN, okta_* tools act on the embedded Okta sandbox.",
    "Over HTTP every request needs 'Authorization: Bearer <key>': the key comes from " + ApiKey.ENV
        + ", or is generated and printed once on stderr."})
final class McpCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Option(names = "--http", paramLabel = "PORT", description = "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (0 picks a free port).")
  Integer httpPort;

  @Option(names = "--host", paramLabel = "HOST", description = "With --http: the address to bind (default: 127.0.0.1, this machine only).")
  String host;

  @Option(names = "--allow-origin", paramLabel = "ORIGIN", description = "With --http: a browser origin to allow besides the server's own, such as https://app.example.com; repeatable.")
  List<String> allowOrigins = new ArrayList<>();

  @Option(names = "--tools", paramLabel = "GLOB", description = "Serve only tools whose names match, such as 'okta_list_*' (* any run, ? one character); repeatable.")
  List<String> tools = new ArrayList<>();

  @Option(names = "--read-only", description = "Serve only actions annotated read_only.")
  boolean readOnly;

  @Option(names = "--no-confirm", description = "Run destructive tools without asking first (for unattended automation only).")
  boolean noConfirm;

  @Option(names = "--max-items", paramLabel = "N", defaultValue = "" + OutputBudget.DEFAULT_MAX_ITEMS,
      description = "Most items a listing tool returns per call (default: ${DEFAULT-VALUE}).")
  int maxItems;

  @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "" + OutputBudget.DEFAULT_MAX_BYTES,
      description = "Most bytes of items a listing tool returns per call (default: ${DEFAULT-VALUE}).")
  int maxBytes;

  @Mixin
  DefinitionsOption definitions;

  private boolean keyGenerated;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (httpPort == null && (host != null || !allowOrigins.isEmpty())) {
      throw new Main.UsageException((host != null ? "--host" : "--allow-origin") + " applies only with --http PORT");
    }
    HttpOptions httpOptions = httpPort == null ? null : httpOptions(err);
    OutputBudget budget;
    ToolSelection selection;
    try {
      budget = new OutputBudget(maxItems, maxBytes);
      selection = new ToolSelection(tools, readOnly);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage().replace("the item budget", "--max-items").replace("the byte budget", "--max-bytes"));
    }
    LocalSetup setup = new LocalSetup(main.env);
    Catalog catalog = withoutSandboxBesideInstances(setup.withInstances(definitions.catalog(main.env), err), setup, err);
    Confirmation confirmation = noConfirm ? Confirmation.OFF : Confirmation.ASK;
    ToolCatalog selected;
    try {
      selected = ToolCatalog.of(catalog, selection, budget, confirmation);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }

    OutputStream stdout = null;
    if (httpOptions == null) {
      // stdio: stdout is the protocol channel. Keep it for the transport and send any stray print to stderr.
      stdout = new FileOutputStream(FileDescriptor.out);
      System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    }
    try (LocalSetup.Sources sources = setup.sources(connectors(selected), err);
        Engine engine = Engine.builder(catalog).secrets(sources.secrets()).config(sources.config()).build()) {
      List<String> notes = new ArrayList<>();
      sources.onSandbox().forEach(connector -> notes.add(sandboxNote(connector)));
      SwitchboardMcpServer.Builder builder = SwitchboardMcpServer.builder(engine)
          .tools(selection).budget(budget).confirmation(confirmation).log(err)
          .version(new Main.Version().getVersion()[0].replace("switchboard ", ""));
      notes.forEach(builder::note);
      SwitchboardMcpServer server = builder.build();
      if (noConfirm) {
        err.println("switchboard mcp: --no-confirm: destructive tools run without asking");
      }
      err.println("switchboard mcp: " + server.tools().tools().size() + " tools: " + String.join(", ", server.tools().names()));
      if (httpOptions == null) {
        err.println("switchboard mcp: serving MCP over stdio; logs go to stderr");
        err.flush();
        StdioConnection connection = server.serveStdio(main.stdin, stdout);
        connection.awaitEnd();
        connection.close();
      } else {
        serveHttp(server, httpOptions, err);
      }
      return 0;
    }
  }

  /**
   * Leaves out a pack that would run on the embedded sandbox while instances of it are declared: an agent given
   * {@code okta-prod_delete_user} should not also find a sandbox's {@code okta_delete_user} beside it. Setting the
   * pack's own variables serves it again.
   */
  private static Catalog withoutSandboxBesideInstances(Catalog catalog, LocalSetup setup, PrintWriter err) {
    List<ConnectorDefinition> kept = new ArrayList<>();
    boolean leftOut = false;
    for (ConnectorDefinition connector : catalog.connectors().values()) {
      List<String> instances = catalog.connectors().keySet().stream()
          .filter(n -> n.startsWith(connector.name() + ConnectorInstance.SEPARATOR)).toList();
      if (!instances.isEmpty() && EmbeddedSandbox.standsIn(connector, setup, new PrintWriter(Writer.nullWriter()))) {
        err.println("switchboard mcp: " + connector.name() + "_* tools are not served: " + String.join(", ", instances)
            + (instances.size() == 1 ? " is" : " are") + " declared and " + String.join(" and ", EmbeddedSandbox.variables(connector))
            + " are not set, so they would act on the embedded sandbox; set them to serve " + connector.name() + "_* too");
        leftOut = true;
      } else {
        kept.add(connector);
      }
    }
    return leftOut ? Catalog.of(kept) : catalog;
  }

  private HttpOptions httpOptions(PrintWriter err) {
    String fromEnv = main.env.get(ApiKey.ENV);
    ApiKey key;
    if (fromEnv != null && !fromEnv.isBlank()) {
      try {
        key = ApiKey.of(fromEnv);
      } catch (IllegalArgumentException e) {
        throw ActionError.builder(ErrorCategory.CONFIGURATION, "mcp", ApiKey.ENV + ": " + e.getMessage()).build();
      }
    } else {
      key = ApiKey.generate(new SecureRandom());
    }
    try {
      keyGenerated = fromEnv == null || fromEnv.isBlank();
      return new HttpOptions(host == null ? HttpOptions.LOOPBACK : host, httpPort, key, allowOrigins);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage().replace("the port", "--http"));
    }
  }

  private void serveHttp(SwitchboardMcpServer server, HttpOptions options, PrintWriter err) throws InterruptedException {
    HttpEndpoint endpoint;
    try {
      endpoint = server.serveHttp(options);
    } catch (IllegalStateException e) {
      throw new Main.UsageException(e.getMessage() + " (is the port in use? --http 0 picks a free one)");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      endpoint.close();
      stopped.countDown();
    }));
    if (!isLoopback(options.host())) {
      err.println("switchboard mcp: listening on " + options.host() + ", reachable from other machines: anyone with the"
          + " key can call the tools, and plain HTTP does not protect the key in transit; put TLS in front");
    }
    err.println("switchboard mcp: serving MCP Streamable HTTP at " + endpoint.uri() + " (Ctrl+C stops)");
    if (keyGenerated) {
      err.println("switchboard mcp: API key (shown once; clients send 'Authorization: Bearer <key>'; set " + ApiKey.ENV
          + " to choose your own): " + options.apiKey().reveal());
    } else {
      err.println("switchboard mcp: API key from " + ApiKey.ENV);
    }
    err.flush();
    stopped.await();
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("::1") || host.equals("[::1]");
  }

  private static List<ConnectorDefinition> connectors(ToolCatalog tools) {
    Map<String, ConnectorDefinition> out = new LinkedHashMap<>();
    for (ActionTool tool : tools.tools()) {
      out.putIfAbsent(tool.plan().connector().name(), tool.plan().connector());
    }
    return List.copyOf(out.values());
  }

  private static String sandboxNote(ConnectorDefinition connector) {
    List<String> variables = new ArrayList<>();
    connector.config().values().forEach(v -> v.env().ifPresent(variables::add));
    if (connector.auth() instanceof AuthConfig.ApiKey apiKey) {
      variables.add(EnvironmentSecretStore.variable(apiKey.secret()));
    }
    String vars = String.join(" and ", variables);
    return "No " + connector.title() + " org is configured (" + vars + " not set), so the " + connector.name()
        + "_* tools act on Switchboard's embedded " + connector.title() + " sandbox: an in-process stand-in with "
        + EmbeddedSandbox.USERS + " generated users. Nothing real is read or changed, and changes last only while this"
        + " server runs. To reach a real org, whoever configures this server sets " + vars + ".";
  }
}
