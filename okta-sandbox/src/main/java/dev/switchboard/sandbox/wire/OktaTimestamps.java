package dev.switchboard.sandbox.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Okta's timestamp format, {@code YYYY-MM-DDTHH:mm:ss.SSSZ} in UTC with milliseconds, e.g.
 * {@code 2024-03-01T10:15:30.000Z}.
 *
 * <p>Source: OKTA-WIRE.md "Datetimes" and the {@code date-time} examples of the Management API description.
 */
public final class OktaTimestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private OktaTimestamps() {
    }

    /**
     * Formats an instant as Okta does, truncated to milliseconds.
     *
     * @param instant the moment
     * @return e.g. {@code 2024-03-01T10:15:30.000Z}
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses an ISO-8601 instant such as Okta's {@code 2024-03-01T10:15:30.000Z} (milliseconds optional, an
     * offset such as {@code +02:00} accepted).
     *
     * @param text the text to parse
     * @return the instant, or empty when {@code text} is not an ISO-8601 date-time with a zone
     */
    public static Optional<Instant> parse(String text) {
        if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return Optional.empty();
        }
        try {
            return Optional.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
