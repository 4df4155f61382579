package dev.switchboard.sandbox.schema;

import dev.switchboard.sandbox.auth.Scopes;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.RequestBodies;
import dev.switchboard.sandbox.server.SandboxServer;
import dev.switchboard.sandbox.wire.OktaTimestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The user schema and the user type, as Okta's {@code Schema} and {@code UserType} operations (Management API
 * description):
 * <ul>
 *   <li>{@code GET /api/v1/meta/schemas/user/{schemaId}} ({@code getUserSchema}), where {@code schemaId} is
 *       {@code default} or the schema's id: the base and custom attributes.</li>
 *   <li>{@code POST /api/v1/meta/schemas/user/{schemaId}} ({@code updateUserProfile}): a partial update; a custom
 *       attribute's definition adds or replaces it, {@code null} removes it (values users already have are left as
 *       they are); base attributes allow only the changes Okta allows. Answers the whole schema.</li>
 *   <li>{@code GET /api/v1/meta/types/user} ({@code listUserTypes}) and {@code GET /api/v1/meta/types/user/{typeId}}
 *       ({@code getUserType}, {@code default} accepted): the org's one user type, the target of each user's
 *       {@code type} link.</li>
 * </ul>
 * An unknown schema or type is 404 E0000007. A service app needs {@code okta.schemas.read} or
 * {@code okta.schemas.manage}, and {@code okta.userTypes.read} for types.
 */
public final class SchemaApi implements ApiEndpoints {
    private static final String SCHEMAS = "/api/v1/meta/schemas/user";
    private static final String TYPES = "/api/v1/meta/types/user";

    private final UserSchemaStore schemas;
    private final String typeId;
    private final Clock clock;
    private final Supplier<String> orgUrl;

    /**
     * The endpoints over the org's schema.
     *
     * @param schemas the user schema
     * @param typeId the id of the org's default user type, {@code oty...}
     * @param clock the clock of changes
     * @param orgUrl the org's base URL without trailing slash
     */
    public SchemaApi(UserSchemaStore schemas, String typeId, Clock clock, Supplier<String> orgUrl) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.typeId = Objects.requireNonNull(typeId, "typeId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(SCHEMAS + "/{schemaId}", this::getSchema);
        routes.post(SCHEMAS + "/{schemaId}", this::updateSchema);
        routes.get(TYPES, this::listTypes);
        routes.get(TYPES + "/{typeId}", this::getType);
    }

    private UserSchema schema(Context ctx) {
        String id = ctx.pathParam("schemaId");
        UserSchema schema = schemas.current();
        if (!id.equals("default") && !id.equals(schema.id())) {
            throw OktaException.resourceNotFound(id, "UserSchema");
        }
        return schema;
    }

    private void getSchema(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.SCHEMAS_READ);
        JsonResponses.write(ctx, schema(ctx).json(orgUrl.get()));
    }

    private void updateSchema(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.SCHEMAS_MANAGE);
        schema(ctx);
        Map<String, Object> body = RequestBodies.object(ctx);
        JsonResponses.write(ctx, schemas.change(body, clock.instant()).json(orgUrl.get()));
    }

    private void listTypes(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.USER_TYPES_READ);
        JsonResponses.write(ctx, List.of(type()));
    }

    private void getType(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.USER_TYPES_READ);
        String id = ctx.pathParam("typeId");
        if (!id.equals("default") && !id.equals(typeId)) {
            throw OktaException.resourceNotFound(id, "UserType");
        }
        JsonResponses.write(ctx, type());
    }

    /** The default user type, as the {@code ListsAllUserTypes} example shows Okta's. */
    private Map<String, Object> type() {
        UserSchema schema = schemas.current();
        String created = OktaTimestamps.format(schema.created());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", typeId);
        json.put("displayName", "User");
        json.put("name", "user");
        json.put("description", "Okta user profile template with default permission settings");
        json.put("createdBy", "spr" + typeId.substring(3));
        json.put("lastUpdatedBy", "spr" + typeId.substring(3));
        json.put("created", created);
        json.put("lastUpdated", created);
        json.put("default", true);
        json.put("_links", Map.of(
                "self", Map.of("href", orgUrl.get() + TYPES + "/" + typeId),
                "schema", Map.of("href", orgUrl.get() + SCHEMAS + "/" + schema.id())));
        return json;
    }
}
