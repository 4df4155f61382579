package dev.switchboard.sandbox.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One rate-limit bucket and the requests it counts: optional HTTP methods and a path template whose segments are
 * literals or {@code {name}} (one segment), optionally ending in {@code /*} (a prefix: any further segments,
 * none included).
 *
 * <p>Okta matches a request to its bucket by exact path first, then by the longest prefix (OKTA-WIRE.md "Rate
 * limits"); {@link #specificity()} orders rules that way, whatever order they are given in.
 *
 * @param bucket the bucket's name, e.g. {@code GET /api/v1/users/{idOrLogin}}; unique among rules
 * @param methods the HTTP methods counted, upper case; empty for every method
 * @param pathTemplate the path template
 * @param limit requests allowed per window, at least 1
 */
public record RateLimitRule(String bucket, Set<String> methods, String pathTemplate, int limit) {

    /** The bucket of every {@code /api/v1} path no other bucket counts. */
    public static final String API_BUCKET = "/api/v1";

    /**
     * Checks the arguments and normalizes the methods.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1 or the template does not start with /
     *
     * @param bucket as described on the record
     * @param methods as described on the record
     * @param pathTemplate as described on the record
     * @param limit as described on the record
     */
    public RateLimitRule {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        if (limit < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least 1 request per window: " + limit);
        }
        if (!pathTemplate.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + pathTemplate);
        }
        Set<String> upper = new java.util.TreeSet<>();
        methods.forEach(method -> upper.add(method.toUpperCase(Locale.ROOT)));
        methods = Set.copyOf(upper);
    }

    /**
     * The same bucket with another limit.
     *
     * @param newLimit requests allowed per window
     * @return the rule
     */
    public RateLimitRule withLimit(int newLimit) {
        return new RateLimitRule(bucket, methods, pathTemplate, newLimit);
    }

    /**
     * Okta's typical per-minute limits of an org, by bucket (OKTA-WIRE.md "Rate limits", from
     * https://developer.okta.com/docs/reference/rl-global-mgmt/): {@code GET/POST /api/v1/users} 600,
     * {@code GET /api/v1/users/{idOrLogin}} 2000, {@code POST/PUT/DELETE /api/v1/users/{id}} 600,
     * {@code /api/v1/groups} and below 500, {@code /api/v1/logs} 120, {@code /oauth2/v1/token} 600, every other
     * {@code /api/v1} path 1200, and anything else 1200.
     *
     * @return the rules
     */
    public static List<RateLimitRule> defaults() {
        return List.of(
                new RateLimitRule("/api/v1/users", Set.of("GET", "POST"), "/api/v1/users", 600),
                new RateLimitRule("GET /api/v1/users/{idOrLogin}", Set.of("GET"), "/api/v1/users/{idOrLogin}", 2000),
                new RateLimitRule("/api/v1/users/{id}", Set.of("POST", "PUT", "DELETE"), "/api/v1/users/{id}", 600),
                new RateLimitRule("/api/v1/groups", Set.of(), "/api/v1/groups/*", 500),
                new RateLimitRule("/api/v1/logs", Set.of(), "/api/v1/logs/*", 120),
                new RateLimitRule("/oauth2/v1/token", Set.of(), "/oauth2/v1/token", 600),
                new RateLimitRule(API_BUCKET, Set.of(), "/api/v1/*", 1200),
                new RateLimitRule("/", Set.of(), "/*", 1200));
    }

    /**
     * The default rules with every limit replaced.
     *
     * @param limit requests allowed per window in every bucket
     * @return the rules
     */
    public static List<RateLimitRule> defaults(int limit) {
        return defaults().stream().map(rule -> rule.withLimit(limit)).toList();
    }

    /**
     * Rules with some limits replaced.
     *
     * @param rules the rules
     * @param limits new limits by bucket name
     * @return the rules, in the same order
     * @throws IllegalArgumentException when a name is not a bucket of the rules
     */
    public static List<RateLimitRule> withLimits(List<RateLimitRule> rules, Map<String, Integer> limits) {
        List<RateLimitRule> changed = new ArrayList<>();
        for (String bucket : limits.keySet()) {
            if (rules.stream().noneMatch(rule -> rule.bucket().equals(bucket))) {
                throw new IllegalArgumentException("no rate-limit bucket '" + bucket + "'; the buckets are "
                        + rules.stream().map(RateLimitRule::bucket).toList());
            }
        }
        rules.forEach(rule -> changed.add(limits.containsKey(rule.bucket()) ? rule.withLimit(limits.get(rule.bucket())) : rule));
        return changed;
    }

    /**
     * Whether the template is a prefix ({@code /*} at the end) rather than an exact path.
     *
     * @return true for a prefix
     */
    public boolean isPrefix() {
        return pathTemplate.endsWith("/*");
    }

    /**
     * The rule's rank in matching: exact paths before prefixes; among exact paths, more literal segments first;
     * among prefixes, longer first. Lower ranks first.
     *
     * @return a sort key
     */
    public int specificity() {
        String[] segments = segments(pathTemplate);
        int literals = 0;
        for (String segment : segments) {
            if (!segment.equals("*") && !(segment.startsWith("{") && segment.endsWith("}"))) {
                literals++;
            }
        }
        return (isPrefix() ? 1000 : 0) - segments.length * 10 - literals;
    }

    /**
     * Whether this rule counts the given request.
     *
     * @param requestMethod the request's HTTP method
     * @param path the request's path, without query, e.g. {@code /api/v1/users/00u1}
     * @return whether method and path match
     */
    public boolean matches(String requestMethod, String path) {
        if (!methods.isEmpty() && !methods.contains(requestMethod.toUpperCase(Locale.ROOT))) {
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
