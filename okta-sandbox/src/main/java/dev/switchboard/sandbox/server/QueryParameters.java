package dev.switchboard.sandbox.server;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's query parameters, decoded strictly as HTML form data ({@code application/x-www-form-urlencoded}):
 * a raw {@code +} is a space, {@code %2B} a plus, {@code %XX} a UTF-8 byte. This is how Okta reads query
 * parameters (OKTA-WIRE.md: "a raw {@code +} reads as a space"; case C01).
 *
 * <p>Unlike a lenient decoder, a parameter whose encoding is broken ({@code %ZZ}, a lone {@code %}, bytes
 * that are not UTF-8) is not dropped silently: asking for it is a 400 error, so that a broken {@code search}
 * never turns into an unfiltered listing.
 */
public final class QueryParameters {
    private final Map<String, Optional<String>> firstValues;

    private QueryParameters(Map<String, Optional<String>> firstValues) {
        this.firstValues = firstValues;
    }

    /**
     * Parses a raw query string.
     *
     * @param rawQuery the query as received, without {@code ?}; null or empty for none
     * @return the parameters; for a repeated name the first occurrence counts
     */
    public static QueryParameters parse(String rawQuery) {
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                Optional<String> name = decode(equals < 0 ? pair : pair.substring(0, equals));
                Optional<String> value = equals < 0 ? Optional.of("") : decode(pair.substring(equals + 1));
                String key = name.orElse(pair.substring(0, equals < 0 ? pair.length() : equals));
                values.putIfAbsent(key, name.isPresent() ? value : Optional.empty());
            }
        }
        return new QueryParameters(values);
    }

    /**
     * The first value of a parameter, answering a broken encoding with the given error.
     *
     * @param name the parameter's name, case-sensitive
     * @param whenMalformed the 400 error to answer when the value's encoding is broken
     * @return the decoded value, or empty when the parameter is absent or empty
     * @throws OktaException {@code whenMalformed}, with a cause naming the parameter, for a broken encoding
     */
    public Optional<String> first(String name, ErrorCode whenMalformed) {
        Optional<String> value = firstValues.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw OktaException.withCauses(whenMalformed,
                    List.of(name + ": the value's URL encoding is broken (a % must be followed by two hex digits of UTF-8)"));
        }
        return value.filter(text -> !text.isEmpty());
    }

    private static Optional<String> decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                int codePoint = encoded.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
