package dev.switchboard.sandbox.tokens;

import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.auth.Scopes;
import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.logs.EventType;
import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.RequestBodies;
import dev.switchboard.sandbox.server.SandboxServer;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API token endpoints, as Okta's {@code ApiToken} operations (Management API description; OKTA-WIRE.md
 * "Authentication"): {@code GET /api/v1/api-tokens} (every unexpired token, oldest first),
 * {@code GET /api/v1/api-tokens/{apiTokenId}}, {@code PUT} (its name and network condition),
 * {@code DELETE /api/v1/api-tokens/{apiTokenId}} and {@code DELETE /api/v1/api-tokens/current} (the token the
 * request carries; a Bearer caller has none: 403 E0000006). Revocations record {@code system.api_token.revoke}.
 * Tokens cannot be created through the API, as in Okta: {@link ApiTokenStore#create} is the Admin Console's part.
 * An unknown token is 404 E0000007 "Not found: Resource not found: {id} (ApiToken)".
 */
public final class TokensApi implements ApiEndpoints {
    private static final String PATH = "/api/v1/api-tokens";

    private final ApiTokenStore tokens;
    private final SystemLog log;
    private final Supplier<String> orgUrl;

    /**
     * The endpoints over the org's tokens.
     *
     * @param tokens the tokens
     * @param log where revocations are recorded
     * @param orgUrl the org's base URL without trailing slash
     */
    public TokensApi(ApiTokenStore tokens, SystemLog log, Supplier<String> orgUrl) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.log = Objects.requireNonNull(log, "log");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, this::list);
        routes.delete(PATH + "/current", this::revokeCurrent);
        routes.get(PATH + "/{apiTokenId}", this::get);
        routes.put(PATH + "/{apiTokenId}", this::update);
        routes.delete(PATH + "/{apiTokenId}", this::revoke);
    }

    private void list(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.API_TOKENS_READ);
        List<Map<String, Object>> body = new ArrayList<>();
        tokens.list().forEach(token -> body.add(token.json(orgUrl.get())));
        JsonResponses.write(ctx, body);
    }

    private ApiToken token(String id) {
        return tokens.byId(id).orElseThrow(() -> OktaException.resourceNotFound(id, "ApiToken"));
    }

    private void get(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.API_TOKENS_READ);
        JsonResponses.write(ctx, token(ctx.pathParam("apiTokenId")).json(orgUrl.get()));
    }

    @SuppressWarnings("unchecked")
    private void update(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.API_TOKENS_MANAGE);
        String id = ctx.pathParam("apiTokenId");
        token(id);
        Map<String, Object> body = RequestBodies.object(ctx);
        Optional<String> name = Optional.empty();
        if (body.containsKey("name")) {
            if (!(body.get("name") instanceof String text) || text.isBlank()) {
                throw OktaException.withCauses(ErrorCode.E0000001, "name", List.of("name: The field cannot be left blank"));
            }
            name = Optional.of(text.strip());
        }
        Optional<Map<String, Object>> network = Optional.empty();
        if (body.get("network") instanceof Map<?, ?> given) {
            Object connection = given.get("connection");
            if (connection != null && !List.of("ANYWHERE", "ZONE").contains(connection)) {
                throw OktaException.withCauses(ErrorCode.E0000001, "network",
                        List.of("network.connection: must be ANYWHERE or ZONE"));
            }
            network = Optional.of((Map<String, Object>) given);
        }
        ApiToken updated = tokens.update(id, name, network).orElseThrow(() -> OktaException.resourceNotFound(id, "ApiToken"));
        JsonResponses.write(ctx, updated.json(orgUrl.get()));
    }

    private void revoke(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.API_TOKENS_MANAGE);
        String id = ctx.pathParam("apiTokenId");
        ApiToken revoked = tokens.revokeById(id).orElseThrow(() -> OktaException.resourceNotFound(id, "ApiToken"));
        log.record(EventType.API_TOKEN_REVOKE, LogActor.of(principal), List.of(target(revoked)),
                SandboxServer.logRequest(ctx));
        ctx.status(204);
    }

    private void revokeCurrent(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        String id = principal.apiTokenId().orElseThrow(() -> OktaException.of(ErrorCode.E0000006));
        tokens.revokeById(id).ifPresent(revoked -> log.record(EventType.API_TOKEN_REVOKE, LogActor.of(principal),
                List.of(target(revoked)), SandboxServer.logRequest(ctx)));
        ctx.status(204);
    }

    private static LogActor target(ApiToken token) {
        return new LogActor(token.id(), "Token", token.name(), token.name());
    }
}
