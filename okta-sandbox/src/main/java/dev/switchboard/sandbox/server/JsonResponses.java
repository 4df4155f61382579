package dev.switchboard.sandbox.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes JSON bodies with the content type Okta uses, {@code application/json}, compressed as Okta compresses them.
 *
 * <p><b>Compression.</b> When the request's {@code Accept-Encoding} accepts gzip (RFC 9110 section 12.5.3:
 * {@code gzip} or {@code x-gzip} with a non-zero weight, or {@code *} when gzip is not refused), the body is sent
 * gzip-compressed with {@code Content-Encoding: gzip}, whatever its size (Jetty frames it: chunked when it does not
 * fit one buffer, else with a {@code Content-Length}); every JSON answer carries {@code Vary: Accept-Encoding}. That is what Okta's answers show: OKTA-WIRE.md
 * "Compression" ("Okta compresses ... when the request advertises Accept-Encoding: gzip; chunked gzip bodies
 * occur"), and the headers of an Okta answer as a client that asks for gzip received it, a 403 error body of a few
 * hundred bytes with {@code content-encoding}, {@code transfer-encoding} and {@code vary}
 * (oktadev/okta-node-express-example#4): Okta does not leave small answers uncompressed. A sandbox built with
 * compression off answers plain bytes to everyone.
 */
public final class JsonResponses {
    /** The content type of every API response, errors included. */
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BODY_ATTRIBUTE = JsonResponses.class.getName() + ".body";
    private static final String COMPRESSION_ATTRIBUTE = JsonResponses.class.getName() + ".compression";

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
        writeBytes(ctx, bytes(body));
    }

    /**
     * Sets the body to JSON that is already serialized, with status 200 unless the handler set another, compressed
     * when the request accepts gzip and the server compresses.
     *
     * @param ctx the request's context
     * @param json UTF-8 JSON bytes
     */
    public static void writeBytes(Context ctx, byte[] json) {
        ctx.attribute(BODY_ATTRIBUTE, json);
        ctx.contentType(CONTENT_TYPE);
        if (Boolean.TRUE.equals(ctx.attribute(COMPRESSION_ATTRIBUTE))) {
            ctx.header("Vary", "Accept-Encoding");
            if (acceptsGzip(ctx.header("Accept-Encoding"))) {
                ctx.header("Content-Encoding", "gzip");
                ctx.result(new ByteArrayInputStream(gzip(json)));
                return;
            }
        }
        ctx.result(json);
    }

    /**
     * Sets whether this request's JSON answer may be compressed; the server sets it for every request.
     *
     * @param ctx the request's context
     * @param compression true when the server compresses answers for clients that accept gzip
     */
    static void compression(Context ctx, boolean compression) {
        ctx.attribute(COMPRESSION_ATTRIBUTE, compression);
    }

    /**
     * Whether an {@code Accept-Encoding} header accepts gzip (RFC 9110 section 12.5.3).
     *
     * @param acceptEncoding the header's value, or null when the request has none
     * @return true for {@code gzip} or {@code x-gzip} with a weight above 0, or {@code *} with a weight above 0
     *     when gzip is not listed
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String member : acceptEncoding.split(",")) {
            String[] parts = member.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(parameter.substring(2).strip());
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? weight : Math.max(gzip, weight);
            } else if (coding.equals("*")) {
                any = weight;
            }
        }
        return gzip != null ? gzip > 0 : any != null && any > 0;
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, json.length / 4));
        try (GZIPOutputStream out = new GZIPOutputStream(compressed, 8192)) {
            out.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress a response in memory (a bug)", e);
        }
        return compressed.toByteArray();
    }

    /**
     * The JSON body {@link #write(Context, Object)} gave a response, for observers: before compression.
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
