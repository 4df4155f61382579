package dev.switchboard.sandbox.paging;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletApiResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds Okta's {@code Link} header values, one per relation, e.g.
 * {@code <http://127.0.0.1:43121/api/v1/users?after=aWQ6MDB1&limit=200>; rel="next"}, and the query strings
 * inside them.
 */
public final class LinkHeaders {
    /**
     * The header's name, in lower case as Okta sends it (Okta's pagination documentation shows
     * {@code link: <...>; rel="next"}). Header names are case-insensitive (RFC 9110), but Okta's Java SDK 24
     * looks the header up as {@code link} exactly ({@code PaginationUtil.getAfter}).
     */
    public static final String HEADER = "link";
    private LinkHeaders() {
    }

    /**
     * Adds one {@code link} header to a response, its name in lower case on the wire. Jetty writes the names of
     * headers it knows in their canonical case ({@code Link}), so the field is added without Jetty's header
     * identity.
     *
     * @param ctx the response's context
     * @param url the absolute target URL
     * @param rel the relation, e.g. {@code self} or {@code next}
     */
    public static void add(Context ctx, String url, String rel) {
        String value = link(url, rel);
        if (ctx.res() instanceof ServletApiResponse servlet) {
            servlet.getResponse().getHeaders().add(new HttpField((HttpHeader) null, HEADER, value));
        } else {
            ctx.res().addHeader(HEADER, value);
        }
    }

    /**
     * Adds the {@code link} headers of one page of a listing: {@code self} (the request's own URL) and, when a
     * next page exists, {@code next} with its cursor, the page size and the parameters the listing repeats.
     *
     * @param ctx the response's context
     * @param orgUrl the org's base URL without trailing slash
     * @param next the next page's cursor; empty on the last page
     * @param limit the page size
     * @param carried parameters the next page repeats, e.g. {@code search}
     */
    public static void addPage(Context ctx, String orgUrl, Optional<Cursor> next, int limit, Map<String, String> carried) {
        String query = ctx.queryString();
        add(ctx, orgUrl + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query), "self");
        next.ifPresent(cursor -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("after", cursor.encode());
            parameters.put("limit", Integer.toString(limit));
            parameters.putAll(carried);
            add(ctx, orgUrl + ctx.path() + "?" + query(parameters), "next");
        });
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
