package dev.switchboard.sandbox.tokens;

import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An API token as Okta describes it (the {@code ApiToken} schema), without its secret: the sandbox keeps only a
 * SHA-256 hash of the secret, and the secret itself is shown once, when the token is created.
 *
 * @param id the token id, {@code 00T} followed by 17 alphanumerics
 * @param name the name given at creation, e.g. {@code Agent Studio Connector}
 * @param userId the id of the admin who created the token and whose privileges it carries
 * @param clientName the client that created it: {@code Okta API} for tokens the sandbox issues
 * @param created when the token was created
 * @param lastUpdated when the token's name or network condition last changed
 * @param expiresAt when it expires unless used before: its last use plus the token window
 * @param tokenWindow how long the token may go unused before it expires (Okta: 30 days)
 * @param network the network condition, {@code {connection, include[], exclude[]}}; Okta's default is
 *     {@code {"connection":"ANYWHERE"}}. Recorded and served, not enforced (every sandbox client is local).
 * @param secretHash the lowercase hex SHA-256 of the secret
 */
public record ApiToken(
        String id,
        String name,
        String userId,
        String clientName,
        Instant created,
        Instant lastUpdated,
        Instant expiresAt,
        Duration tokenWindow,
        Map<String, Object> network,
        String secretHash) {

    /**
     * Checks the arguments and copies the network condition.
     *
     * @param id as described on the record
     * @param name as described on the record
     * @param userId as described on the record
     * @param clientName as described on the record
     * @param created as described on the record
     * @param lastUpdated as described on the record
     * @param expiresAt as described on the record
     * @param tokenWindow as described on the record
     * @param network as described on the record
     * @param secretHash as described on the record
     */
    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(tokenWindow, "tokenWindow");
        Objects.requireNonNull(secretHash, "secretHash");
        network = Map.copyOf(network);
    }

    /**
     * The token as {@code GET /api/v1/api-tokens/{id}} serves it; never the secret nor its hash.
     *
     * @param orgUrl the org's base URL, for {@code _links}
     * @return an ordered map of JSON values
     */
    public Map<String, Object> json(String orgUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("userId", userId);
        json.put("tokenWindow", isoDuration(tokenWindow));
        json.put("clientName", clientName);
        json.put("expiresAt", OktaTimestamps.format(expiresAt));
        json.put("created", OktaTimestamps.format(created));
        json.put("lastUpdated", OktaTimestamps.format(lastUpdated));
        json.put("network", network);
        json.put("_links", Map.of("self", Map.of("href", orgUrl + "/api/v1/api-tokens/" + id,
                "hints", Map.of("allow", List.of("GET", "DELETE", "PUT")))));
        return json;
    }

    /**
     * An ISO-8601 duration as Okta writes token windows: whole days as {@code P30D}, otherwise hours, minutes and
     * seconds, e.g. {@code PT90S} is written {@code PT1M30S}.
     *
     * @param duration a duration of whole seconds
     * @return the text
     */
    public static String isoDuration(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0 && !duration.isZero()) {
            return "P" + duration.toDays() + "D";
        }
        return duration.withNanos(0).toString();
    }
}
