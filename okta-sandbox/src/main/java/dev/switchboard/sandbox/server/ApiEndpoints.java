package dev.switchboard.sandbox.server;

import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * A feature's endpoints, added to the server's routes at construction. A handler ends a request with an error
 * by throwing {@link dev.switchboard.sandbox.errors.OktaException}.
 */
@FunctionalInterface
public interface ApiEndpoints {
    /**
     * Adds this feature's routes.
     *
     * @param routes Javalin's routing API, e.g. {@code routes.get("/api/v1/users", handler)}
     */
    void addTo(JavalinDefaultRoutingApi routes);
}
