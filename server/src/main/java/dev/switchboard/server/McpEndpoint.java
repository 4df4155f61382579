package dev.switchboard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.agent.BudgetedPager;
import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.definition.Names;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.mcp.SwitchboardMcpServer;
import dev.switchboard.mcp.UnknownToolErrors;
import dev.switchboard.mcp.call.ToolCallHandler;
import dev.switchboard.mcp.call.ToolResults;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.confirm.ConfirmationStore;
import dev.switchboard.mcp.json.McpJson;
import dev.switchboard.mcp.tool.ActionTool;
import dev.switchboard.mcp.tool.ToolCatalog;
import dev.switchboard.mcp.tool.ToolSelection;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.ConfirmationTokenRepository;
import dev.switchboard.workspace.DatabaseOutage;
import dev.switchboard.workspace.Workspace;
import dev.switchboard.workspace.cluster.McpSessionRepository;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MCP Streamable HTTP at {@code /mcp}, from the workspace: every saved action of every connector that loads is a tool
 * (named and described as {@code switchboard mcp} does, by the mcp module's {@link ToolCatalog} and
 * {@link ToolCallHandler}). Each access key gets its own MCP server holding only the tools it may see (an agent
 * key's globs and read-only flag), so {@code tools/list} is what that key may call; after a save the tools change at
 * once and each server sends {@code notifications/tools/list_changed}. Confirmation tokens of destructive tools are
 * kept in the database, bound to the key that got them, so a confirmation works after a restart and on another
 * instance. Every call is recorded as a run (channel {@code mcp}).
 *
 * <p>Every request passes the {@link OriginGuard} and needs a live key ({@code Authorization: Bearer}); a body that
 * is not JSON, or larger than {@value #MAX_BODY_BYTES} bytes, is answered with JSON-RPC's -32700 parse error and
 * {@code id: null}. MCP sessions are kept in the database ({@link McpSessions}), so a session continues on any instance
 * of the same database and after a restart; a client whose session no instance opened gets 404 and starts a new one,
 * as the specification says.
 */
final class McpEndpoint extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** The path served. */
  static final String PATH = "/mcp";
  /** The largest request body, in bytes. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final transient Workspace workspace;
  private final transient WorkspaceRuntime runtime;
  private final transient RunRecorder recorder;
  private final transient OriginGuard guard;
  private final transient PrintWriter log;
  private final transient OutputBudget budget;
  private final transient Map<String, KeyServer> servers = new ConcurrentHashMap<>();
  private final transient McpSessions sessions;
  private final transient Object lock = new Object();
  private final transient WorkspaceTools tools;

  McpEndpoint(Workspace workspace, WorkspaceRuntime runtime, WorkspaceTools tools, RunRecorder recorder, OriginGuard guard,
      PrintWriter log) {
    this.tools = tools;
    this.budget = tools.budget();
    this.workspace = workspace;
    this.runtime = runtime;
    this.recorder = recorder;
    this.guard = guard;
    this.log = log;
    this.sessions = new McpSessions(new McpSessionRepository(workspace), log);
    runtime.onChange(this::refresh);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    try {
      if (!guard.admit(request, response)) {
        return;
      }
    } catch (ApiProblem p) {
      reject(response, p.status(), -32000, p.getMessage());
      return;
    }
    try {
      serve(request, response);
    } catch (RuntimeException e) {
      // never left to the servlet container, whose error page would show the exception's message (SQL included)
      Optional<String> outage = DatabaseOutage.of(e);
      log.println("switchboard serve: " + request.getMethod() + " " + PATH + " failed: " + outage.map(o -> "the database cannot be"
          + " reached (" + o + ")").orElse("internal error " + e.getClass().getName()));
      log.flush();
      if (response.isCommitted()) {
        return;
      }
      response.reset();
      if (outage.isPresent()) {
        response.setHeader("Retry-After", "2");
        reject(response, 503, -32000, DatabaseOutage.DETAIL);
      } else {
        reject(response, 500, -32603, "the server failed inside Switchboard (a bug, not your request); its log names the error");
      }
    }
  }

  private void serve(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    String authorization = request.getHeader("Authorization");
    Optional<AccessKey> key = authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.empty()
        : workspace.keys().authenticate(authorization.substring(7).strip());
    if (key.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"" + (authorization == null ? "" : ", error=\"invalid_token\""));
      reject(response, 401, -32000, authorization == null ? "this server needs an access key as 'Authorization: Bearer <key>'"
          : "the access key is unknown or revoked");
      return;
    }
    HttpServletRequest forwarded = request;
    JsonNode message = null;
    byte[] raw = null;
    if ("POST".equals(request.getMethod())) {
      byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        reject(response, 413, -32700, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        return;
      }
      try {
        JsonNode parsed = Json.MAPPER.readTree(body);
        if (parsed == null) {
          throw new IOException("the body is empty");
        }
        message = parsed;
        raw = body;
      } catch (IOException e) {
        reject(response, 400, -32700, "parse error: the body is not JSON (" + firstLine(e.getMessage()) + ")");
        return;
      }
      forwarded = new ReplayedBody(request, body);
    }
    KeyServer server = servers.get(key.get().id());
    if (server == null) {
      server = create(key.get());
    }
    sessions.service(key.get(), server.transport, forwarded, response, message, raw);
  }

  /** Describes again the tools of connectors that changed; each key's server shows its share and tells its clients. */
  void refresh(Set<String> connectors) {
    synchronized (lock) {
      if (servers.isEmpty()) {
        connectors.forEach(tools::forget);
        return;
      }
      for (String connector : connectors) {
        Map<String, ActionTool> now = tools.of(connector);
        servers.values().forEach(s -> s.show(connector, now));
      }
    }
  }

  @Override
  public void destroy() {
    servers.values().forEach(s -> s.server.close());
    servers.clear();
  }

  private KeyServer create(AccessKey key) {
    synchronized (lock) {
      KeyServer known = servers.get(key.id());
      if (known != null) {
        return known;
      }
      AtomicReference<KeyServer> made = new AtomicReference<>(); // the mapper and the transport come before the server
      UnknownToolErrors mapper = new UnknownToolErrors(McpJson.mapper(), name -> made.get().unknown(name));
      HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
          .jsonMapper(mapper).mcpEndpoint(PATH).build();
      try {
        transport.init(getServletConfig());
      } catch (ServletException e) {
        throw new IllegalStateException(e);
      }
      KeyServer ks = new KeyServer(key, transport);
      made.set(ks);
      runtime.compileAll();
      List<McpServerFeatures.SyncToolSpecification> specifications = new ArrayList<>();
      for (String connector : runtime.names()) {
        ks.select(connector, tools.of(connector)).values().forEach(tool -> specifications.add(ks.specification(tool)));
      }
      ks.server = McpServer.sync(transport)
          .serverInfo(new McpSchema.Implementation(SwitchboardMcpServer.NAME, "Switchboard", "0.1.0-SNAPSHOT"))
          .instructions("Switchboard serves the workspace's actions as tools (named connector_action). Listing tools return at most "
              + budget.maxItems() + " items per call; when a result says truncated, call again with the same arguments plus its"
              + " next_cursor. Destructive tools change nothing until confirmed (elicitation, or a confirmation_token from a"
              + " first call). A failed call returns isError with structuredContent.error {category, message, field?}.")
          .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
          .jsonMapper(mapper)
          .jsonSchemaValidator(McpJson.validator())
          .validateToolInputs(false)
          .requestTimeout(SwitchboardMcpServer.CLIENT_REQUEST_TIMEOUT)
          .tools(specifications)
          .build();
      servers.put(key.id(), ks);
      return ks;
    }
  }

  /** One key's MCP server and the tools it shows, by connector. */
  private final class KeyServer {
    final AccessKey key;
    final HttpServletStreamableServerTransportProvider transport;
    final ToolSelection selection;
    McpSyncServer server;
    /** The tools shown, by name, as calls find them. */
    final Map<String, ActionTool> shown = new ConcurrentHashMap<>();
    /** The names shown of each connector's tools. */
    final Map<String, Set<String>> names = new HashMap<>();

    KeyServer(AccessKey key, HttpServletStreamableServerTransportProvider transport) {
      this.key = key;
      this.transport = transport;
      this.selection = new ToolSelection(key.tools(), key.readOnly());
    }

    /** Takes a connector's tools this key may see, and remembers them as shown. */
    Map<String, ActionTool> select(String connector, Map<String, ActionTool> tools) {
      Map<String, ActionTool> selected = new LinkedHashMap<>();
      tools.forEach((name, tool) -> {
        if (selection.selects(name, tool.annotations())) {
          selected.put(name, tool);
        }
      });
      Set<String> before = names.put(connector, selected.keySet());
      if (before != null) {
        before.stream().filter(n -> !selected.containsKey(n)).forEach(shown::remove);
      }
      shown.putAll(selected);
      return selected;
    }

    /**
     * Shows a connector's tools as they are now: a tool gone is removed, a tool new or described otherwise is added (each
     * change tells the clients, {@code notifications/tools/list_changed}); a tool described the same is only rebound to
     * the connector's new version, unseen by clients.
     */
    void show(String connector, Map<String, ActionTool> tools) {
      Set<String> before = names.getOrDefault(connector, Set.of());
      Map<String, ActionTool> old = new HashMap<>();
      before.forEach(n -> old.put(n, shown.get(n)));
      Map<String, ActionTool> selected = select(connector, tools);
      for (String name : before) {
        if (!selected.containsKey(name)) {
          server.removeTool(name);
        }
      }
      selected.forEach((name, tool) -> {
        ActionTool was = old.get(name);
        if (was == null || !was.descriptor().equals(tool.descriptor())) {
          server.addTool(specification(tool));
        }
      });
    }

    /** Explains a call of a tool this key's server does not show: left out by the key, or misspelt. */
    String unknown(String name) {
      String list = " tools/list gives the " + shown.size() + " tools this key may call.";
      for (String connector : runtime.names()) {
        ActionTool tool = tools.of(connector).get(name);
        if (tool != null) {
          return "Tool '" + name + "' is not among the tools of access key '" + key.name() + "': "
              + (key.readOnly() && !tool.annotations().readOnly() ? "the key is read-only and this tool is not"
              : key.tools().isEmpty() ? "the key's tools do not include it" : "the key is limited to " + String.join(", ", key.tools()))
              + "." + list;
        }
      }
      return "Unknown tool '" + name + "'" + Names.closest(name, shown.keySet()).map(b -> "; did you mean '" + b + "'?").orElse(".")
          + list;
    }

    McpServerFeatures.SyncToolSpecification specification(ActionTool tool) {
      String name = tool.name();
      return McpServerFeatures.SyncToolSpecification.builder().tool(tool.descriptor())
          .callHandler((exchange, request) -> call(name, exchange, request)).build();
    }

    McpSchema.CallToolResult call(String name, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
      ActionTool tool = shown.get(name);
      Optional<WorkspaceRuntime.Compiled> compiled = tool == null ? Optional.empty() : runtime.connector(tool.plan().connector().name());
      if (compiled.isEmpty()) {
        return ToolResults.failure("not_found", "the tool " + name + " was removed (its connector or action was deleted or"
            + " no longer loads); list the tools again");
      }
      String connector = compiled.get().name();
      ToolCallHandler handler = new ToolCallHandler(compiled.get().engine(), new BudgetedPager(compiled.get().engine(), budget),
          new DatabaseConfirmations(key.id()), log);
      ObjectNode inputs = Json.MAPPER.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
      RunRecorder.Call call = new RunRecorder.Call(connector, tool.plan().definition().name(),
          runtime.actionVersion(connector, tool.plan().definition().name()), key.name(), "mcp", inputs, compiled.get().engine().redactor());
      return recorder.run(call, options -> handler.call(tool, exchange, request, options), McpEndpoint::outcome).result();
    }
  }

  private static RunRecorder.Outcome outcome(McpSchema.CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError())) {
      JsonNode error = Json.MAPPER.valueToTree(result.structuredContent()).path("error");
      return new RunRecorder.Outcome(false, Optional.of(error.path("category").asText("internal")),
          Optional.of(error.path("message").asText("")), error.has("status") ? OptionalInt.of(error.path("status").asInt())
              : OptionalInt.empty(), "");
    }
    try {
      return new RunRecorder.Outcome(true, Optional.empty(), Optional.empty(), OptionalInt.empty(),
          Json.MAPPER.writeValueAsString(result.structuredContent()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tool's structured content cannot be written as JSON", e);
    }
  }

  /** Confirmation tokens in the database, bound to one access key (not to an MCP session, which an instance holds). */
  private final class DatabaseConfirmations implements ConfirmationStore {
    private final String holder;

    DatabaseConfirmations(String holder) {
      this.holder = holder;
    }

    @Override
    public Duration ttl() {
      return ConfirmationStore.DEFAULT_TTL;
    }

    @Override
    public String issue(String tool, String argumentsDigest, String session) {
      return workspace.confirmations().issue(tool, argumentsDigest, holder, ttl());
    }

    @Override
    public void redeem(String token, String action, String tool, String argumentsDigest, String session) {
      ConfirmationTokenRepository.Redemption r = workspace.confirmations().redeem(token, tool, argumentsDigest, holder);
      String again = "; call " + tool + " without it to get a new preview and token";
      String problem = switch (r) {
        case CONFIRMED -> null;
        case UNKNOWN -> "is unknown or already used (a token works once)" + again;
        case EXPIRED -> "has expired (tokens live " + ttl().toSeconds() + " seconds)" + again;
        case OTHER_TOOL -> "was issued for another tool or key" + again;
        case OTHER_ARGUMENTS -> "was issued for other arguments; confirm exactly what was previewed" + again;
      };
      if (problem != null) {
        throw ActionError.builder(ErrorCategory.VALIDATION, action, "input '" + ConfirmationStore.INPUT + "' " + problem)
            .field(ConfirmationStore.INPUT).build();
      }
    }
  }

  private static void reject(HttpServletResponse response, int status, int code, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    ObjectNode body = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").putNull("id");
    body.putObject("error").put("code", code).put("message", message);
    response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(body));
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    return m.lines().findFirst().orElse(m);
  }

  /** A request whose body was read already, replayed to the transport. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ReplayedInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }

}
