package dev.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain {@link HttpClient} against a sandbox, as any independent client would call it (never Switchboard's
 * engine). Paths and queries are sent exactly as written: the caller encodes them.
 */
final class SandboxClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("^<([^>]*)>; rel=\"([^\"]*)\"$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI orgUrl;
    private final String token;

    SandboxClient(URI orgUrl, String token) {
        this.orgUrl = orgUrl;
        this.token = token;
    }

    /** GET with {@code Authorization: SSWS {token}}; {@code pathAndQuery} is sent as is. */
    HttpResponse<String> get(String pathAndQuery) {
        return send("GET", URI.create(orgUrl + pathAndQuery), Optional.of("SSWS " + token));
    }

    /** GET of an absolute URL, e.g. a {@code next} link, with the SSWS token. */
    HttpResponse<String> getUrl(String url) {
        return send("GET", URI.create(url), Optional.of("SSWS " + token));
    }

    /** A request with the given {@code Authorization} value, or none. */
    HttpResponse<String> send(String method, String pathAndQuery, Optional<String> authorization) {
        return send(method, URI.create(orgUrl + pathAndQuery), authorization);
    }

    /** A request with a JSON body and the SSWS token. */
    HttpResponse<String> send(String method, String pathAndQuery, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(orgUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "SSWS " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(request);
    }

    /** A request with a JSON body, the SSWS token and more headers. */
    HttpResponse<String> send(String method, String pathAndQuery, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(orgUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "SSWS " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(request::header);
        return send(request);
    }

    /** POST with a JSON body and the SSWS token. */
    HttpResponse<String> post(String pathAndQuery, String jsonBody) {
        return send("POST", pathAndQuery, jsonBody);
    }

    private HttpResponse<String> send(String method, URI uri, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> request.header("Authorization", value));
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code GET {target}} over a plain socket, for request targets that {@link java.net.URI} refuses to
     * build (malformed percent-encoding): the bytes on the wire are exactly these.
     *
     * @return the whole response: status line, headers, blank line, body
     */
    String rawGet(String target) {
        try (java.net.Socket socket = new java.net.Socket(orgUrl.getHost(), orgUrl.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + orgUrl.getHost() + "\r\nAuthorization: SSWS "
                    + token + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** The ids of a JSON array of users. */
    static List<String> ids(HttpResponse<String> response) {
        List<String> ids = new ArrayList<>();
        json(response).forEach(user -> ids.add(user.get("id").asText()));
        return ids;
    }

    /** The URL of the {@code Link} header with this relation. */
    static Optional<String> link(HttpResponse<String> response, String rel) {
        for (String value : response.headers().allValues("Link")) {
            Matcher matcher = LINK.matcher(value);
            if (matcher.matches() && matcher.group(2).equals(rel)) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }
}
