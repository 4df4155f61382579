package dev.switchboard.sandbox.server;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON request bodies as Okta does: a body that is not a well-formed JSON object is 400 E0000003 "The
 * request body was not well-formed." Explicit {@code null} values are kept (a partial update clears them), and
 * members keep their order. Duplicate member names are refused, as ambiguous.
 */
public final class RequestBodies {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };

    private RequestBodies() {
    }

    /**
     * The request's body as a JSON object.
     *
     * @param ctx the request's context
     * @return the members in order; numbers are {@link Integer}, {@link Long}, {@link java.math.BigInteger} or
     *     {@link java.math.BigDecimal}, nested objects {@link Map}s, arrays {@link java.util.List}s
     * @throws OktaException 400 E0000003 when the body is empty, not JSON, or not an object
     */
    public static Map<String, Object> object(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw OktaException.of(ErrorCode.E0000003);
        }
        try {
            Object value = JSON.readValue(body, Object.class);
            if (!(value instanceof Map)) {
                throw OktaException.of(ErrorCode.E0000003);
            }
            return JSON.readValue(body, OBJECT);
        } catch (IOException e) {
            throw OktaException.of(ErrorCode.E0000003);
        }
    }

    /**
     * The request's body as a JSON object, or an empty object when the request has no body (for operations whose
     * body is optional).
     *
     * @param ctx the request's context
     * @return the members in order
     * @throws OktaException 400 E0000003 when a body is present but not a JSON object
     */
    public static Map<String, Object> optionalObject(Context ctx) {
        return ctx.bodyAsBytes().length == 0 ? new LinkedHashMap<>() : object(ctx);
    }
}
