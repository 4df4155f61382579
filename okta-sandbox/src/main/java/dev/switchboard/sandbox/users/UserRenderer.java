package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.server.JsonResponses;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Writes users as JSON ({@link UserJson}), keeping each user's rendering until the user changes: users are
 * immutable, so a rendering stays valid for as long as the directory holds the same {@link User} instance. Listing
 * a page of 200 users then costs copying bytes rather than formatting timestamps and walking maps. Thread-safe.
 */
public final class UserRenderer {
    private final Supplier<String> orgUrl;
    private final ConcurrentHashMap<String, Rendered> renderings = new ConcurrentHashMap<>();

    /**
     * A renderer for one org.
     *
     * @param orgUrl the org's base URL, for {@code _links}; constant once the server is bound
     */
    public UserRenderer(Supplier<String> orgUrl) {
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    /**
     * A user's JSON.
     *
     * @param user the user
     * @return UTF-8 JSON bytes; not to be modified
     */
    public byte[] json(User user) {
        Rendered rendered = renderings.get(user.id());
        if (rendered != null && rendered.user() == user) {
            return rendered.json();
        }
        byte[] json = JsonResponses.bytes(UserJson.of(user, orgUrl.get()));
        renderings.put(user.id(), new Rendered(user, json));
        return json;
    }

    /**
     * Writes users as the response's JSON array body.
     *
     * @param ctx the request's context
     * @param users the users, in order
     */
    public void respond(Context ctx, List<User> users) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(64, users.size() * 1400));
        body.write('[');
        for (int i = 0; i < users.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(json(users.get(i)));
        }
        body.write(']');
        JsonResponses.writeBytes(ctx, body.toByteArray());
    }

    /** Drops the rendering of a removed user. */
    void forget(String id) {
        renderings.remove(id);
    }

    private record Rendered(User user, byte[] json) {
    }
}
