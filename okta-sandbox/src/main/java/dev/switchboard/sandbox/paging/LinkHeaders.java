package dev.switchboard.sandbox.paging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds Okta's {@code Link} header values, one per relation, e.g.
 * {@code <http://127.0.0.1:43121/api/v1/users?after=aWQ6MDB1&limit=200>; rel="next"}, and the query strings
 * inside them.
 */
public final class LinkHeaders {
    private LinkHeaders() {
    }

    /**
     * One {@code Link} header value.
     *
     * @param url the absolute target URL
     * @param rel the relation, e.g. {@code self} or {@code next}
     * @return {@code <url>; rel="rel"}
     */
    public static String link(String url, String rel) {
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    /**
     * A query string with each name and value percent-encoded as a URI query component (RFC 3986): a space
     * becomes {@code %20}, {@code +} becomes {@code %2B}, {@code "} becomes {@code %22}, {@code @} becomes
     * {@code %40}, so that any client decodes it back to the same text.
     *
     * @param parameters names to values, in the order to write them
     * @return {@code name=value&...} without a leading {@code ?}; empty for no parameters
     */
    public static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(name)).append('=').append(encode(value));
        });
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
