package dev.switchboard.mcp;

import dev.switchboard.core.agent.BudgetedPager;
import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.run.Engine;
import dev.switchboard.mcp.call.ToolCallHandler;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.confirm.ConfirmationTokens;
import dev.switchboard.mcp.http.HttpEndpoint;
import dev.switchboard.mcp.http.HttpOptions;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.mcp.tool.ActionTool;
import dev.switchboard.mcp.tool.ToolCatalog;
import dev.switchboard.mcp.tool.ToolSelection;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Switchboard's MCP server: every selected action of the engine's catalog as a tool (see {@link ToolCatalog}
 * for names, schemas and annotations, {@link ToolCallHandler} for what a call does), served over stdio
 * ({@link #serveStdio}) or Streamable HTTP ({@link #serveHttp}) with the official MCP Java SDK.
 *
 * <p>The server declares the {@code tools} and {@code logging} capabilities. Its {@code instructions} tell the client how paging
 * and confirmation work, plus any notes the caller adds (such as "this is the embedded sandbox"). One instance
 * can serve several transports; they share the tools and the confirmation tokens.
 */
public final class SwitchboardMcpServer {
  /** The server name sent in {@code serverInfo}. */
  public static final String NAME = "switchboard";
  /** How long the server waits for a client's answer to an elicitation (a person may be deciding): 10 minutes. */
  public static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final ToolCatalog tools;
  private final ToolCallHandler handler;
  private final String instructions;
  private final String version;
  private final PrintWriter log;
  private final McpJsonMapper mapper;

  private SwitchboardMcpServer(Builder b) {
    OutputBudget budget = b.budget;
    this.tools = ToolCatalog.of(b.engine.catalog(), b.selection, budget, b.confirmation);
    this.mapper = new UnknownToolErrors(McpJson.mapper(), tools);
    ConfirmationTokens tokens = new ConfirmationTokens(b.confirmationTtl, b.clock, b.random);
    this.handler = new ToolCallHandler(b.engine, new BudgetedPager(b.engine, budget), tokens, b.log);
    this.version = b.version;
    this.log = b.log;
    this.instructions = instructions(tools.tools(), budget, tokens.ttl(), b.notes);
  }

  /**
   * Starts configuring a server.
   *
   * @param engine the engine whose catalog becomes the tools and which runs them
   * @return a builder
   */
  public static Builder builder(Engine engine) {
    return new Builder(engine);
  }

  /** {@return the tools this server offers} */
  public ToolCatalog tools() {
    return tools;
  }

  /** {@return the instructions sent to clients at initialization} */
  public String instructions() {
    return instructions;
  }

  /**
   * Serves one client over a pair of streams (stdio): newline-delimited JSON-RPC messages, nothing else on
   * {@code out}. Returns at once; the connection ends when {@code in} ends, once the requests already read have
   * been answered (waiting at most 60 s for them).
   *
   * @param in what the client writes (the process's stdin)
   * @param out where messages go (the process's stdout, which nothing else may write to)
   * @return the connection
   */
  public StdioConnection serveStdio(InputStream in, OutputStream out) {
    CountDownLatch ended = new CountDownLatch(1);
    PendingRequests pending = new PendingRequests();
    OutputStream messages = pending.counting(out);
    StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper,
        new StdioConnection.EndSignallingInput(new JsonRpcLines(in, log, pending, messages), ended), messages);
    return new StdioConnection(configure(McpServer.sync(transport)), ended);
  }

  /**
   * Serves Streamable HTTP at {@value HttpOptions#ENDPOINT}.
   *
   * @param options address, port, API key and allowed origins
   * @return the running endpoint
   * @throws IllegalStateException when the address cannot be bound
   */
  public HttpEndpoint serveHttp(HttpOptions options) {
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(mapper)
        .mcpEndpoint(HttpOptions.ENDPOINT)
        .build();
    McpSyncServer server = configure(McpServer.sync(transport));
    try {
      return HttpEndpoint.start(options, transport, server::closeGracefully);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private McpSyncServer configure(McpServer.SyncSpecification<?> spec) {
    List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
    for (ActionTool tool : tools.tools()) {
      specs.add(McpServerFeatures.SyncToolSpecification.builder()
          .tool(tool.descriptor())
          .callHandler((exchange, request) -> handler.call(tool, exchange, request))
          .build());
    }
    return spec
        .serverInfo(new McpSchema.Implementation(NAME, "Switchboard", version))
        .instructions(instructions)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .jsonMapper(mapper)
        .jsonSchemaValidator(McpJson.validator())
        .validateToolInputs(false)
        .requestTimeout(CLIENT_REQUEST_TIMEOUT)
        .tools(specs)
        .build();
  }

  private static String instructions(List<ActionTool> tools, OutputBudget budget, Duration ttl, List<String> notes) {
    int count = tools.size();
    StringBuilder out = new StringBuilder()
        .append("Switchboard serves declared actions on enterprise APIs as tools (").append(count)
        .append(count == 1 ? " tool" : " tools").append(", named connector_action).");
    List<String> instances = tools.stream().map(t -> t.plan().connector().name())
        .filter(n -> n.indexOf(ConnectorInstance.SEPARATOR) >= 0).distinct()
        .map(n -> n + " (tools " + n.replace(ConnectorInstance.SEPARATOR, '-') + "_*)").toList();
    if (!instances.isEmpty()) {
      out.append(" Some connectors are served as instances, each on its own service with its own credentials: ")
          .append(String.join(", ", instances)).append(". Use the instance the user means, and do not assume that what"
              + " exists on one exists on another.");
    }
    if (tools.stream().anyMatch(ActionTool::listing)) {
      out.append(" Listing tools return at most ").append(budget.maxItems()).append(" items and ").append(budget.maxBytes())
          .append(" bytes per call; when a result says truncated, call the same tool with the same arguments plus its next_cursor.");
    }
    if (tools.stream().anyMatch(ActionTool::confirms)) {
      out.append(" Destructive tools change nothing until confirmed: when this client supports elicitation its user is asked;"
          + " otherwise the first call returns the request it would send and a confirmation_token (valid ")
          .append(ttl.toSeconds()).append(" s, once) to pass in a second call with the same arguments, only after the user agrees.");
    } else if (tools.stream().anyMatch(t -> t.annotations().destructive())) {
      out.append(" Confirmation of destructive tools is off on this server: they run when called.");
    }
    out.append(" A failed call returns isError with structuredContent.error {category, message, field?, error_code?,"
        + " error_summary?}: category validation with a field names the argument to fix; not_found, auth, permission,"
        + " conflict, rate_limited, upstream, network and timeout come from the service.");
    for (String note : notes) {
      out.append("\n\n").append(note);
    }
    return out.toString();
  }

  /** Configures a {@link SwitchboardMcpServer}. */
  public static final class Builder {
    private final Engine engine;
    private ToolSelection selection = ToolSelection.ALL;
    private OutputBudget budget = OutputBudget.DEFAULT;
    private Confirmation confirmation = Confirmation.ASK;
    private Duration confirmationTtl = ConfirmationTokens.DEFAULT_TTL;
    private final List<String> notes = new ArrayList<>();
    private PrintWriter log = new PrintWriter(Writer.nullWriter());
    private String version = "0.1.0-SNAPSHOT";
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();

    private Builder(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Chooses the tools offered (default: all).
     *
     * @param value the selection
     * @return this builder
     */
    public Builder tools(ToolSelection value) {
      this.selection = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the output budget of listings (default {@link OutputBudget#DEFAULT}).
     *
     * @param value the budget
     * @return this builder
     */
    public Builder budget(OutputBudget value) {
      this.budget = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets whether destructive tools ask first (default {@link Confirmation#ASK}).
     *
     * @param value the mode
     * @return this builder
     */
    public Builder confirmation(Confirmation value) {
      this.confirmation = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets how long a confirmation token lives (default 5 minutes).
     *
     * @param value the time
     * @return this builder
     */
    public Builder confirmationTtl(Duration value) {
      this.confirmationTtl = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Adds a paragraph to the instructions sent to clients.
     *
     * @param value the text
     * @return this builder
     */
    public Builder note(String value) {
      this.notes.add(Objects.requireNonNull(value));
      return this;
    }

    /**
     * Sets where one line per tool call goes (default: nowhere; the CLI passes stderr).
     *
     * @param value the log
     * @return this builder
     */
    public Builder log(PrintWriter value) {
      this.log = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the version sent in {@code serverInfo}.
     *
     * @param value the version
     * @return this builder
     */
    public Builder version(String value) {
      this.version = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the clock of token expiry (for tests).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Builds the server and describes its tools.
     *
     * @return the server
     * @throws IllegalArgumentException when the selection matches nothing, or actions cannot be tools (clashing or
     *     invalid names, reserved inputs); the message names them
     */
    public SwitchboardMcpServer build() {
      return new SwitchboardMcpServer(this);
    }
  }
}
