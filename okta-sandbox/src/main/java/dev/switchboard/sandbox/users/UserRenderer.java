package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.server.JsonResponses;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Writes users as JSON ({@link UserJson}), keeping each user's renderings until the user changes: users are
 * immutable, so a rendering stays valid for as long as the directory holds the same {@link User} instance. Listing
 * a page of 200 users then costs copying bytes rather than formatting timestamps and walking maps. A user has two
 * renderings, as Okta's: in a collection ({@code self} link only) and alone (every link its status allows), and the
 * latter an {@code ETag}. Thread-safe.
 */
public final class UserRenderer {
    private final Supplier<String> orgUrl;
    private final ConcurrentHashMap<String, Rendered> inCollection = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Rendered> alone = new ConcurrentHashMap<>();

    /**
     * A renderer for one org.
     *
     * @param orgUrl the org's base URL, for {@code _links}; constant once the server is bound
     */
    public UserRenderer(Supplier<String> orgUrl) {
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    /**
     * A user's JSON as a single-user answer gives it, with every link its status allows.
     *
     * @param user the user
     * @return UTF-8 JSON bytes; not to be modified
     */
    public byte[] json(User user) {
        return rendered(user, alone, true).json();
    }

    /**
     * The user's entity tag, a weak validator of its single-user JSON, as {@code getUser} sends it in {@code ETag}
     * (the description's example: {@code W/"1234567890abcdef"}).
     *
     * @param user the user
     * @return e.g. {@code W/"3f2a9c0d81b4e6f7"}
     */
    public String etag(User user) {
        return rendered(user, alone, true).etag();
    }

    /**
     * Writes users as the response's JSON array body, each as a collection member.
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
            body.writeBytes(rendered(users.get(i), inCollection, false).json());
        }
        body.write(']');
        JsonResponses.writeBytes(ctx, body.toByteArray());
    }

    /** Drops the renderings of a removed user. */
    void forget(String id) {
        inCollection.remove(id);
        alone.remove(id);
    }

    private Rendered rendered(User user, ConcurrentHashMap<String, Rendered> renderings, boolean single) {
        Rendered rendered = renderings.get(user.id());
        if (rendered != null && rendered.user() == user) {
            return rendered;
        }
        byte[] json = JsonResponses.bytes(UserJson.of(user, orgUrl.get(), single));
        Rendered fresh = new Rendered(user, json, single ? etag(json) : "");
        renderings.put(user.id(), fresh);
        return fresh;
    }

    private static String etag(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Rendered(User user, byte[] json, String etag) {
    }
}
