package dev.switchboard.sandbox.ratelimit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One rate-limit bucket and the requests it counts: an optional HTTP method and a path template whose segments
 * are literals or {@code {name}} (one segment), optionally ending in {@code /*} (any further segments).
 *
 * <p>Examples: {@code /api/v1/users} matches that path only; {@code GET /api/v1/users/{idOrLogin}} matches a
 * GET of one user; {@code /api/v1/*} matches every other API path. As in Okta, the first (most specific)
 * matching rule of a list wins.
 *
 * @param bucket the bucket's name, shown in nothing but logs and tests, e.g. {@code /api/v1/users}
 * @param method the HTTP method in upper case, or empty for any method
 * @param pathTemplate the path template
 * @param limit requests allowed per window, at least 1
 */
public record RateLimitRule(String bucket, Optional<String> method, String pathTemplate, int limit) {

    /**
     * Checks the arguments.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1 or the template does not start with /
     *
     * @param bucket as described on the record
     * @param method as described on the record
     * @param pathTemplate as described on the record
     * @param limit as described on the record
     */
    public RateLimitRule {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        if (limit < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least 1 request per window: " + limit);
        }
        if (!pathTemplate.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + pathTemplate);
        }
        method = method.map(m -> m.toUpperCase(Locale.ROOT));
    }

    /**
     * A rule for any method.
     *
     * @param pathTemplate the path template, also the bucket's name
     * @param limit requests allowed per window
     * @return the rule
     */
    public static RateLimitRule anyMethod(String pathTemplate, int limit) {
        return new RateLimitRule(pathTemplate, Optional.empty(), pathTemplate, limit);
    }

    /**
     * A rule for one method; its bucket is named {@code METHOD template}.
     *
     * @param method the HTTP method
     * @param pathTemplate the path template
     * @param limit requests allowed per window
     * @return the rule
     */
    public static RateLimitRule forMethod(String method, String pathTemplate, int limit) {
        String upper = method.toUpperCase(Locale.ROOT);
        return new RateLimitRule(upper + " " + pathTemplate, Optional.of(upper), pathTemplate, limit);
    }

    /**
     * The default bucket families of the sandbox, all with the same limit (Okta's typical org values differ per
     * family; see OKTA-WIRE.md): {@code /api/v1/users}, {@code GET /api/v1/users/{idOrLogin}},
     * {@code /api/v1/users/{id}}, {@code /api/v1/groups}, {@code /api/v1/logs}, {@code /api/v1/*}, and
     * {@code /*} for anything outside the API.
     *
     * @param limit requests allowed per window in every bucket
     * @return the rules, most specific first
     */
    public static List<RateLimitRule> defaults(int limit) {
        return List.of(
                anyMethod("/api/v1/users", limit),
                forMethod("GET", "/api/v1/users/{idOrLogin}", limit),
                anyMethod("/api/v1/users/{id}", limit),
                anyMethod("/api/v1/groups", limit),
                anyMethod("/api/v1/logs", limit),
                anyMethod("/oauth2/v1/token", limit),
                anyMethod("/api/v1/*", limit),
                anyMethod("/*", limit));
    }

    /**
     * Whether this rule counts the given request.
     *
     * @param requestMethod the request's HTTP method
     * @param path the request's path, without query, e.g. {@code /api/v1/users/00u1}
     * @return whether method and path match
     */
    public boolean matches(String requestMethod, String path) {
        if (method.isPresent() && !method.get().equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String[] template = segments(pathTemplate);
        String[] actual = segments(path);
        for (int i = 0; i < template.length; i++) {
            if (template[i].equals("*") && i == template.length - 1) {
                return actual.length >= i;
            }
            if (i >= actual.length) {
                return false;
            }
            boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
            if (!parameter && !template[i].equals(actual[i])) {
                return false;
            }
        }
        return actual.length == template.length;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
