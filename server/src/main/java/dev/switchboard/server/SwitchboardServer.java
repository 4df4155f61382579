package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.ratelimit.RateLimitStore;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.DatabaseOutage;
import dev.switchboard.workspace.EditConflictException;
import dev.switchboard.workspace.Workspace;
import dev.switchboard.workspace.WorkspaceException;
import dev.switchboard.workspace.cluster.ServerInstance;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code switchboard serve}: the workspace's REST API under {@code /api/} (described by the OpenAPI 3.1 document at
 * {@code /api/openapi.json}) and its actions as MCP tools at {@code /mcp} ({@link McpEndpoint}), on Javalin
 * (Jetty 12). Every request passes the {@link OriginGuard} (Host, Origin) and,
 * but for the OpenAPI document, the {@link Access} check (a key as {@code Authorization: Bearer}). Every refusal is
 * RFC 9457 problem details naming the field at fault; an unexpected failure is a 500 without details (they go to
 * the log, scrubbed). The server holds no state of its own: everything lives in the {@link Workspace}.
 */
public final class SwitchboardServer implements AutoCloseable {
  /** The most bytes a request body may have: 32 MB (an import of a large workspace). */
  public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
  /** How often the server looks for changes made by other instances on SQLite, in milliseconds. */
  public static final long RELOAD_EVERY_MS = 2000;
  /**
   * How often the server looks for changes on PostgreSQL, in milliseconds, besides being told of each one at once
   * (LISTEN/NOTIFY) and looking once after every reconnection: a fallback only.
   */
  public static final long FALLBACK_RELOAD_MS = 30_000;
  /** How often runs are pruned by the retention, in minutes. */
  public static final long PRUNE_EVERY_MINUTES = 10;
  /**
   * How long {@link #close} waits for the requests in flight to be answered, in milliseconds, after the port has
   * stopped accepting (a call waiting for a rate-limit window may be cut past it).
   */
  public static final long STOP_TIMEOUT_MS = 10_000;

  private final Javalin app;
  private final Workspace workspace;
  private final ServerOptions options;
  private final PrintWriter log;
  private final ScheduledExecutorService background;
  private final WorkspaceRuntime runtime;
  private final McpEndpoint mcp;
  private final ServerInstance instance;
  private final Services services;

  private SwitchboardServer(Builder b) {
    this.workspace = b.workspace;
    this.options = b.options;
    this.log = b.log;
    OriginGuard guard = new OriginGuard(options.host(), options.allowedOrigins(), options.allowedHosts());
    Access access = new Access(workspace);
    this.instance = ServerInstance.join(workspace, log, () -> {
      refresh();
      b.onChange.run();
    });
    this.runtime = new WorkspaceRuntime(workspace, log, b.sharedRateLimits ? instance.rateLimits() : RateLimitStore.IN_MEMORY);
    runtime.reload();
    WorkspaceChanges changed = new WorkspaceChanges() {
      @Override
      public void connector(String connector, Optional<DefinitionCheck.Checked> checked) {
        runtime.changed(connector, checked);
        b.onChange.run();
      }

      @Override
      public void all() {
        runtime.reload();
        b.onChange.run();
      }
    };
    RunRecorder recorder = new RunRecorder(workspace, workspace.clock(), b.recordRuns, log, instance::called);
    WorkspaceTools tools = new WorkspaceTools(runtime, OutputBudget.DEFAULT, log);
    this.mcp = new McpEndpoint(workspace, runtime, tools, recorder, guard, log);
    ClusterRoutes cluster = new ClusterRoutes(instance);
    this.services = new Services(new ConnectorService(workspace, runtime, changed), new CredentialService(workspace, runtime, changed),
        new TestService(workspace, runtime, recorder), new HistoryService(workspace), new KeyService(workspace, tools));
    Services services = this.services;
    byte[] openapi = openapi();
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.http.prefer405over404 = true;
      config.jetty.modifyServletContextHandler(context -> {
        ServletHolder holder = new ServletHolder("switchboard-mcp", mcp);
        holder.setAsyncSupported(true);
        context.addServlet(holder, McpEndpoint.PATH);
      });
      config.jetty.modifyServer(server -> {
        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(new DrainingHandler()); // Javalin puts its context inside: requests in flight finish on stop
        server.setStopTimeout(STOP_TIMEOUT_MS);
      });
      config.jetty.modifyHttpConfiguration(http -> {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
      });
      config.routes.before(ctx -> {
        ctx.attribute("switchboard.start", System.nanoTime());
        if (ctx.path().equals(ClusterRoutes.HEALTH)) {
          return;
        }
        if (!guard.admit(ctx.req(), ctx.res())) {
          ctx.skipRemainingHandlers();
        }
      });
      config.routes.get("/api/openapi.json", ctx -> {
        ctx.contentType("application/json");
        ctx.result(openapi);
      });
      cluster.addTo(config.routes, access);
      new ConnectorRoutes(services.connectors()).addTo(config.routes, access);
      new CredentialRoutes(services.credentials()).addTo(config.routes, access);
      new HistoryRoutes(services.history()).addTo(config.routes, access);
      new KeyRoutes(services.keys()).addTo(config.routes, access);
      new WorkspaceRoutes(services.connectors()).addTo(config.routes, access);
      new TestRoutes(services.tests()).addTo(config.routes, access);
      b.extraRoutes.forEach(r -> r.addTo(config.routes, access));
      b.extensions.forEach(e -> e.addTo(config.routes, services));
      config.routes.after(this::logLine);
      config.routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e.status(), e.field().orElse(null), e.getMessage(), e));
      config.routes.exception(WorkspaceException.class, (e, ctx) -> {
        int status = switch (e.kind()) {
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case INVALID -> 400;
        };
        ObjectNode body = problemBody(status, e.field().orElse(null), e.getMessage(), null);
        if (e instanceof EditConflictException conflict) {
          body.put("current_version", conflict.currentVersion()).put("saved_by", conflict.savedBy())
              .put("saved_at", conflict.savedAt().toString());
        }
        Json.write(ctx, status, body);
        ctx.contentType("application/problem+json");
      });
      config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus(), null, switch (e.getStatus()) {
        case 404 -> "no such endpoint: " + ctx.method() + " " + ctx.path() + "; /api/openapi.json lists them";
        case 405 -> ctx.method() + " is not allowed on " + ctx.path() + "; /api/openapi.json lists the methods";
        case 413 -> "the request body is larger than " + MAX_BODY_BYTES + " bytes";
        default -> e.getMessage();
      }, null));
      config.routes.exception(Exception.class, (e, ctx) -> {
        Optional<String> outage = DatabaseOutage.of(e);
        if (outage.isPresent()) {
          log.println("switchboard serve: " + ctx.method() + " " + ctx.path() + " failed: the database cannot be reached ("
              + outage.get() + ")");
          log.flush();
          ctx.header("Retry-After", "2");
          problem(ctx, 503, null, DatabaseOutage.DETAIL, null);
          return;
        }
        log.println("switchboard serve: internal error on " + ctx.method() + " " + ctx.path() + ": " + e.getClass().getName());
        log.flush();
        problem(ctx, 500, null, "the server failed inside Switchboard (a bug, not your request); its log names the error", null);
      });
    });
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "switchboard-prune");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts configuring a server.
   *
   * @param workspace the workspace it serves
   * @param options where it listens
   * @return a builder
   */
  public static Builder builder(Workspace workspace, ServerOptions options) {
    return new Builder(workspace, options);
  }

  /**
   * Binds the port, starts serving and starts pruning runs in the background (every {@value #PRUNE_EVERY_MINUTES}
   * minutes, once at start).
   *
   * @return this server
   * @throws IllegalStateException when the address cannot be bound (the message names it)
   */
  public SwitchboardServer start() {
    try {
      app.start(options.host(), options.port());
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    runtime.warmUp();
    background.scheduleWithFixedDelay(this::prune, 0, PRUNE_EVERY_MINUTES, TimeUnit.MINUTES);
    long every = workspace.database().kind() == Database.Kind.POSTGRESQL ? FALLBACK_RELOAD_MS : RELOAD_EVERY_MS;
    background.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  private void refresh() {
    if (runtime == null) {
      return;
    }
    try {
      runtime.refreshIfChanged();
    } catch (RuntimeException e) {
      log.println("switchboard serve: reloading the workspace failed: " + e.getClass().getSimpleName());
      log.flush();
    }
  }

  private void prune() {
    try {
      long deleted = workspace.runs().prune();
      if (deleted > 0) {
        log.println("switchboard serve: pruned " + deleted + " runs past the retention");
        log.flush();
      }
    } catch (RuntimeException e) {
      log.println("switchboard serve: pruning runs failed: " + e.getClass().getSimpleName());
      log.flush();
    }
  }

  /** {@return this server as one instance of several on its database: its id, health and counters} */
  public ServerInstance instance() {
    return instance;
  }

  /** {@return the port listened on} */
  public int port() {
    return app.port();
  }

  /** {@return the server's base URL, such as {@code http://127.0.0.1:8080}} */
  public URI uri() {
    String host = options.host();
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    if (h.equals("0.0.0.0") || h.equals("[::]")) {
      h = "127.0.0.1";
    }
    return URI.create("http://" + h + ":" + port());
  }

  /** {@return every route, as {@code METHOD /path}, for the test that the OpenAPI document lists them all} */
  java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
        .filter(e -> e.method.isHttpMethod()).map(e -> e.method.name() + " " + e.path).sorted().toList();
  }

  /** {@return the service layer the REST API and extensions go through} */
  public Services services() {
    return services;
  }

  /** {@return the MCP endpoint's URL, such as {@code http://127.0.0.1:8080/mcp}} */
  public URI mcpUri() {
    return URI.create(uri() + McpEndpoint.PATH);
  }

  @Override
  public void close() {
    background.shutdownNow();
    app.stop();
    mcp.destroy();
    instance.close();
    runtime.close();
  }

  private void logLine(Context ctx) {
    if (ctx.path().equals(ClusterRoutes.HEALTH)) {
      return; // the balancer asks several times a second; the instance logs when the database is lost and back instead
    }
    Long start = ctx.attribute("switchboard.start");
    Access.Caller caller = ctx.attribute(Access.ATTRIBUTE);
    log.println("switchboard serve: " + ctx.method() + " " + ctx.path() + " " + ctx.statusCode()
        + (caller == null ? "" : " " + caller.name()) + (start == null ? "" : " " + (System.nanoTime() - start) / 1_000_000 + " ms"));
    log.flush();
  }

  private static void problem(Context ctx, int status, String field, String detail, ApiProblem source) {
    Json.write(ctx, status, problemBody(status, field, detail, source));
    ctx.contentType("application/problem+json");
  }

  private static ObjectNode problemBody(int status, String field, String detail, ApiProblem source) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("type", "about:blank").put("title", title(status)).put("status", status)
        .put("detail", detail);
    if (field != null) {
      body.put("field", field);
    }
    if (source != null && !source.problems().isEmpty()) {
      ArrayNode problems = Views.problems(source.problems());
      body.set("problems", problems);
    }
    return body;
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 421 -> "Misdirected Request";
      case 422 -> "Unprocessable Content";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Error " + status;
    };
  }

  private static byte[] openapi() {
    try (InputStream in = SwitchboardServer.class.getResourceAsStream("/switchboard/server/openapi.json")) {
      return Objects.requireNonNull(in, "openapi.json is missing from the server's resources").readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** More routes, added by other parts of the server (tests of actions, MCP). */
  @FunctionalInterface
  interface Routes {
    /**
     * Adds routes.
     *
     * @param routes where
     * @param access the key check to wrap them in
     */
    void addTo(io.javalin.config.RoutesConfig routes, Access access);
  }

  /** Configures a {@link SwitchboardServer}. */
  public static final class Builder {
    private final Workspace workspace;
    private final ServerOptions options;
    private PrintWriter log = new PrintWriter(Writer.nullWriter());
    private Runnable onChange = () -> { };
    private boolean recordRuns = true;
    private boolean sharedRateLimits = true;
    private final java.util.List<Routes> extraRoutes = new java.util.ArrayList<>();
    private final java.util.List<ServerExtension> extensions = new java.util.ArrayList<>();

    private Builder(Workspace workspace, ServerOptions options) {
      this.workspace = Objects.requireNonNull(workspace);
      this.options = Objects.requireNonNull(options);
    }

    /**
     * Sets where one line per request goes (method, path, status, key name, ms; never bodies or keys).
     *
     * @param value the log
     * @return this builder
     */
    public Builder log(PrintWriter value) {
      this.log = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets what runs after every change to definitions, settings or credentials (such as reloading the engine).
     *
     * @param value the action
     * @return this builder
     */
    public Builder onChange(Runnable value) {
      this.onChange = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Adds routes.
     *
     * @param value the routes
     * @return this builder
     */
    Builder routes(Routes value) {
      this.extraRoutes.add(Objects.requireNonNull(value));
      return this;
    }

    /**
     * Mounts more routes, such as the studio's pages, given the service layer.
     *
     * @param value the extension
     * @return this builder
     */
    public Builder extension(ServerExtension value) {
      this.extensions.add(Objects.requireNonNull(value));
      return this;
    }

    /**
     * Sets whether calls are recorded as runs (default true; off only to measure what recording costs).
     *
     * @param value whether to record
     * @return this builder
     */
    public Builder recordRuns(boolean value) {
      this.recordRuns = value;
      return this;
    }

    /**
     * Sets whether connectors' rate-limit buckets are shared through the database on PostgreSQL (default true; off only
     * to measure what sharing costs: each instance then paces alone). On SQLite they are in memory either way.
     *
     * @param value whether to share
     * @return this builder
     */
    public Builder sharedRateLimits(boolean value) {
      this.sharedRateLimits = value;
      return this;
    }

    /** {@return the server, not yet started} */
    public SwitchboardServer build() {
      return new SwitchboardServer(this);
    }
  }
}
