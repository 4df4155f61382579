package dev.switchboard.sandbox.paging;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The position an {@code after} cursor stands for: after a resource id (in id order), or after a number of
 * results (in a sorted search).
 *
 * <p>On the wire a cursor is opaque, the unpadded base64url of {@code id:{id}} or {@code offset:{n}}, so that
 * clients follow {@code next} links instead of building cursors from ids (Okta: "treat the after cursor as
 * opaque", https://developer.okta.com/docs/api/#pagination).
 *
 * @param kind what the position is
 * @param value the id, or the offset in decimal
 */
public record Cursor(Kind kind, String value) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a cursor's position is. */
    public enum Kind {
        /** After the resource with this id, in id order. */
        AFTER_ID,
        /** After this many results of a sorted listing. */
        OFFSET
    }

    /**
     * Checks the arguments.
     *
     * @throws NullPointerException when an argument is null
     *
     * @param kind as described on the record
     * @param value as described on the record
     */
    public Cursor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * The cursor after a resource id.
     *
     * @param id the last id of the page
     * @return the cursor
     */
    public static Cursor afterId(String id) {
        return new Cursor(Kind.AFTER_ID, id);
    }

    /**
     * The cursor after a number of results.
     *
     * @param offset how many results came before the next page, at least 0
     * @return the cursor
     */
    public static Cursor offset(int offset) {
        return new Cursor(Kind.OFFSET, Integer.toString(offset));
    }

    /**
     * The offset of an {@link Kind#OFFSET} cursor.
     *
     * @return the offset, at least 0
     * @throws OktaException E0000029 when this is not an offset cursor
     */
    public int offsetValue() {
        if (kind != Kind.OFFSET) {
            throw OktaException.of(ErrorCode.E0000029);
        }
        return Integer.parseInt(value);
    }

    /**
     * The opaque form sent in {@code after=}.
     *
     * @return unpadded base64url text
     */
    public String encode() {
        String payload = (kind == Kind.AFTER_ID ? "id:" : "offset:") + value;
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an {@code after} parameter.
     *
     * @param encoded the parameter's value
     * @return the cursor
     * @throws OktaException 400 E0000029 when the value is not a cursor this sandbox issued
     */
    public static Cursor decode(String encoded) {
        String payload;
        try {
            payload = new String(DECODER.decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OktaException.withCauses(ErrorCode.E0000029, java.util.List.of("after: not a cursor from a next link"));
        }
        if (payload.startsWith("id:") && payload.length() > 3) {
            return afterId(payload.substring(3));
        }
        if (payload.startsWith("offset:")) {
            try {
                int offset = Integer.parseInt(payload.substring(7));
                if (offset >= 0) {
                    return offset(offset);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw OktaException.withCauses(ErrorCode.E0000029, java.util.List.of("after: not a cursor from a next link"));
    }

    /**
     * The id an {@code after} parameter of an id-ordered listing stands for.
     *
     * @param after the parameter, empty for the first page
     * @return the id the page starts after, or empty for the first page
     * @throws OktaException 400 E0000029 when the value is not an id cursor this sandbox issued
     */
    public static Optional<String> afterIdOf(Optional<String> after) {
        return after.map(Cursor::decode).map(cursor -> {
            if (cursor.kind() != Kind.AFTER_ID) {
                throw OktaException.withCauses(ErrorCode.E0000029, java.util.List.of("after: not a cursor of this listing"));
            }
            return cursor.value();
        });
    }
}
