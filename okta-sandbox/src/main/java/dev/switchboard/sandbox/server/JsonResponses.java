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
        ctx.contentType(CONTENT_TYPE).result(bytes(body));
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
