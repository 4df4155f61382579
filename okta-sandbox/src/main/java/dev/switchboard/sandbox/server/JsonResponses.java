package dev.switchboard.sandbox.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * Writes JSON bodies with the content type Okta uses, {@code application/json}.
 */
public final class JsonResponses {
    /** The content type of every API response, errors included. */
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BODY_ATTRIBUTE = JsonResponses.class.getName() + ".body";

    private JsonResponses() {
    }

    /**
     * Sets the body to the JSON of a value, with status 200 unless the handler set another.
     *
     * @param ctx the request's context
     * @param body maps, lists, strings, numbers, booleans and nulls, serialized in iteration order
     * @throws IllegalStateException when the value cannot be serialized (a bug)
     */
    public static void write(Context ctx, Object body) {
        byte[] bytes = bytes(body);
        ctx.attribute(BODY_ATTRIBUTE, bytes);
        ctx.contentType(CONTENT_TYPE).result(bytes);
    }

    /**
     * Sets the body to JSON that is already serialized, with status 200 unless the handler set another.
     *
     * @param ctx the request's context
     * @param json UTF-8 JSON bytes
     */
    public static void writeBytes(Context ctx, byte[] json) {
        ctx.attribute(BODY_ATTRIBUTE, json);
        ctx.contentType(CONTENT_TYPE).result(json);
    }

    /**
     * The JSON body {@link #write(Context, Object)} gave a response, for observers.
     *
     * @param ctx the request's context
     * @return the bytes, or an empty array when the response has no JSON body
     */
    static byte[] written(Context ctx) {
        byte[] bytes = ctx.attribute(BODY_ATTRIBUTE);
        return bytes == null ? new byte[0] : bytes;
    }

    /**
     * The UTF-8 JSON of a value.
     *
     * @param body maps, lists, strings, numbers, booleans and nulls, serialized in iteration order
     * @return the JSON bytes
     * @throws IllegalStateException when the value cannot be serialized (a bug)
     */
    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body as JSON", e);
        }
    }
}
