package dev.switchboard.sandbox.faults;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Random;

/**
 * Applies {@link Faults} to a request before its endpoint runs: waits the added latency, then may drop the
 * connection or answer with an injected server error. Thread-safe.
 */
public final class FaultInjector {
    private final Faults faults;
    private final Random random;
    private boolean nextIs503;

    /**
     * An injector.
     *
     * @param faults the faults to inject
     * @param seed the seed of the random choice of failing requests
     */
    public FaultInjector(Faults faults, long seed) {
        this.faults = Objects.requireNonNull(faults, "faults");
        this.random = new Random(seed ^ 0xFA017L);
    }

    /**
     * The faults this injector applies.
     *
     * @return the faults
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Applies the faults to one request.
     *
     * @param ctx the request's context
     * @return true when the request was answered (or dropped) here and its endpoint must not run
     * @throws OktaException an injected 500 E0000009, when errors are JSON
     */
    public boolean apply(Context ctx) {
        if (!faults.latency().isZero()) {
            try {
                Thread.sleep(faults.latency().toMillis(), faults.latency().toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean drop;
        boolean fail;
        boolean status503;
        synchronized (this) {
            drop = faults.dropRate() > 0 && random.nextDouble() < faults.dropRate();
            fail = !drop && faults.errorRate() > 0 && random.nextDouble() < faults.errorRate();
            status503 = nextIs503;
            if (fail) {
                nextIs503 = !nextIs503;
            }
        }
        if (drop) {
            ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
            if (request != null) {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
            }
            ctx.skipRemainingHandlers();
            return true;
        }
        if (!fail) {
            return false;
        }
        int status = status503 ? 503 : 500;
        if (faults.htmlErrors()) {
            String reason = status == 503 ? "Service Unavailable" : "Internal Server Error";
            ctx.status(status).contentType("text/html;charset=utf-8").result(("<!DOCTYPE html>\n<html><head><title>"
                    + status + " " + reason + "</title></head><body><h1>" + status + " " + reason
                    + "</h1><p>The server encountered a temporary error.</p></body></html>\n").getBytes(StandardCharsets.UTF_8));
            ctx.skipRemainingHandlers();
            return true;
        }
        throw OktaException.of(status == 503 ? ErrorCode.E0000010 : ErrorCode.E0000009);
    }
}
