package dev.switchboard.sandbox.logs;

import dev.switchboard.sandbox.auth.Principal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The actor or a target of a System Log event ({@code LogActor} and {@code LogTarget} schemas).
 *
 * @param id the entity's id, e.g. a user id
 * @param type Okta's type name: {@code User}, {@code UserGroup}, {@code PublicClientApp}, {@code Token}...
 * @param alternateId a readable id, e.g. the user's login or the group's name
 * @param displayName a display name, e.g. {@code Isaac Brock}
 */
public record LogActor(String id, String type, String alternateId, String displayName) {

    /**
     * Checks the arguments.
     *
     * @param id as described on the record
     * @param type as described on the record
     * @param alternateId as described on the record
     * @param displayName as described on the record
     */
    public LogActor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(alternateId, "alternateId");
        Objects.requireNonNull(displayName, "displayName");
    }

    /**
     * The actor a request's principal is: an admin user or a service app.
     *
     * @param principal who the request acts for
     * @return the actor
     */
    public static LogActor of(Principal principal) {
        return new LogActor(principal.id(), principal.actorType(), principal.alternateId(), principal.displayName());
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", type);
        json.put("alternateId", alternateId);
        json.put("displayName", displayName);
        json.put("detailEntry", null);
        return json;
    }
}
