package dev.switchboard.sandbox.server;

import dev.switchboard.sandbox.auth.Authenticator;
import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.faults.FaultInjector;
import dev.switchboard.sandbox.logs.LogRequest;
import dev.switchboard.sandbox.ratelimit.ConcurrencyLimit;
import dev.switchboard.sandbox.ratelimit.RateLimitStatus;
import dev.switchboard.sandbox.ratelimit.RateLimiter;
import dev.switchboard.sandbox.store.DataDirectory;
import dev.switchboard.sandbox.wire.OktaIds;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The sandbox's HTTP server. Every request, whatever its path, first gets an {@code X-Okta-Request-Id}, is
 * counted by the rate limiter (headers {@code X-Rate-Limit-Limit}, {@code X-Rate-Limit-Remaining},
 * {@code X-Rate-Limit-Reset} in UTC epoch seconds; 429 E0000047 when over), and, under {@code /api/v1},
 * must carry an {@code Authorization: SSWS} token. Then its endpoint runs. Jetty adds the {@code Date} header.
 *
 * <p>Every error is an Okta error body, {@code application/json}: an unknown path is 404 E0000008, a known path
 * with another method 405 E0000022, an unexpected failure 500 E0000009. Requests that Jetty rejects before
 * routing (e.g. a malformed percent-encoding in the path) get 400 E0000001 "Api validation failed: request"
 * with Jetty's reason as cause, also with the request id and rate-limit headers. A change the data directory cannot
 * keep (a full disk) is 503 E0000010 "Service is in read only mode" with the reason as cause: nothing was changed.
 */
public final class SandboxServer implements AutoCloseable {
    /** The prefix of the Management API paths that need a token. */
    public static final String API_PREFIX = "/api/v1";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final String PRINCIPAL_ATTRIBUTE = SandboxServer.class.getName() + ".principal";
    private static final String REQUEST_ID = "X-Okta-Request-Id";

    private static final String ADMITTED_ATTRIBUTE = SandboxServer.class.getName() + ".admitted";
    private static final String STARTED_ATTRIBUTE = SandboxServer.class.getName() + ".started";

    private final Javalin app;
    private final String host;
    private final int port;
    private final RateLimiter rateLimiter;
    private final ConcurrencyLimit concurrency;
    private final FaultInjector faults;
    private final Authenticator authenticator;
    private final boolean compression;

    /**
     * A server, not started.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for a free one
     * @param rateLimiter counts every request
     * @param concurrency limits the requests in flight
     * @param faults the faults to inject
     * @param authenticator checks {@code /api/v1} requests
     * @param endpoints the features' endpoints
     * @param observer sees every answered request, if given
     * @param compression whether JSON answers are gzip-compressed for clients that accept it, as Okta's are
     *     ({@link JsonResponses})
     */
    public SandboxServer(String host, int port, RateLimiter rateLimiter, ConcurrencyLimit concurrency,
            FaultInjector faults, Authenticator authenticator, List<ApiEndpoints> endpoints,
            Optional<ExchangeObserver> observer, boolean compression) {
        this.compression = compression;
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        List<ApiEndpoints> features = List.copyOf(endpoints);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new EarlyErrorHandler(rateLimiter)));
            config.http.prefer405over404 = true;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.routes.before(this::admit);
            config.routes.after(ctx -> {
                if (ctx.attribute(ADMITTED_ATTRIBUTE) != null) {
                    ctx.attribute(ADMITTED_ATTRIBUTE, null);
                    concurrency.release();
                }
                observer.ifPresent(watcher -> watcher.observe(new ExchangeObserver.Exchange(ctx.method().name(),
                        ctx.path(), ctx.queryString() == null ? "" : ctx.queryString(), ctx.statusCode(),
                        ctx.res().getContentType() == null ? "" : ctx.res().getContentType(),
                        JsonResponses.written(ctx), System.nanoTime() - started(ctx))));
            });
            features.forEach(feature -> feature.addTo(config.routes));
            config.routes.exception(OktaException.class, (e, ctx) -> writeError(ctx, e));
            config.routes.exception(NotFoundResponse.class,
                    (e, ctx) -> writeError(ctx, OktaException.of(ErrorCode.E0000008)));
            config.routes.exception(MethodNotAllowedResponse.class,
                    (e, ctx) -> writeError(ctx, OktaException.of(ErrorCode.E0000022)));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx, e.getStatus() < 500
                    ? OktaException.of(ErrorCode.E0000001, "request") : OktaException.of(ErrorCode.E0000009)));
            config.routes.exception(DataDirectory.WriteFailedException.class, (e, ctx) -> {
                LOG.warn("refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                writeError(ctx, OktaException.withCauses(ErrorCode.E0000010, List.of(e.getMessage())));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                writeError(ctx, OktaException.of(ErrorCode.E0000009));
            });
        });
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws io.javalin.util.JavalinBindException when the port cannot be bound
     */
    public void start() {
        app.start(host, port);
    }

    /**
     * The bound port.
     *
     * @return the port; meaningful after {@link #start()}
     */
    public int port() {
        return app.port();
    }

    /**
     * Who an {@code /api/v1} request acts for.
     *
     * @param ctx an {@code /api/v1} request's context
     * @return the authenticated principal
     * @throws IllegalStateException outside {@code /api/v1} (a bug: such routes are not authenticated)
     */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("no principal outside " + API_PREFIX + ": " + ctx.path());
        }
        return principal;
    }

    /**
     * The request as a System Log event records it: its {@code X-Okta-Request-Id}, the client's address and user
     * agent, the path and query, and the API token it carried.
     *
     * @param ctx the request's context
     * @return the request's description
     */
    public static LogRequest logRequest(Context ctx) {
        String requestId = ctx.res().getHeader(REQUEST_ID);
        String userAgent = ctx.userAgent();
        String query = ctx.queryString();
        Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        return new LogRequest(requestId == null ? "" : requestId, ctx.ip(), userAgent == null ? "" : userAgent,
                ctx.path(), ctx.path() + "?" + (query == null ? "" : query),
                principal == null ? Optional.empty() : principal.apiTokenId());
    }

    /** Stops serving and releases the port. */
    @Override
    public void close() {
        app.stop();
    }

    private static long started(Context ctx) {
        Long started = ctx.attribute(STARTED_ATTRIBUTE);
        return started == null ? System.nanoTime() : started;
    }

    private void admit(Context ctx) {
        ctx.attribute(STARTED_ATTRIBUTE, System.nanoTime());
        JsonResponses.compression(ctx, compression);
        String path = ctx.path();
        boolean api = path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/");
        boolean faulty = api || path.startsWith("/oauth2/");
        if (!concurrency.tryAcquire()) {
            ctx.header(REQUEST_ID, OktaIds.requestId());
            ctx.header("X-Rate-Limit-Limit", "0");
            ctx.header("X-Rate-Limit-Remaining", "0");
            ctx.header("X-Rate-Limit-Reset", Long.toString(Instant.now().getEpochSecond() + 1));
            throw OktaException.of(ErrorCode.E0000047);
        }
        ctx.attribute(ADMITTED_ATTRIBUTE, Boolean.TRUE);
        boolean duplicate = faults.faults().duplicateRateLimitHeaders();
        RateLimitStatus rate = count(rateLimiter, ctx.method().name(), path, duplicate ? ctx.res()::addHeader : ctx::header,
                duplicate);
        if (duplicate) {
            ctx.res().addHeader("X-Rate-Limit-Limit", Integer.toString(rate.limit()));
            ctx.res().addHeader("X-Rate-Limit-Remaining", Integer.toString(rate.remaining()));
            ctx.res().addHeader("X-Rate-Limit-Reset", Long.toString(rate.resetEpochSeconds()));
        }
        if (faulty && faults.apply(ctx)) {
            return;
        }
        if (!rate.allowed()) {
            throw OktaException.of(ErrorCode.E0000047);
        }
        if (api) {
            Principal principal = authenticator.authenticate(Optional.ofNullable(ctx.header("Authorization")));
            ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
        }
    }

    /**
     * Gives a request its id and counts it against its rate-limit bucket, setting the headers every response
     * carries. With duplicated rate-limit headers (a fault option), the headers set here are the looser first
     * copies: twice the limit and remaining, a reset a window earlier.
     */
    static RateLimitStatus count(RateLimiter rateLimiter, String method, String path,
            BiConsumer<String, String> header, boolean looser) {
        header.accept(REQUEST_ID, OktaIds.requestId());
        RateLimitStatus rate = rateLimiter.acquire(method, path);
        int factor = looser ? 2 : 1;
        header.accept("X-Rate-Limit-Limit", Long.toString((long) rate.limit() * factor));
        header.accept("X-Rate-Limit-Remaining", Long.toString((long) rate.remaining() * factor));
        header.accept("X-Rate-Limit-Reset", Long.toString(rate.resetEpochSeconds() - (looser ? 60 : 0)));
        return rate;
    }

    private static void writeError(Context ctx, OktaException error) {
        ctx.status(error.status());
        JsonResponses.write(ctx, error.body());
    }
}
